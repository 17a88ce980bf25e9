"""The configured multi-level model on the paper's Cs-133: options, elastic dephasing
readings, the grid kernel."""

from dataclasses import replace

import numpy as np
import pytest

from dissipative_entanglement.atoms.couplings import dipole_matrix_element_exact, ground_index
from dissipative_entanglement.atoms.rates import elastic_coherence_loss, probe_rate_matrix
from dissipative_entanglement.config import load_yaml
from dissipative_entanglement.multilevel.options import (
    ALTERNATIVES,
    CHOICES,
    DETUNING_REFERENCE_PATTERN,
    MultilevelOptions,
)
from dissipative_entanglement.multilevel.pump import fig7_xi_exp_steady_state
from dissipative_entanglement.multilevel.scenario import xi_exp_inf_grid
from dissipative_entanglement.multilevel.setup import MultilevelSetup, multilevel_rates

from ..helpers import REPO, paper_setup

PAPER = paper_setup()
CS = "Cs133"


def test_options_from_config_rejects_unknown_keys():
    assert MultilevelOptions.from_config({"leakage": "into_h"}).leakage == "into_h"
    with pytest.raises(ValueError, match=r"unknown multilevel\.model options"):
        MultilevelOptions.from_config({"lekage": "into_h"})
    names = {name for name, _ in ALTERNATIVES}
    assert names <= set(MultilevelOptions.__dataclass_fields__)
    with pytest.raises(ValueError, match=r"multilevel\.model\.leakage = 'into_g'"):
        MultilevelOptions(leakage="into_g")
    with pytest.raises(ValueError, match=r"detuning_reference = 'F55'"):
        MultilevelOptions(detuning_reference="F55")


def test_schema_enums_are_the_code_choices():
    """Allowed readings live in CHOICES; the schema lists the same values for users."""
    schema = load_yaml(REPO / "workflow/schemas/config.schema.yaml")
    model = schema["properties"]["multilevel"]["properties"]["model"]["properties"]
    for name, allowed in CHOICES.items():
        assert model[name]["enum"] == list(allowed), name
    assert model["detuning_reference"]["pattern"] == DETUNING_REFERENCE_PATTERN
    assert set(model) - {"threshold", "detuning_reference"} == set(CHOICES)


def test_setup_from_config_reads_the_multilevel_section():
    config = load_yaml(REPO / "config/config.yaml")["multilevel"]
    setup = MultilevelSetup.from_config(config)
    assert (setup.species, setup.line, setup.f_upper) == ("Cs133", "D2", 4)
    assert (setup.detuning_MHz, setup.probe_polarization) == (700.0, "y")
    assert (setup.optical_depth, setup.temperature_C) == (30.0, 22.0)
    assert setup.options == MultilevelOptions.from_config(config["model"])
    changed = setup.replace(options={"leakage": "into_h"})
    assert changed.options.leakage == "into_h" and setup.options.leakage == "neglect"


def test_elastic_coherence_loss_bounds():
    """|a - b|^2 <= (|a| + |b|)^2 <= 2 (|a|^2 + |b|^2) = 2 (Gamma_upup + Gamma_downdown)."""
    delta = np.array([300.0, 700.0, 1500.0])
    loss = elastic_coherence_loss(CS, "D2", delta, "y", detuning_reference="F5")
    rates = probe_rate_matrix(CS, "D2", delta)
    up, down = ground_index(CS, 4, 4), ground_index(CS, 4, 3)
    total = rates[:, up, up] + rates[:, down, down]
    assert np.all(loss >= 0) and np.all(loss <= 2 * total * (1 + 1e-12))


def test_grid_kernel_equals_direct_composition():
    """Regression guard: the gathered grid equals one direct call on the setup's rates."""
    x = np.geomspace(0.01, 10, 7)
    g = np.array([0.0, 5.0])
    grid = xi_exp_inf_grid(PAPER, x[:, None], g[None, :])
    direct = fig7_xi_exp_steady_state(PAPER.rates, x[:, None], g[None, :], 30.0, PAPER.options)
    np.testing.assert_allclose(grid["xi_exp_inf"], direct.xi_exp_inf, rtol=1e-13)
    assert grid["xi_exp_inf"].shape == (7, 2)


def test_grid_kernel_gathers_rates_per_detuning():
    delta = np.array([500.0, 700.0, 500.0, 900.0])
    out = xi_exp_inf_grid(PAPER.replace(detuning_MHz=delta), 1.0, 0.0)
    for i, dd in enumerate(delta):
        single = xi_exp_inf_grid(PAPER.replace(detuning_MHz=dd), 1.0, 0.0)
        np.testing.assert_allclose(out["xi_exp_inf"][i], single["xi_exp_inf"], rtol=1e-13)
        np.testing.assert_allclose(out["Z"][i], single["Z"], rtol=1e-14)


