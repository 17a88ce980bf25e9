"""Lab planning inputs: dephasing from the lab, the cell's d in the model, 22 C, YAML numbers.

The factor 2 between a lab's T2 and Gamma_d^add is checked on a two-level Lindblad equation
written here; the transit rate on sampled thermal velocities; the vapour extension on the
Clausius-Clapeyron form; number reading on every shipped config and study file.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.constants as sc
from scipy.linalg import expm

from dissipative_entanglement.atoms.species import get_species
from dissipative_entanglement.config import exponent_numbers_as_floats, load_yaml
from dissipative_entanglement.lab.dephasing import (
    gamma_d_add_from_rate,
    mean_transverse_speed_m_s,
    transit_rate_per_s,
)
from dissipative_entanglement.lab.ensemble import atom_density
from dissipative_entanglement.lab.planning import LabSpec, lab_errors, lab_units_table
from tests.helpers import REPO, SCHEMA_FILE, config_errors, rb87_d2_multilevel, resolved_config

RB87_CELL = {
    "probe_power_mW": 1.0,
    "beam_waist_mm": 2.0,
    "cell_length_cm": 3.0,
    "x_repump": 1.0,
    "isotope_fraction": 1.0,  # enriched: natural Rb-85 lines lie within the margin
}


# ----------------------------------------------------------------------------- dephasing


@pytest.mark.parametrize("t2_ms, gamma_per_s", [(30.0, 64.0), (2.0, 1.0e3)])
def test_t2_gives_the_dephasing_that_damps_the_coherence_at_1_over_t2(t2_ms, gamma_per_s):
    """rho' = Gamma_d^add Gamma D[|down><down|] rho (the model's dephasing, App. D): the
    up/down coherence of one atom must decay as exp(-t / T2)."""
    g_add = gamma_d_add_from_rate(1e3 / t2_ms, gamma_per_s)
    rate = g_add * gamma_per_s  # 1/s
    down = np.diag([0.0, 1.0])  # basis (up, down)

    def lindblad(rho):
        return rate * (down @ rho @ down - 0.5 * (down @ rho + rho @ down))

    basis = [np.eye(2)[:, [i]] @ np.eye(2)[[j], :] for i in range(2) for j in range(2)]
    generator = np.array([lindblad(b).ravel() for b in basis]).T  # vec(rho) -> vec(rho')
    rho0 = np.full((2, 2), 0.5)  # spin along x
    t = 1e-3 * t2_ms  # one T2, in s
    rho_t = (expm(generator * t) @ rho0.ravel()).reshape(2, 2)
    assert rho_t[0, 1] / rho0[0, 1] == pytest.approx(np.exp(-1.0), rel=1e-12)


def test_transit_rate_is_the_mean_transverse_speed_over_the_diameter():
    """<|v_perp|> of sampled Maxwell-Boltzmann velocities (Rb-87, 40 C) over 2 w."""
    mass = get_species("Rb87").mass_u * sc.atomic_mass
    sigma = np.sqrt(sc.k * 313.15 / mass)
    rng = np.random.default_rng(7)
    v = rng.normal(0.0, sigma, size=(400_000, 2))
    speeds = np.hypot(v[:, 0], v[:, 1])
    standard_error = speeds.std() / np.sqrt(len(speeds))
    assert mean_transverse_speed_m_s("Rb87", 40.0) == pytest.approx(
        speeds.mean(), abs=4 * standard_error
    )
    rate = transit_rate_per_s("Rb87", 40.0, 2.0)
    assert rate == pytest.approx(speeds.mean() / 4e-3, rel=4 * standard_error / speeds.mean())


def test_lab_dephasing_enters_xi_and_the_table_says_which():
    multilevel = rb87_d2_multilevel()
    clean = lab_units_table(multilevel, RB87_CELL).set_index("quantity")
    assert clean.loc["gamma_d_add", "value"] == 0.0
    assert "gives no dephasing" in clean.loc["gamma_d_add", "note"]
    coated = lab_units_table(multilevel, {**RB87_CELL, "t2_ms": 10.0}).set_index("quantity")
    gamma = coated.loc["rate_unit_Gamma", "value"]
    assert coated.loc["gamma_d_add", "value"] == pytest.approx(2 * 100.0 / gamma, rel=1e-12)
    assert coated.loc["xi_exp_inf", "value"] > clean.loc["xi_exp_inf", "value"]
    uncoated = lab_units_table(multilevel, {**RB87_CELL, "cell_coating": "uncoated"}).set_index(
        "quantity"
    )
    transit = transit_rate_per_s("Rb87", 40.0, 2.0)
    assert uncoated.loc["transit_rate", "value"] == pytest.approx(transit, rel=1e-12)
    # ~5e4 1/s against Gamma ~ 64 1/s: ~1700 Gamma of dephasing, no entanglement left
    assert uncoated.loc["gamma_d_add", "value"] > 1e3
    assert uncoated.loc["xi_exp_inf", "value"] > 1.0


def test_uncoated_cell_needs_the_waist():
    with pytest.raises(ValueError, match=r"cell_coating = 'uncoated' needs lab\.beam_waist_mm"):
        LabSpec.from_config({"probe_intensity_mW_cm2": 10.0, "cell_coating": "uncoated"})


# --------------------------------------------------------------------------- the cell's d


def test_cell_optical_depth_is_used_by_the_model_and_said_so():
    multilevel = rb87_d2_multilevel(optical_depth="cell")
    user = {"multilevel": multilevel, "lab": RB87_CELL}
    assert config_errors(user) == ""  # 'cell' with a cell is accepted
    from dissipative_entanglement.lab.planning import cell_model_optical_depth

    depth = cell_model_optical_depth(multilevel, RB87_CELL)
    table = lab_units_table({**multilevel, "optical_depth": depth}, RB87_CELL)
    rows = table.set_index("quantity")
    assert rows.loc["optical_depth_model", "value"] == rows.loc["optical_depth_cell", "value"]
    assert "the cell's" in rows.loc["optical_depth_model", "note"]
    # a given d that differs from the cell's: the table says by how much
    other = lab_units_table({**multilevel, "optical_depth": 30.0}, RB87_CELL).set_index("quantity")
    ratio = 30.0 / rows.loc["optical_depth_cell", "value"]
    assert f"{ratio:.3g} x the cell's" in other.loc["optical_depth_model", "note"]


def test_cell_optical_depth_without_a_cell_is_refused():
    message = config_errors({"multilevel": {"optical_depth": "cell"}})
    assert "multilevel.optical_depth = 'cell' needs a lab section with cell_length_cm" in message
    no_cell = {k: v for k, v in RB87_CELL.items() if k != "cell_length_cm"}
    message = config_errors({"multilevel": {"optical_depth": "cell"}, "lab": no_cell})
    assert "needs a lab section with cell_length_cm" in message


# -------------------------------------------------------------------- 22 C and the vapour


def test_the_papers_22_c_cesium_cell_is_accepted_with_an_extrapolated_density():
    multilevel = resolved_config({"multilevel": {"temperature_C": 22.0}})["multilevel"]
    lab = {"probe_power_mW": 1.0, "beam_waist_mm": 2.0, "cell_length_cm": 2.2}
    assert lab_errors(multilevel, lab) == []
    rows = lab_units_table(multilevel, lab).set_index("quantity")
    assert "extrapolated below 25 C" in rows.loc["atom_density", "source"]
    # Clausius-Clapeyron through the fit's own points at 298 K and 300 K (solid Cs melts at
    # 301.6 K): ln(n T) is linear in 1/T, so the value at 295.15 K follows from the two
    t1, t2, t = 298.0, 300.0, 295.15
    y1, y2 = (np.log(atom_density("Cs133", x).magnitude * x) for x in (t1, t2))
    slope = (y2 - y1) / (1 / t2 - 1 / t1)
    expected = np.exp(y1 + slope * (1 / t - 1 / t1)) / t
    assert rows.loc["atom_density", "value"] == pytest.approx(expected, rel=1e-9)


def test_below_freezing_is_refused_with_the_range():
    multilevel = resolved_config({"multilevel": {"temperature_C": -5.0}})["multilevel"]
    errors = lab_errors(multilevel, {"probe_intensity_mW_cm2": 10.0, "cell_length_cm": 2.2})
    assert len(errors) == 1
    assert "multilevel.temperature_C = -5.0" in errors[0] and "(0 to 276.85 C" in errors[0]


# ------------------------------------------------------------------------- YAML numbers


@pytest.mark.parametrize(
    "text, value",
    [("3.612e10", 3.612e10), ("1e-3", 1e-3), ("5E+2", 500.0), ("-.5e1", -5.0), ("+2e0", 2.0)],
)
def test_exponent_numbers_are_numbers(text, value):
    assert exponent_numbers_as_floats({"lab": {"atom_density_cm3": text}}) == {
        "lab": {"atom_density_cm3": value}
    }


@pytest.mark.parametrize("text", ["1e5x", "e10", "cell", "1.2.3e4", "doppler_fwhm"])
def test_other_strings_stay_strings(text):
    assert exponent_numbers_as_floats({"key": [text]}) == {"key": [text]}


def test_names_stay_names():
    assert exponent_numbers_as_floats({"run": "1e5", "studies": [{"name": "2e3"}]}) == {
        "run": "1e5",
        "studies": [{"name": "2e3"}],
    }


def test_a_density_in_exponent_notation_passes_the_checks(tmp_path):
    path = tmp_path / "cell.yaml"
    path.write_text(
        "lab: {probe_power_mW: 1, beam_waist_mm: 2, cell_length_cm: 3, "
        "atom_density_cm3: 3.612e10}\n"
    )
    user = load_yaml(path)
    assert user["lab"]["atom_density_cm3"] == 3.612e10
    assert config_errors(user) == ""


@pytest.mark.parametrize(
    "path",
    sorted(p.relative_to(REPO) for p in (REPO / "config").rglob("*.yaml")),
    ids=str,
)
def test_no_number_in_a_shipped_config_is_read_as_a_string(path):
    def strings(value):
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    for text in strings(load_yaml(REPO / path)):
        try:
            float(text)
        except ValueError:
            continue
        pytest.fail(f"{path}: {text!r} is read as a string")


def test_schema_file_loads():
    assert "lab" in load_yaml(SCHEMA_FILE)["$defs"]


@pytest.mark.parametrize(
    "value, words",
    [
        (-0.5, "lab.isotope_fraction = -0.5: -0.5 is less than or equal to the minimum of 0"),
        (1.5, "lab.isotope_fraction = 1.5: 1.5 is greater than the maximum of 1"),
        ("natrual", "lab.isotope_fraction = 'natrual': 'natural' was expected"),
    ],
)
def test_a_bad_isotope_fraction_is_named_with_its_range(value, words):
    message = config_errors({"lab": {**RB87_CELL, "isotope_fraction": value}})
    assert words in message and "(0, 1]" in message
