"""Pump and repump rates of every species (atoms.rates, multilevel.rates; App. E).

(a) every species: the pump (D2, F_up -> F' = F_up, sigma+) leaves |up> = |F_up, F_up>
    dark, and the total rate out of each ground sublevel equals its absorption strength
    on the resonant F', computed here from the dipole table by the m' = m + 1 (sigma+) or
    m - 1 (sigma-) selection rule, so the branching ratios sum to one;
(b) ``pump_levels = "doppler_weighted"``: each excited level F' is reached by the
    velocity class v = delta lambda that Doppler-shifts it into resonance, weighted by
    the Maxwell-Boltzmann density of that class relative to v = 0,
    exp(-m (delta lambda)^2 / (2 k_B T)), written here from the velocity distribution,
    with lambda the wavelength of the line the field drives (D2 pump, D1 repump). This
    test decided between the two code paths the model once had: the Cs-only one gave the
    repump the D2 width, the species one its own D1 width; only the latter passes.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.constants as sc

from dissipative_entanglement.atoms import couplings as gc
from dissipative_entanglement.atoms import rates as gr
from dissipative_entanglement.atoms.species import SPECIES, get_species
from dissipative_entanglement.multilevel.options import MultilevelOptions
from dissipative_entanglement.multilevel.rates import ground_rate_matrices

PROCESSES = [("pump", "D2"), ("repump", "D1")]
ENSEMBLES = ("I", "II")


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


# --------------------------------------------------------------------- (b) Doppler weights


def velocity_class_weight(species, line, detuning_MHz, temperature_C):
    """Maxwell-Boltzmann density of the velocity v = delta lambda (the class that sees the
    transition detuned by delta on resonance) relative to v = 0: exp(-m v^2 / (2 k_B T))."""
    sp = get_species(species)
    v = np.asarray(detuning_MHz) * 1e6 * sp.line(line).wavelength_nm * 1e-9  # m/s
    return np.exp(
        -sp.mass_u * sc.atomic_mass * v**2 / (2 * sc.k * (temperature_C + sc.zero_Celsius))
    )


def unweighted_contributions(species, process):
    """Rates per excited level F' with every level reached fully: the per-F' split of
    atoms.rates with a Doppler width so large that every weight is 1 to rounding."""
    return gr.resonant_contributions(
        species, process, pump_levels="doppler_weighted", doppler_fwhm_MHz=1e30
    )


def doppler_weighted_here(species, process, temperature_C, line_of_the_width):
    """The rate matrix of a resonant field, each F' weighted by its velocity class."""
    sp = get_species(species)
    field_line = dict(PROCESSES)[process]
    f_res = sp.f_upper if process == "pump" else sp.f_lower
    laser = sp.transition_offset_MHz(field_line, f_res, sp.f_upper)
    parts = unweighted_contributions(species, process)  # (n_F', n, n)
    out = np.zeros(parts.shape[1:])
    for k, f_exc in enumerate(sp.line(field_line).excited_f):
        for a, (f, _) in enumerate(gc.ground_states(sp)):
            delta = laser - sp.transition_offset_MHz(field_line, f, f_exc)
            weight = velocity_class_weight(species, line_of_the_width, delta, temperature_C)
            out[a] += weight * parts[k, a]
    return out


@pytest.mark.parametrize("temperature_C", [22.0, 40.0])
@pytest.mark.parametrize("species", ["Cs133", "Rb87", "K39", "Na23"])
def test_doppler_weighted_fields_use_their_own_line(species, temperature_C):
    options = MultilevelOptions(pump_levels="doppler_weighted")
    _, pump, repump = ground_rate_matrices(
        species, "D2", 1500.0, "y", options, temperature_C=temperature_C
    )
    for process, line, model in (("pump", "D2", pump), ("repump", "D1", repump)):
        expected = doppler_weighted_here(species, process, temperature_C, line)
        # the same Gaussian written two ways: exponents of up to ~40 agree to ~1e-14
        np.testing.assert_allclose(model, expected, rtol=1e-10, atol=0.0)
    # the repump with the pump's (D2) width, as the former Cs-only path had it, is another
    # matrix: the weights of the repump's off-resonant F' differ
    other = doppler_weighted_here(species, "repump", temperature_C, "D2")
    assert not np.allclose(repump, other, rtol=1e-6, atol=0.0)
