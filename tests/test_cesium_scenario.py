"""The configured Cs model: options, elastic dephasing readings, the grid kernel, claims."""

from dataclasses import replace

import numpy as np
import pytest

from dissipative_entanglement.cesium.model import combine_rates
from dissipative_entanglement.cesium.pump import fig7_xi_exp_steady_state
from dissipative_entanglement.cesium.rates import probe_rate_matrix
from dissipative_entanglement.cesium.scenario import (
    ALTERNATIVES,
    CesiumOptions,
    cesium_rates,
    elastic_coherence_loss,
    xi_exp_inf_grid,
)


def test_options_from_config_rejects_unknown_keys():
    assert CesiumOptions.from_config({"leakage": "into_h"}).leakage == "into_h"
    with pytest.raises(ValueError, match=r"unknown cesium\.model options"):
        CesiumOptions.from_config({"lekage": "into_h"})
    names = {name for name, _ in ALTERNATIVES}
    assert names <= set(CesiumOptions.__dataclass_fields__)


def test_elastic_coherence_loss_bounds():
    """|a - b|^2 <= (|a| + |b|)^2 <= 2 (|a|^2 + |b|^2) = 2 (Gamma_upup + Gamma_downdown)."""
    delta = np.array([300.0, 700.0, 1500.0])
    loss = elastic_coherence_loss(delta)
    rates = probe_rate_matrix(delta)
    from dissipative_entanglement.cesium.couplings import ground_index

    up, down = ground_index(4, 4), ground_index(4, 3)
    total = rates[:, up, up] + rates[:, down, down]
    assert np.all(loss >= 0) and np.all(loss <= 2 * total * (1 + 1e-12))


def test_grid_kernel_equals_direct_composition():
    x = np.geomspace(0.01, 10, 7)
    g = np.array([0.0, 5.0])
    grid = xi_exp_inf_grid(30.0, 700.0, x[:, None], g[None, :])
    probe, pump, repump, z = cesium_rates(700.0)
    direct = fig7_xi_exp_steady_state(x[:, None], g[None, :], 30.0, probe, pump, repump, z)
    np.testing.assert_allclose(grid["xi_exp_inf"], direct.xi_exp_inf, rtol=1e-13)
    assert grid["xi_exp_inf"].shape == (7, 2)


def test_grid_kernel_gathers_rates_per_detuning():
    delta = np.array([500.0, 700.0, 500.0, 900.0])
    out = xi_exp_inf_grid(30.0, delta, 1.0, 0.0)
    for i, dd in enumerate(delta):
        single = xi_exp_inf_grid(30.0, dd, 1.0, 0.0)
        np.testing.assert_allclose(out["xi_exp_inf"][i], single["xi_exp_inf"], rtol=1e-13)
        np.testing.assert_allclose(out["Z"][i], single["Z"], rtol=1e-14)


def test_coherence_reading_replaces_only_the_elastic_terms():
    base = cesium_rates(700.0)
    coh = cesium_rates(700.0, options=CesiumOptions(elastic_dephasing="coherence"))
    for name in ("up_down", "down_up", "up_h", "down_h", "h_up", "h_down"):
        np.testing.assert_allclose(getattr(coh[0], name), getattr(base[0], name), rtol=0)
    assert float(coh[0].up_up) < float(base[0].up_up)


def test_optimal_pump_meets_threshold():
    probe, pump, repump, _ = cesium_rates(700.0)
    grid = xi_exp_inf_grid(30.0, 700.0, np.array([0.1, 1.0]), 0.0)
    rates = combine_rates(probe, pump, repump, grid["s_pump"], grid["s_pump"] * [0.1, 1.0])
    from dissipative_entanglement.cesium.rate_equations import steady_state

    n = steady_state(rates)
    np.testing.assert_allclose(n[..., 0] / (n[..., 0] + n[..., 1]), 0.95, rtol=1e-9)
    assert replace(CesiumOptions(), threshold=0.9).threshold == 0.9


def test_grid_kernel_gathers_rates_per_temperature():
    """With Doppler-weighted pumping the temperature matters; mixed grids gather right."""
    opts = CesiumOptions(pump_levels="doppler_weighted")
    delta = np.array([500.0, 700.0, 500.0])
    temp = np.array([22.0, 22.0, 80.0])
    out = xi_exp_inf_grid(30.0, delta, 1.0, 0.0, temp, options=opts)["xi_exp_inf"]
    single = [
        xi_exp_inf_grid(30.0, dd, 1.0, 0.0, tt, options=opts)["xi_exp_inf"]
        for dd, tt in zip(delta, temp, strict=True)
    ]
    np.testing.assert_allclose(out, single, rtol=1e-13)
    assert abs(out[0] - out[2]) > 1e-6  # the temperature changed the answer
