"""The atoms as config (multilevel.atom): species-aware resonance checks, the Doppler test
of the resonant fields, the lab section and the operating point in lab units."""

import numpy as np
import pytest
import scipy.constants as sc
from scipy.linalg import expm

from dissipative_entanglement.atoms.doppler import doppler_width_MHz
from dissipative_entanglement.atoms.species import SPECIES
from dissipative_entanglement.lab.planning import LabSpec, lab_errors, lab_table
from dissipative_entanglement.multilevel.operating_point import operating_point
from dissipative_entanglement.multilevel.options import MultilevelOptions
from dissipative_entanglement.multilevel.probe_validity import (
    detuning_errors,
    probe_detuning_problems,
    probe_lines_MHz,
)
from dissipative_entanglement.multilevel.pump import pumped_rates
from dissipative_entanglement.multilevel.resonant_validity import (
    resonant_field_errors,
    resonant_fields,
)
from dissipative_entanglement.multilevel.setup import MultilevelSetup

from ..helpers import REPO, config_errors, one, resolved_config

DOPPLER = MultilevelOptions(pump_levels="doppler_weighted")

#: Rb87 D2 in MHz, typed from Steck's "Rubidium 87 D Line Data" (rev. 2.3.3), Table 7 and
#: Fig. 2: ground splitting and the 5P3/2 intervals F'=3-2, 2-1, 1-0
RB87_GROUND = 6834.682610904
RB87_EXCITED = {3: 0.0, 2: -266.650, 1: -266.650 - 156.947, 0: -266.650 - 156.947 - 72.218}


def test_rb87_probe_lines_against_steck():
    """Line positions from F=2 -> F'=3 (the reference), typed from Steck; tolerance 2 kHz
    from the interval uncertainties (a few kHz)."""
    lines = probe_lines_MHz("highest", species="Rb87", line="D2")
    expected = {(2, fe): pos for fe, pos in RB87_EXCITED.items() if fe >= 1}
    expected |= {(1, fe): RB87_GROUND + pos for fe, pos in RB87_EXCITED.items() if fe <= 2}
    assert set(lines) == set(expected)
    for key, position in expected.items():
        assert lines[key] == pytest.approx(position, abs=2e-2), key


@pytest.mark.parametrize("species", sorted(SPECIES))
@pytest.mark.parametrize("line", ["D1", "D2"])
def test_every_line_is_refused_at_its_resonance(species, line):
    """Each dipole-allowed line is refused at zero margin exactly on it, not 1 MHz off
    unless another line lies within 1 MHz or (mu, nu) is not real there."""
    lines = probe_lines_MHz("highest", species=species, line=line)
    positions = np.array(list(lines.values()))
    on = probe_detuning_problems(positions, "y", "highest", 0.0, species=species, line=line)
    assert all(reason.startswith("within 0 MHz of the " + line) for reason in on)


def test_detuning_message_names_species_reference():
    errors = detuning_errors(
        "multilevel.detuning_MHz", [-266.65], "y", "highest", 375.0, species="Rb87", line="D2"
    )
    assert len(errors) == 1
    assert "D2 line F=2 -> F'=2" in errors[0] and "Rb87 D2: F=2 -> F'=3" in errors[0]
    assert detuning_errors("k", [700.0], "y", "F3", 375.0, species="Rb87", line="D2") == []


def test_doppler_test_of_the_resonant_fields():
    """Cs at 22 C passes (201.3 MHz > HWHM); Rb87's pump fails (156.9 MHz); the highest
    temperature is where the HWHM, recomputed here, equals the distance."""
    pump, repump = resonant_fields("Cs133", 22.0)
    assert pump.resolved and repump.resolved
    assert pump.nearest == "F=4 -> F'=3" and pump.distance_MHz == pytest.approx(201.2871, abs=1e-3)
    width = doppler_width_MHz("Cs133", "D2", pump.max_temperature_C)
    assert width / 2 == pytest.approx(pump.distance_MHz, rel=1e-9)
    assert resonant_field_errors("Cs133", 22.0, MultilevelOptions()) == []
    hot = resonant_field_errors("Cs133", 80.0, MultilevelOptions())
    assert len(hot) == 1 and "below 66" in hot[0]
    rb = resonant_field_errors("Rb87", 22.0, MultilevelOptions())
    assert len(rb) == 1 and "F=2 -> F'=1, 156.9 MHz" in rb[0]
    assert resonant_field_errors("Rb87", 22.0, DOPPLER) == []
    assert len(resonant_field_errors("K39", 22.0, MultilevelOptions())) == 2  # pump and repump


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("multilevel: {atom: {species: Rb87}}", ["pump_levels = 'resonant_only'"]),
        ("multilevel: {atom: {species: Xe131}}", ["Xe131"]),
        ("multilevel: {atom: Rb87}", ["multilevel.atom"]),
        ("multilevel: {atom: {species: Rb87, line: D3}}", ["D3"]),
        (
            "multilevel: {atom: {species: Rb87}, model: {pump_levels: doppler_weighted,"
            " detuning_reference: F4}}",
            ["detuning_reference = 'F4'", "Rb87", "'F3'"],
        ),
        (
            "multilevel: {atom: {species: K39}, model: {pump_levels: doppler_weighted}}",
            ["multilevel.detuning_MHz", "K39 D2"],  # 700 MHz is 238 MHz from the F=1 lines
        ),
        (  # the deprecated name of the section is read as multilevel
            "cesium: {atom: {species: Rb87}}",
            ["multilevel.model.pump_levels = 'resonant_only'"],
        ),
    ],
)
def test_config_refuses_atoms_it_cannot_describe(text, words):
    message = config_errors(text)
    assert message.startswith("invalid configuration (nothing was run)")
    assert all(word in message for word in words), message


