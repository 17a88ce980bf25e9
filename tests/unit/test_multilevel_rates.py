"""Single-atom probe, pump and repump rates of the model (App. E), on the paper's Cs-133."""

from __future__ import annotations

import numpy as np
import pytest

from dissipative_entanglement.atoms import couplings as gc
from dissipative_entanglement.atoms import rates as gr
from dissipative_entanglement.atoms.doppler import doppler_width_MHz
from dissipative_entanglement.atoms.rates import AMPLITUDE_SUMS
from dissipative_entanglement.multilevel import rates as ml_rates
from dissipative_entanglement.multilevel.model import ThreeLevelRates, combine_rates
from dissipative_entanglement.multilevel.options import MultilevelOptions

from ..helpers import one

CS = "Cs133"


def ground_index(f, m):
    return gc.ground_index(CS, f, m)


def ground_states():
    return gc.ground_states(CS)


def dipole_matrix_element_exact(line, f, m, f_exc, m_exc):
    return gc.dipole_matrix_element_exact(CS, line, (f, m), (f_exc, m_exc))


def squeezing_parameters(grid, polarization):
    return gc.squeezing_parameters(CS, "D2", grid, polarization, detuning_reference="F5")


def probe_rate_matrix(grid, polarization="y", **kwargs):
    kwargs.setdefault("detuning_reference", "F5")
    return gr.probe_rate_matrix(CS, "D2", grid, polarization, **kwargs)


def resonant_rate_matrix(process, **kwargs):
    return gr.resonant_rate_matrix(CS, process, **kwargs)


def three_level_rates(grid, polarization="y", options=None, *, ensemble="I", temperature_C=22.0):
    options = MultilevelOptions() if options is None else options
    return ml_rates.three_level_rates(
        CS, "D2", grid, polarization, options, temperature_C=temperature_C, ensemble=ensemble
    )


# exact couplings converted to float; rates are sums of a few products
FLOAT_TOL = 1e-12
GRIDS = {"y": np.linspace(300.0, 1500.0, 61), "x": np.linspace(-1500.0, -700.0, 41)}
MIRROR = [ground_index(f, -m) for f, m in ground_states()]


DOPPLER = MultilevelOptions(pump_levels="doppler_weighted")


def _exact_sq(line, f, m, f_exc, m_exc):
    return float(dipole_matrix_element_exact(line, f, m, f_exc, m_exc) ** 2)


@pytest.mark.parametrize("polarization", ["y", "x"])
@pytest.mark.parametrize("amplitude_sum", AMPLITUDE_SUMS)
def test_probe_rates_nonnegative_finite_and_mirror_symmetric(polarization, amplitude_sum):
    r = probe_rate_matrix(GRIDS[polarization], polarization, amplitude_sum=amplitude_sum)
    assert r.shape == (GRIDS[polarization].size, 16, 16)
    assert np.all(np.isfinite(r)) and np.all(r >= 0)
    np.testing.assert_allclose(r[:, MIRROR][:, :, MIRROR], r, rtol=FLOAT_TOL, atol=0)


@pytest.mark.parametrize("polarization", ["y", "x"])
def test_probe_unit_is_fixed_by_mu_and_nu(polarization):
    """Gamma_(down->up) = mu^2 Gamma and Gamma_(up->down) = nu^2 Gamma (App. E)."""
    grid = GRIDS[polarization]
    p = squeezing_parameters(grid, polarization)
    for ensemble in ("I", "II"):
        probe, _, _ = three_level_rates(grid, polarization, ensemble=ensemble)
        np.testing.assert_allclose(probe.down_up, p.mu**2, rtol=FLOAT_TOL)
        np.testing.assert_allclose(probe.up_down, p.nu**2, rtol=FLOAT_TOL)


def test_single_path_processes_agree_between_sum_rules():
    """|3,3> -> |4,4> (y probe) runs through F'=4 only: coherent = incoherent."""
    grid = GRIDS["y"]
    h, up = ground_index(3, 3), ground_index(4, 4)
    coherent = probe_rate_matrix(grid, "y")[:, h, up]
    incoherent = probe_rate_matrix(grid, "y", amplitude_sum="incoherent")[:, h, up]
    np.testing.assert_allclose(coherent, incoherent, rtol=FLOAT_TOL)


def test_probe_rates_vectorised_match_pointwise():
    grid = np.array([[500.0, 700.0], [900.0, 1100.0]])
    r = probe_rate_matrix(grid, "y")
    assert r.shape == (2, 2, 16, 16)
    np.testing.assert_allclose(r[0, 1], probe_rate_matrix(700.0, "y"), rtol=1e-15)


def test_ensemble_two_three_level_rates_equal():
    grid = GRIDS["y"]
    one = three_level_rates(grid, "y")
    two = three_level_rates(grid, "y", ensemble="II")
    for a, b in zip(one, two, strict=True):
        for key, value in a.as_dict().items():
            np.testing.assert_allclose(b.as_dict()[key], value, rtol=FLOAT_TOL, atol=0)


