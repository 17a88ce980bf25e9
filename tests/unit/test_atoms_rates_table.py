"""Species-generic tidy rates table (atoms.rates.rates_table, App. E).

(a) the table's columns and its refusals;
(b) every species and line: the probe rows are the entries of ``probe_rate_matrix``
    (Gamma_(up->down) = nu^2 Gamma, Gamma_(down->up) = mu^2 Gamma), the pump and repump
    rows those of ``resonant_rate_matrix``, no NaN, only the known three-level labels;
(c) Rb-87: pump and repump rates recomputed here from Clebsch-Gordan coefficients and 6j
    symbols (sympy), absorption strength times branching ratio (App. E).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import sympy
from sympy.physics.wigner import clebsch_gordan, wigner_6j

from dissipative_entanglement.atoms import couplings as gc
from dissipative_entanglement.atoms import rates as gr
from dissipative_entanglement.atoms.doppler import doppler_width_MHz
from dissipative_entanglement.atoms.species import SPECIES, get_species

from ..helpers import one

COLUMNS = [
    "initial",
    "final",
    "process",
    "rate_per_gamma",
    "rate_unit",
    "three_level",
    "via_F_prime",
    "absorbed_polarization",
    "emitted_polarization",
    "initial_F",
    "initial_m",
    "final_F",
    "final_m",
    "probe_polarization",
    "detuning_MHz",
    "detuning_reference",
    "amplitude_sum",
    "pump_levels",
    "ensemble",
]
#: rounding of a few products of exact couplings converted to float
FLOAT_TOL = 1e-12
#: Cs Doppler FWHM near room temperature (MHz), for pump_levels = "doppler_weighted"
CS_FWHM_MHZ = 375.41


# --------------------------------------------------------------------- (a) Cs identity

_Q_NAMES = {-1: "sigma-", 0: "pi", 1: "sigma+"}


def _label(state) -> str:
    return f"{state[0]},{state[1]}"


def test_table_refusals():
    with pytest.raises(ValueError, match="doppler_fwhm_MHz"):
        gr.rates_table("Cs133", "D2", 700.0, pump_levels="doppler_weighted")
    with pytest.raises(ValueError, match="amplitude_sum"):
        gr.rates_table("Cs133", "D2", 700.0, amplitude_sum="sum")
    with pytest.raises(ValueError, match="detuning_reference"):
        gr.rates_table("Cs133", "D2", 700.0, detuning_reference="F6")  # 6P3/2: F' = 2..5


# --------------------------------------------------------------------- (b) every species

CASES = [(name, line) for name in SPECIES for line in ("D1", "D2")]
LABELS = {""} | {f"{a}->{b}" for a in ("up", "down", "h") for b in ("up", "down", "h")}
TEMPERATURE_C = 56.85  # 330 K
#: (process, line) of the resonant fields (App. E): pump on D2, repump on D1
FIELDS = (("pump", "D2"), ("repump", "D1"))


def _probe_setting(species, line, polarization) -> tuple[float, str]:
    """A detuning where (mu, nu) are real: y blue of F'_max, x red of F'_min."""
    positions = get_species(species).line(line).excited_positions_MHz.values()
    step = max(positions) - min(positions) + 50.0
    return (step, "highest") if polarization == "y" else (-step, "lowest")


def _matrix(rows, species) -> np.ndarray:
    """Rebuild a rate matrix from table rows (zero where there is no row)."""
    n = len(gc.ground_states(species))
    out = np.zeros((n, n))
    for row in rows.itertuples():
        a = gc.ground_index(species, row.initial_F, row.initial_m)
        b = gc.ground_index(species, row.final_F, row.final_m)
        assert out[a, b] == 0.0  # one row per (initial, final, process)
        out[a, b] = row.rate_per_gamma
    return out


@pytest.mark.parametrize("pump_levels", gr.PUMP_LEVELS)
@pytest.mark.parametrize("ensemble", ["I", "II"])
@pytest.mark.parametrize("polarization", ["y", "x"])
@pytest.mark.parametrize(("species", "line"), CASES, ids=[f"{s}-{x}" for s, x in CASES])
def test_table_matches_the_rate_matrices(species, line, polarization, ensemble, pump_levels):
    sp = get_species(species)
    detuning, reference = _probe_setting(species, line, polarization)
    fwhm = {"pump": None, "repump": None}
    if pump_levels == "doppler_weighted":  # each field the width of its own line
        fwhm = {p: float(doppler_width_MHz(sp, x, TEMPERATURE_C)) for p, x in FIELDS}
    table = gr.rates_table(
        species,
        line,
        detuning,
        polarization,
        detuning_reference=reference,
        pump_levels=pump_levels,
        pump_doppler_fwhm_MHz=fwhm["pump"],
        repump_doppler_fwhm_MHz=fwhm["repump"],
        ensemble=ensemble,
    )
    assert list(table.columns) == COLUMNS
    assert not table.isna().any().any()
    assert set(table.three_level) <= LABELS
    assert list(table.process.drop_duplicates()) == ["probe", "pump", "repump"]
    # "highest"/"lowest" written as the F' they name (e.g. "F4" for Cs D1 "highest")
    excited = sp.line(line).excited_f
    named = {"highest": f"F{excited[-1]}", "lowest": f"F{excited[0]}"}
    assert (table.detuning_reference == named.get(reference, reference)).all()
    assert (table.rate_per_gamma > 0).all()

    probe = table[table.process == "probe"]
    matrix = gr.probe_rate_matrix(
        species, line, detuning, polarization, detuning_reference=reference
    )
    np.testing.assert_array_equal(_matrix(probe, species), matrix)
    index = [(gc.ground_index(species, r.initial_F, r.initial_m)) for r in probe.itertuples()]
    assert index == sorted(index)  # rows in ground-state order of the initial state
    excited_f = {str(f) for f in sp.line(line).excited_f}
    assert all(set(v.split()) <= excited_f for v in probe.via_F_prime)

    params = gc.squeezing_parameters(
        species, line, detuning, polarization, detuning_reference=reference, ensemble=ensemble
    )
    rate = probe.set_index("three_level").rate_per_gamma
    assert rate["up->down"] == pytest.approx(float(params.nu**2), rel=FLOAT_TOL)
    assert rate["down->up"] == pytest.approx(float(params.mu**2), rel=FLOAT_TOL)

    for process, field_line in FIELDS:
        rows = table[table.process == process]
        expected = gr.resonant_rate_matrix(
            species,
            process,
            ensemble=ensemble,
            pump_levels=pump_levels,
            doppler_fwhm_MHz=fwhm[process],
        )
        np.testing.assert_array_equal(_matrix(rows, species), expected)
        assert rows.rate_per_gamma.sum() == pytest.approx(expected.sum(), rel=FLOAT_TOL)
        assert rows.via_F_prime.str.endswith(f" ({field_line})").all()
        assert (rows.absorbed_polarization == gr.pump_polarization(species, ensemble)).all()
    labels = set(zip(table.process, table.three_level, strict=True))
    assert {("pump", "down->up"), ("pump", "down->h"), ("repump", "h->up")} <= labels


def test_resonant_contributions_sum_to_the_matrix():
    for species, process, ensemble in itertools.product(
        SPECIES, gr.RESONANT_PROCESSES, ("I", "II")
    ):
        kwargs = {
            "ensemble": ensemble,
            "pump_levels": "doppler_weighted",
            "doppler_fwhm_MHz": 400.0,
        }
        parts = gr.resonant_contributions(species, process, **kwargs)
        line = dict(FIELDS)[process]
        assert parts.shape[0] == len(get_species(species).line(line).excited_f)
        np.testing.assert_array_equal(
            parts.sum(axis=0), gr.resonant_rate_matrix(species, process, **kwargs)
        )


# --------------------------------------------------------------------- (c) independent


def _coupling_sq(nuclear_spin, j_excited, ground, excited) -> float:
    """|<F m| d_q |F' m'>|^2 normalised to unit branching, from CG and 6j symbols.

    (2J'+1)(2F'+1) {J J' 1; F' F I}^2 |<F' m'; 1 q | F m>|^2, q = m - m' (Steck,
    "Reduced dipole matrix elements"): summed over (F, m, q) it is 1 for every |F' m'>.
    """
    f, m = ground
    fe, me = excited
    half = sympy.Rational(1, 2)
    value = (
        (2 * j_excited + 1)
        * (2 * fe + 1)
        * wigner_6j(half, j_excited, 1, fe, f, nuclear_spin) ** 2
        * clebsch_gordan(fe, 1, f, me, m - me, m) ** 2
    )
    return float(value)


def test_rb87_pump_and_repump_rates_from_clebsch_gordan():
    """Rb-87 (I = 3/2): F_up = 2, |up> = |2,2>, |down> = |2,1>, |h> = |1,1> (ensemble I)."""
    sp = get_species("Rb87")
    i = sympy.Rational(3, 2)
    d2, d1 = sympy.Rational(3, 2), sympy.Rational(1, 2)
    fwhm = 500.0
    table = gr.rates_table(
        "Rb87",
        "D2",
        400.0,
        pump_levels="doppler_weighted",
        pump_doppler_fwhm_MHz=fwhm,
        repump_doppler_fwhm_MHz=fwhm,
    )
    rate = table.set_index(["process", "three_level"]).rate_per_gamma
    resonant = gr.rates_table("Rb87", "D2", 400.0).set_index(["process", "three_level"])

    # pump |2,1> -> |2,2>: sigma+ to |2',2> (resonant) and |3',2> (Doppler weight), each
    # excited sublevel then decays to |2,2> by pi; rates through different |e> add
    pos = sp.d2.excited_positions_MHz
    weight_3 = math.exp(-4.0 * math.log(2.0) * ((pos[3] - pos[2]) / fwhm) ** 2)
    via_2 = _coupling_sq(i, d2, (2, 1), (2, 2)) * _coupling_sq(i, d2, (2, 2), (2, 2))
    via_3 = _coupling_sq(i, d2, (2, 1), (3, 2)) * _coupling_sq(i, d2, (2, 2), (3, 2))
    assert via_2 == pytest.approx(1 / 6 * 1 / 3, rel=1e-15)
    assert one(resonant.rate_per_gamma, ("pump", "down->up")) == pytest.approx(via_2, rel=1e-14)
    assert one(resonant.via_F_prime, ("pump", "down->up")) == "2 (D2)"
    assert one(rate, ("pump", "down->up")) == pytest.approx(via_2 + weight_3 * via_3, rel=1e-14)
    # |up> is dark to the resonant pump but reaches |3',3> off resonance (cycling: 1 x 1)
    assert ("pump", "up->up") not in resonant.index
    assert one(rate, ("pump", "up->up")) == pytest.approx(weight_3, rel=1e-14)

    # repump |1,1> -> |2,2> on D1: sigma+ to |2',2>, then pi to |2,2>
    via_d1 = _coupling_sq(i, d1, (1, 1), (2, 2)) * _coupling_sq(i, d1, (2, 2), (2, 2))
    assert one(resonant.rate_per_gamma, ("repump", "h->up")) == pytest.approx(via_d1, rel=1e-14)
    assert one(resonant.via_F_prime, ("repump", "h->up")) == "2 (D1)"