def test_config_accepts_rb87_with_the_doppler_reading():
    rb87 = "multilevel: {atom: {species: Rb87}, model: {pump_levels: doppler_weighted}}"
    assert config_errors(rb87) == ""
    assert config_errors("multilevel: {atom: {species: Cs133, line: D1}}") == ""
    # every reading for every atoms: the lower-manifold model of Rb-87 (F_low = 1)
    lower = "multilevel: {atom: {species: Rb87}, model: {pump_levels: doppler_weighted,"
    assert config_errors(lower + " h_return: lower_manifold}}") == ""


def test_lab_spec_needs_the_probe_one_way():
    with pytest.raises(ValueError, match="not both and not neither"):
        LabSpec.from_config({"probe_power_mW": 1.0})
    with pytest.raises(ValueError, match="not both"):
        LabSpec.from_config({"probe_power_mW": 1, "beam_waist_mm": 1, "probe_intensity_mW_cm2": 1})
    cesium = resolved_config({})["multilevel"]
    hot = dict(cesium, temperature_C=300.0)  # above the 550 K of the vapour-pressure fit
    assert (
        "saturated Cs133 vapour"
        in lab_errors(hot, {"probe_intensity_mW_cm2": 1.0, "cell_length_cm": 3.0})[0]
    )
    alone = lab_errors(cesium, {"probe_intensity_mW_cm2": 1.0, "atom_density_cm3": 1e10})
    assert alone == ["lab.atom_density_cm3 needs lab.cell_length_cm (the cell's n sigma_0 L)"]
    cell = {"probe_intensity_mW_cm2": 1.0, "atom_density_cm3": 1e10, "cell_length_cm": 3.0}
    assert lab_errors(cesium, cell) == []
    incoherent = dict(cesium, model={**cesium["model"], "amplitude_sum": "incoherent"})
    assert "amplitude_sum" in lab_errors(incoherent, cell)[0]


RB87 = MultilevelSetup(
    detuning_MHz=700.0,
    probe_polarization="y",
    optical_depth=527.0,
    temperature_C=40.0,
    options=DOPPLER,
    species="Rb87",
    line="D2",
)
LAB = LabSpec.from_config(
    {"probe_power_mW": 1, "beam_waist_mm": 2, "cell_length_cm": 3, "magnetic_field_G": 1}
)


def test_population_rate_against_matrix_exponential():
    """The slowest population rate of Eq. (26), from exp(M t) built here: the distance to
    the stationary state decays as exp(-lambda t) at long times."""
    point = operating_point(RB87, 1.0)
    r, _ = pumped_rates(RB87.rates, 1.0, RB87.options)
    f = {k: float(np.squeeze(getattr(r, k))) for k in ("up_down", "down_up", "up_h", "down_h")}
    f |= {k: float(np.squeeze(getattr(r, k))) for k in ("h_up", "h_down")}
    m = np.array(
        [
            [-(f["up_down"] + f["up_h"]), f["down_up"], f["h_up"]],
            [f["up_down"], -(f["down_up"] + f["down_h"]), f["h_down"]],
            [f["up_h"], f["down_h"], -(f["h_up"] + f["h_down"])],
        ]
    )
    n0 = np.array([1.0, 0.0, 0.0])
    t1, t2 = 0.5, 0.7  # units of 1/Gamma, long against 1/lambda ~ 0.03
    final = expm(m * 50.0) @ n0
    d1 = np.linalg.norm(expm(m * t1) @ n0 - final)
    d2 = np.linalg.norm(expm(m * t2) @ n0 - final)
    # the faster mode (rate >~ 60 Gamma here) leaves < 1e-5 of the slope at t >= 0.5
    assert np.log(d1 / d2) / (t2 - t1) == pytest.approx(point["population_rate"], rel=1e-4)