def test_coherence_reading_replaces_only_the_elastic_terms():
    base = PAPER.rates
    coh = PAPER.replace(options={"elastic_dephasing": "coherence"}).rates
    for name in ("up_down", "down_up", "up_h", "down_h", "h_up", "h_down"):
        np.testing.assert_allclose(getattr(coh.probe, name), getattr(base.probe, name), rtol=0)
    assert float(coh.probe.up_up) < float(base.probe.up_up)


def test_optimal_pump_meets_threshold():
    grid = xi_exp_inf_grid(PAPER, np.array([0.1, 1.0]), 0.0)
    rates = PAPER.rates.at(grid["s_pump"], grid["s_pump"] * [0.1, 1.0])
    from dissipative_entanglement.multilevel.rate_equations import steady_state

    n = steady_state(rates)
    np.testing.assert_allclose(n[..., 0] / (n[..., 0] + n[..., 1]), 0.95, rtol=1e-9)
    assert replace(MultilevelOptions(), threshold=0.9).threshold == 0.9


def test_grid_kernel_gathers_rates_per_temperature():
    """With Doppler-weighted pumping the temperature matters; mixed grids gather right."""
    setup = PAPER.replace(options={"pump_levels": "doppler_weighted"})
    delta = np.array([500.0, 700.0, 500.0])
    temp = np.array([22.0, 22.0, 80.0])
    out = xi_exp_inf_grid(setup.replace(detuning_MHz=delta, temperature_C=temp), 1.0, 0.0)
    single = [
        xi_exp_inf_grid(setup.replace(detuning_MHz=dd, temperature_C=tt), 1.0, 0.0)
        for dd, tt in zip(delta, temp, strict=True)
    ]
    np.testing.assert_allclose(out["xi_exp_inf"], [s["xi_exp_inf"] for s in single], rtol=1e-13)
    assert abs(out["xi_exp_inf"][0] - out["xi_exp_inf"][2]) > 1e-6  # temperature matters


def test_multilevel_rates_follow_the_detuning_array():
    rates = multilevel_rates(
        np.array([500.0, 700.0]), "y", 22.0, MultilevelOptions(), species=CS, line="D2"
    )
    assert np.shape(rates.z) == (2,) and float(rates.take(1).z) == float(PAPER.rates.z)
    assert rates.f_upper == 4


def test_h_return_absorbing_keeps_atoms_in_h():
    """App. E: without repump "all atoms are transferred to level |h>" -- under the default
    reading the probe moves nobody out of |h>; the probe_return reading has the Raman
    rates |3,3> -> |4,4>, |4,3> of the probe matrix."""
    absorbing = PAPER.rates.probe
    assert absorbing.h_up == 0.0 and absorbing.h_down == 0.0
    returning = PAPER.replace(options={"h_return": "probe_return"}).rates.probe
    matrix = probe_rate_matrix(CS, "D2", 700.0)
    h, up, down = (ground_index(CS, *s) for s in ((3, 3), (4, 4), (4, 3)))
    assert float(returning.h_up) == pytest.approx(float(matrix[h, up]), rel=1e-12)
    assert float(returning.h_down) == pytest.approx(float(matrix[h, down]), rel=1e-12)
    assert float(returning.h_up) > 0.01  # the effect is not negligible (about 0.05 Gamma)
    for name in ("up_down", "down_up", "up_h", "down_h", "up_up", "down_down"):
        assert getattr(absorbing, name) == getattr(returning, name)


def test_coherence_reading_of_the_pump_counts_every_elastic_photon():
    """|up> = |4,4> is dark to the sigma+ pump on F=4 -> F'=4 (there is no |4',5>), so its
    elastic amplitude a_q is 0 and sum_q |a_q - b_q|^2 = sum_q |b_q|^2: the pump's whole
    elastic rate from |down> counts under the coherence reading. Independent of the
    package's rate code: |down> = |4,3> is excited to |4',4>, which decays back to |4,3>
    (elastic) or to |4,4> (to up) with branching ratios given by the exact dipole
    elements; the pump's elastic-to-Raman ratio must be theirs."""

    def d(line, f, m, f_exc, m_exc):
        return dipole_matrix_element_exact(CS, line, (f, m), (f_exc, m_exc))

    assert d("D2", 4, 4, 4, 5) == 0  # no |4',5> within F' = 4: |up> is dark
    elastic = float(d("D2", 4, 3, 4, 4)) ** 2  # |4',4> -> |4,3>
    to_up = float(d("D2", 4, 4, 4, 4)) ** 2  # |4',4> -> |4,4>
    pump = PAPER.rates.pump_unit
    assert pump.up_up == 0.0
    assert pump.down_down / pump.down_up == pytest.approx(elastic / to_up, rel=1e-12)
    coherent = PAPER.replace(options={"elastic_dephasing": "coherence"}).rates.pump_unit
    assert coherent.down_down == pump.down_down and coherent.up_up == 0.0
