"""The best operating point of a cell (dissipative_entanglement.lab.optimum).

Two kinds of check: the bounded optimiser against a brute-force scan of the same objective
written here (it must find the scan's minimum, to the scan's resolution), and the active
power limit against the lab table of the optimum, which computes the pump and repump
intensities and the Larmor field range by its own path (at the limit one of them sits
exactly at its threshold).
"""

from __future__ import annotations

import numpy as np
import pytest

from dissipative_entanglement.lab.optimum import (
    MAX_SATURATION,
    OptimumBounds,
    best_operating_point,
    operating_point_at,
    optimum_errors,
)
from dissipative_entanglement.lab.planning import LabSpec, lab_table
from dissipative_entanglement.multilevel.operating_point import operating_point
from dissipative_entanglement.multilevel.setup import MultilevelSetup
from tests.helpers import rb87_d2_multilevel

LAB = {
    "probe_power_mW": 1.0,
    "beam_waist_mm": 2.0,
    "cell_length_cm": 3.0,
    "t2_ms": 30.0,
    "cell_coating": "coated",
}
BOUNDS = OptimumBounds(
    probe_power_mW=(0.01, 50.0), detuning_MHz=(600.0, 900.0), x_repump=(0.3, 30.0)
)


def rb87(**changes):
    return rb87_d2_multilevel(**{"optical_depth": 131.6, **changes})


@pytest.fixture(scope="module")
def best():
    setup = MultilevelSetup.from_config(rb87())
    return setup, best_operating_point(setup, LabSpec.from_config(LAB), BOUNDS, 522.0)


def test_optimum_is_the_minimum_of_a_scan(best):
    setup, result = best
    spec = LabSpec.from_config(LAB)
    deltas = np.linspace(600.0, 900.0, 13)
    xs = np.geomspace(0.3, 30.0, 13)
    scan = np.array(
        [[operating_point_at(setup, spec, BOUNDS, a, b)["xi_exp_inf"] for b in xs] for a in deltas]
    )
    assert result["xi_exp_inf"] <= scan.min() + 1e-9  # no scan point beats the optimiser
    # and it is not far below the scan: the objective is smooth on a 25 MHz x 0.17 decade
    # grid, so the scan's minimum is within a few 1e-3 of the true one
    assert result["xi_exp_inf"] >= scan.min() - 5e-3
    assert BOUNDS.detuning_MHz[0] <= result["detuning_MHz"] <= BOUNDS.detuning_MHz[1]
    assert BOUNDS.x_repump[0] <= result["x_repump"] <= BOUNDS.x_repump[1]


def test_the_active_power_limit_is_at_its_threshold(best):
    setup, result = best
    at = setup.replace(detuning_MHz=result["detuning_MHz"])
    spec = LabSpec.from_config(
        {**LAB, "probe_power_mW": result["probe_power_mW"], "x_repump": result["x_repump"]}
    )
    point = operating_point(at, result["x_repump"], result["gamma_d_add"])
    rows = lab_table(at, spec, point).set_index("quantity")["value"]
    i_sat = {"pump": rows["saturation_intensity"], "repump": None}
    limit = result["power_limit"]
    if limit.startswith("pump"):
        assert rows["pump_intensity"] == pytest.approx(MAX_SATURATION * i_sat["pump"], rel=1e-9)
    elif limit.startswith("repump"):
        from dissipative_entanglement.lab.probe import saturation_intensity

        d1 = saturation_intensity("Rb87", "D1").to("mW/cm^2").magnitude
        assert rows["repump_intensity"] == pytest.approx(MAX_SATURATION * d1, rel=1e-9)
    else:
        assert limit == "lab.optimum.probe_power_mW"
        assert result["probe_power_mW"] == BOUNDS.probe_power_mW[1]
    # the table's Gamma_d^add at that power is the optimiser's
    assert rows["gamma_d_add"] == pytest.approx(result["gamma_d_add"], rel=1e-12)


def test_a_field_limits_the_power_through_the_larmor_hierarchy():
    """With a weak field the largest rate must stay 10x below 2 pi Omega_L: at the limit the
    lab table's field_min equals the field."""
    setup = MultilevelSetup.from_config(rb87())
    lab = LabSpec.from_config({**LAB, "magnetic_field_G": 0.02})
    result = operating_point_at(setup, lab, BOUNDS, 700.0, 1.0)
    assert result["power_limit"] == "Larmor hierarchy (Sec. II)"
    spec = LabSpec.from_config(
        {**LAB, "magnetic_field_G": 0.02, "probe_power_mW": result["probe_power_mW"]}
    )
    point = operating_point(setup, 1.0, result["gamma_d_add"])
    rows = lab_table(setup, spec, point).set_index("quantity")["value"]
    assert rows["field_min"] == pytest.approx(0.02, rel=1e-9)


def test_optimum_errors_name_the_key():
    multilevel = rb87()
    assert optimum_errors(multilevel, {**LAB, "optimum": {"probe_power_mW": [0.1, 10]}}) == []
    errors = optimum_errors(multilevel, {**LAB, "optimum": {"probe_power_mW": [10, 1]}})
    assert errors == ["lab.optimum.probe_power_mW = [10.0, 1.0]: need min < max"]
    intensity = {"probe_intensity_mW_cm2": 10.0, "optimum": {"probe_power_mW": [0.1, 10]}}
    assert "give the probe as lab.probe_power_mW" in optimum_errors(multilevel, intensity)[0]
    far = {**LAB, "optimum": {"probe_power_mW": [0.1, 10], "detuning_MHz": [-900, -600]}}
    assert "lab.optimum.detuning_MHz" in optimum_errors(multilevel, far)[0]