def test_pump_unit_is_absorption_times_branching_exact():
    """|4,3> -> |4',4> (D2, sigma+), decay to |4,4>, |4,3>, |3,3> (App. E, Sec. IV.1)."""
    _, pump, repump = three_level_rates(700.0, "y")
    absorb = _exact_sq("D2", 4, 3, 4, 4)
    assert pump.down_up == pytest.approx(absorb * _exact_sq("D2", 4, 4, 4, 4), rel=FLOAT_TOL)
    assert pump.down_down == pytest.approx(absorb * _exact_sq("D2", 4, 3, 4, 4), rel=FLOAT_TOL)
    assert pump.down_h == pytest.approx(absorb * _exact_sq("D2", 3, 3, 4, 4), rel=FLOAT_TOL)
    # |up> = |4,4> is dark for sigma+ on F=4 -> F'=4
    assert pump.up_down == pump.up_h == pump.up_up == 0.0
    assert pump.h_up == pump.h_down == 0.0
    absorb_repump = _exact_sq("D1", 3, 3, 4, 4)
    assert repump.h_up == pytest.approx(absorb_repump * _exact_sq("D1", 4, 4, 4, 4), rel=1e-12)
    assert repump.h_down == pytest.approx(absorb_repump * _exact_sq("D1", 4, 3, 4, 4), rel=1e-12)
    assert repump.down_up == repump.up_down == repump.down_h == 0.0


@pytest.mark.parametrize("process", ["pump", "repump"])
def test_resonant_rates_conserve_excitation_and_mirror(process):
    r1 = resonant_rate_matrix(process)
    r2 = resonant_rate_matrix(process, ensemble="II")
    assert np.all(r1 >= 0)
    np.testing.assert_allclose(r2[MIRROR][:, MIRROR], r1, rtol=FLOAT_TOL, atol=0)
    # each excitation decays somewhere: row sums are absorption strengths (<= 1)
    assert np.all(r1.sum(axis=1) <= 1.0 + FLOAT_TOL)


def test_all_to_up_reading_moves_whole_excitation():
    _, pump, repump = three_level_rates(700.0, "y", MultilevelOptions(pump_channels="all_to_up"))
    _, pump_b, repump_b = three_level_rates(700.0)
    total = pump_b.down_up + pump_b.down_down + pump_b.down_h
    assert pump.down_up == pytest.approx(total, rel=FLOAT_TOL)
    assert pump.down_h == pump.down_down == 0.0
    assert repump.h_up == pytest.approx(_exact_sq("D1", 3, 3, 4, 4), rel=FLOAT_TOL)
    assert repump_b.h_up < repump.h_up


def test_doppler_weighted_pump():
    fwhm = float(doppler_width_MHz(CS, "D2", 22.0))
    _, pump, _ = three_level_rates(700.0, "y", DOPPLER, temperature_C=22.0)
    _, pump0, _ = three_level_rates(700.0)
    # the Doppler tail reaches |4,4> -> |5',5> -> |4,4>, 251 MHz off resonance
    weight = np.exp(-4 * np.log(2) * (251.0916 / fwhm) ** 2)
    assert pump.up_up == pytest.approx(weight * _exact_sq("D2", 4, 4, 5, 5), rel=1e-9)
    assert pump.down_h == pytest.approx(pump0.down_h, rel=1e-9)
    # a vanishing Doppler width leaves only the resonant level
    narrow = resonant_rate_matrix("pump", pump_levels="doppler_weighted", doppler_fwhm_MHz=1e-3)
    np.testing.assert_allclose(narrow, resonant_rate_matrix("pump"), rtol=0, atol=FLOAT_TOL)
    with pytest.raises(ValueError):
        resonant_rate_matrix("pump", pump_levels="doppler_weighted")


def test_leakage_into_h():
    grid = GRIDS["y"]
    probe, _, _ = three_level_rates(grid)
    lumped, _, _ = three_level_rates(grid, "y", MultilevelOptions(leakage="into_h"))
    r = probe_rate_matrix(grid)
    up = ground_index(4, 4)
    others = [i for i in range(16) if i not in (up, ground_index(4, 3), ground_index(3, 3))]
    np.testing.assert_allclose(lumped.up_h - probe.up_h, r[:, up, others].sum(axis=1), rtol=1e-12)
    np.testing.assert_allclose(lumped.up_down, probe.up_down, rtol=0)


def test_combination_with_model_container():
    probe, pump, repump = three_level_rates(np.array([700.0, 800.0]))
    assert isinstance(pump, ThreeLevelRates)
    total = combine_rates(probe, pump, repump, 10.0, 2.0)
    np.testing.assert_allclose(total.down_up, probe.down_up + 10.0 * pump.down_up, rtol=1e-15)
    np.testing.assert_allclose(total.h_up, probe.h_up + 2.0 * repump.h_up, rtol=1e-15)


def test_rates_table():
    table = ml_rates.rates_table(CS, "D2", 700.0, "y", MultilevelOptions(), temperature_C=22.0)
    required = ["initial", "final", "process", "rate_per_gamma"]
    assert list(table.columns[:4]) == required
    assert set(table.process) == {"probe", "pump", "repump"}
    assert table.initial.str.fullmatch(r"[34],-?\d").all()
    assert (table.detuning_reference == "F5").all()  # "highest" of Cs D2, as App. E names it
    assert (table.rate_per_gamma >= 0).all()
    probe, pump, repump = three_level_rates(700.0, "y")
    rows = table.set_index(["process", "three_level"]).rate_per_gamma
    assert one(rows, ("probe", "up->down")) == pytest.approx(float(probe.up_down), rel=FLOAT_TOL)
    assert one(rows, ("probe", "down->up")) == pytest.approx(float(probe.down_up), rel=FLOAT_TOL)
    assert one(rows, ("pump", "down->h")) == pytest.approx(pump.down_h, rel=FLOAT_TOL)
    assert one(rows, ("repump", "h->up")) == pytest.approx(repump.h_up, rel=FLOAT_TOL)
    # the paper's C6 pairs are present
    pairs = set(zip(table.initial, table.final, table.process, strict=True))
    assert ("4,4", "4,2", "probe") in pairs and ("4,4", "3,2", "probe") in pairs