def test_lab_table_against_hand_formulas():
    """Each derived row recomputed here from its formula and Steck's Rb87 numbers."""
    point = operating_point(RB87, LAB.x_repump)
    rows = lab_table(RB87, LAB, point).set_index("quantity")["value"]
    gamma = rows["rate_unit_Gamma"]
    assert rows["probe_intensity"] == pytest.approx(2 * 1.0 / (np.pi * 0.2**2), rel=1e-12)
    assert rows["unit_time"] == pytest.approx(1e3 / gamma, rel=1e-12)
    assert rows["entangling_rate"] == pytest.approx(527.0 * gamma, rel=1e-12)
    slower = min(point["transverse_rate"], point["population_rate"])
    assert rows["time_to_steady_state"] == pytest.approx(5e3 / (slower * gamma), rel=1e-12)
    # Larmor: g_F(F=2) = g_J/4 - 3 g_I/4 ... (Steck: 0.49984 for F=2); mu_B B / h at 1 G
    g_f = (2.00233113 * (6 - 3.75 + 0.75) + -0.0009951414 * (6 + 3.75 - 0.75)) / 12
    larmor_kHz = g_f * sc.physical_constants["Bohr magneton"][0] * 1e-4 / sc.h / 1e3
    assert rows["larmor_frequency"] == pytest.approx(larmor_kHz, rel=1e-6)
    assert rows["field_max"] == pytest.approx(1e-2 * 700e3 / larmor_kHz, rel=1e-6)
    # pump intensity: the Doppler average of a Lorentzian of width Gamma_nat over a
    # Gaussian of FWHM delta_D, computed here by quadrature, sets Omega^2 for the model's
    # s Gamma; I = 2 I_sat Omega^2 / Gamma_nat^2
    kelvin = 313.15
    mass = 86.909180527 * sc.atomic_mass
    fwhm_hz = np.sqrt(8 * np.log(2) * sc.k * kelvin / mass) / 780.241209686e-9
    gamma_nat = 2 * np.pi * 6.0666e6
    i_sat = np.pi * sc.h * sc.c * gamma_nat / (3 * 780.241209686e-9**3) / 10  # mW/cm^2
    delta_d = 2 * np.pi * fwhm_hz
    sigma = delta_d / (2 * np.sqrt(2 * np.log(2)))
    x = np.linspace(-8 * sigma, 8 * sigma, 400001)
    gauss = np.exp(-(x**2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi))
    lorentz = gamma_nat * 0.25 / (x**2 + gamma_nat**2 / 4)  # rate per Omega^2, weak drive
    rate_per_rabi2 = np.sum(gauss * lorentz) * (x[1] - x[0])
    expected = 2 * i_sat * (point["s_pump"] * gamma / rate_per_rabi2) / gamma_nat**2
    # Gamma_nat typed to 4 digits; the closed form drops O(Gamma_nat/delta_D) = 1e-2
    assert rows["pump_intensity"] == pytest.approx(expected, rel=2e-2)
    assert (
        "holds" in lab_table(RB87, LAB, point).set_index("quantity").loc["larmor_frequency", "note"]
    )


def test_rates_table_of_other_atoms_matches_their_three_level_rates():
    """rates.csv for Rb87: the up/down rows are the setup's probe rates (nu^2, mu^2 in
    units of Gamma) and the pump row down->up its pump unit rate; detunings from F'=3."""
    from dissipative_entanglement.atoms.couplings import squeezing_parameters
    from dissipative_entanglement.multilevel.tables import rates_table

    table = rates_table(RB87)
    rows = table.set_index(["three_level", "process"])["rate_per_gamma"]
    p = squeezing_parameters("Rb87", "D2", 700.0, "y", detuning_reference="highest")
    assert one(rows, ("up->down", "probe")) == pytest.approx(float(p.nu) ** 2, rel=1e-12)
    assert one(rows, ("down->up", "probe")) == pytest.approx(float(p.mu) ** 2, rel=1e-12)
    assert one(rows, ("down->up", "pump")) == pytest.approx(float(RB87.rates.pump_unit.down_up))
    assert set(table["detuning_reference"]) == {"F3"}
    assert not table["rate_per_gamma"].isna().any()


def test_the_commented_lab_example_of_the_config_validates():
    """config/config.yaml shows the lab section as comments; uncommented it must pass."""
    import yaml

    text = (REPO / "config" / "config.yaml").read_text()
    block = text[text.index("# lab:") : text.index("\nvalidation:")]
    lines = [line[2:].split("#")[0] for line in block.splitlines() if line.startswith("# ")]
    example = yaml.safe_load("\n".join(lines))
    assert set(example["lab"]) >= {"probe_power_mW", "cell_length_cm", "atom_density_cm3"}
    assert config_errors(example) == ""
