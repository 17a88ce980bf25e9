"""Species-generic pump and repump rates (atoms.rates.resonant_rate_matrix, App. E).

(a) Cs-133: identical to cesium.rates.resonant_rate_matrix (same sublevel order), and the
    three-level pick and the elastic coherence loss equal the Cs module's. The Cs
    functions call these (regression guards); the "all_to_up" reading is checked
    against its definition in tests/test_cesium_rates.py;
(b) every species: the pump (D2, F_up -> F' = F_up, sigma+) leaves |up> = |F_up, F_up>
    dark, and the total rate out of each ground sublevel equals its absorption strength
    on the resonant F', computed here from the dipole table by the m' = m + 1 (sigma+) or
    m - 1 (sigma-) selection rule, so the branching ratios sum to one.
"""

from __future__ import annotations

import numpy as np
import pytest

from dissipative_entanglement.atoms import couplings as gc
from dissipative_entanglement.atoms import rates as gr
from dissipative_entanglement.atoms.species import SPECIES, get_species
from dissipative_entanglement.cesium import rates as cs_rates
from dissipative_entanglement.cesium.model import ThreeLevelRates
from dissipative_entanglement.cesium.setup import elastic_coherence_loss as cs_loss

PROCESSES = [("pump", "D2"), ("repump", "D1")]
ENSEMBLES = ("I", "II")


@pytest.mark.parametrize("ensemble", ENSEMBLES)
@pytest.mark.parametrize("process", ["pump", "repump"])
def test_cs133_resonant_rates_equal_the_cesium_module(process, ensemble):
    generic = gr.resonant_rate_matrix("Cs133", process, ensemble=ensemble)
    np.testing.assert_array_equal(
        generic, cs_rates.resonant_rate_matrix(process, ensemble=ensemble)
    )
    kwargs = {"ensemble": ensemble, "pump_levels": "doppler_weighted", "doppler_fwhm_MHz": 375.0}
    # both sum the same per-F' contributions (atoms.rates.resonant_contributions)
    np.testing.assert_array_equal(
        gr.resonant_rate_matrix("Cs133", process, **kwargs),
        cs_rates.resonant_rate_matrix(process, **kwargs),
    )
    matrix = generic + 0.01 * gr.probe_rate_matrix("Cs133", "D2", 700.0)
    for leakage in gr.LEAKAGES:
        expected = cs_rates._three_level(matrix, ensemble, leakage)
        got = ThreeLevelRates(**gr.three_level_entries("Cs133", matrix, ensemble, leakage))
        assert got == expected


@pytest.mark.parametrize("polarization", ["y", "x"])
def test_cs133_elastic_coherence_loss_equals_the_cesium_module(polarization):
    detunings = np.array([-900.0, 300.0, 700.0, 2000.0])
    np.testing.assert_allclose(
        gr.elastic_coherence_loss("Cs133", "D2", detunings, polarization),
        cs_loss(detunings, polarization, "F5"),
        rtol=1e-13,
    )


def _absorption_strength(species, process, ensemble) -> np.ndarray:
    """Total sigma+- absorption strength of each ground sublevel to the resonant F'."""
    sp = get_species(species)
    line, f_res = ("D2", sp.f_upper) if process == "pump" else ("D1", sp.f_lower)
    table = gc.coupling_table(sp, line)
    step = 1 if ensemble == "I" else -1
    out = np.zeros(len(table.ground))
    for g, (f, m) in enumerate(table.ground):
        if f != f_res:
            continue
        for e, (fe, me) in enumerate(table.excited):
            if fe == sp.f_upper and me == m + step:
                out[g] += table.dipole[m - me + 1, g, e] ** 2
    return out


@pytest.mark.parametrize("ensemble", ENSEMBLES)
@pytest.mark.parametrize("process", ["pump", "repump"])
@pytest.mark.parametrize("species", list(SPECIES))
def test_resonant_rates_dark_state_and_row_sums(species, process, ensemble):
    matrix = gr.resonant_rate_matrix(species, process, ensemble=ensemble)
    sp = get_species(species)
    assert matrix.shape == (2 * int(2 * sp.nuclear_spin + 1),) * 2
    assert np.all(matrix >= 0.0)
    up = gc.ground_index(sp, *gc.three_level_states(sp, ensemble)["up"])
    h = gc.ground_index(sp, *gc.three_level_states(sp, ensemble)["h"])
    if process == "pump":
        assert np.all(matrix[up] == 0.0)  # |F_up, +-F_up> is dark to sigma+- on F' = F_up
        assert matrix[h].sum() == 0.0  # F_low is not driven by the pump
    else:
        assert matrix[h].sum() > 0.0
    strength = _absorption_strength(species, process, ensemble)
    np.testing.assert_allclose(matrix.sum(axis=1), strength, rtol=1e-13, atol=1e-15)
    assert strength.sum() > 0.0


def test_unknown_process_and_missing_doppler_width_raise():
    with pytest.raises(ValueError, match="process"):
        gr.resonant_rate_matrix("Rb87", "cool")
    with pytest.raises(ValueError, match="doppler_fwhm_MHz"):
        gr.resonant_rate_matrix("Rb87", "pump", pump_levels="doppler_weighted")
    with pytest.raises(ValueError, match="leakage"):
        gr.three_level_entries("Rb87", np.zeros((8, 8)), "I", "lost")
