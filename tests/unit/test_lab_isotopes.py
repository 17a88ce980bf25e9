"""The cell's isotopes: composition, the other isotope's lines, the probe's absorption.

The line positions are checked against Steck's absolute frequencies typed here (the
package places lines by centroid frequency plus hyperfine positions from A and B); the
absorption cross section of unpolarized atoms against Steck's isotropic saturation
intensity (sigma_iso / sigma_0 = I_sat / I_sat,iso).
"""

from __future__ import annotations

import numpy as np
import pytest

from dissipative_entanglement.lab.ensemble import resonant_cross_section
from dissipative_entanglement.lab.isotopes import (
    absorption,
    isotope_fraction,
    laser_frequency_MHz,
    line_distances_MHz,
    other_isotopes,
    unpolarized_optical_depth,
)
from dissipative_entanglement.lab.planning import lab_errors, lab_units_table
from tests.helpers import rb87_d2_multilevel

#: Steck, Rb-87 and Rb-85 D Line Data: D2 centroid frequencies (THz) and level positions
#: relative to the centroids (MHz): ground F, excited F'
RB87_D2_THZ, RB85_D2_THZ = 384.2304844685, 384.230406373
RB87_GROUND = {2: 2563.005979089, 1: -4271.676631815}
RB87_EXCITED = {3: 193.7407, 2: -72.9112, 1: -229.8518, 0: -302.0738}
RB85_GROUND = {3: 1264.8885163, 2: -1770.8439228}
RB85_EXCITED = {4: 100.205, 3: -20.435, 2: -83.835, 1: -113.208}


def test_natural_rubidium_is_mostly_rb85():
    assert isotope_fraction("Rb87") == 0.2783
    assert other_isotopes("Rb87", 0.2783) == {"Rb85": pytest.approx(0.7217)}
    assert other_isotopes("Rb87", 1.0) == {"Rb85": 0.0}
    assert other_isotopes("Cs133", 1.0) == {}
    assert other_isotopes("K39", isotope_fraction("K39")) == {}  # K-41 is not in the registry
    with pytest.raises(ValueError, match=r"'natural' or a number in \(0, 1\]"):
        isotope_fraction("Rb87", 1.5)


def test_rb85_lines_seen_from_a_rb87_probe_700_mhz_blue_of_f2_to_f3():
    laser = RB87_D2_THZ * 1e6 + RB87_EXCITED[3] - RB87_GROUND[2] + 700.0
    expected = {
        (3, fe): laser - (RB85_D2_THZ * 1e6 + RB85_EXCITED[fe] - RB85_GROUND[3]) for fe in (2, 3, 4)
    }
    model_laser = laser_frequency_MHz("Rb87", "D2", 700.0, "highest")
    assert model_laser == pytest.approx(laser, abs=0.01)
    distances = line_distances_MHz("Rb85", "D2", model_laser)
    for key, value in expected.items():
        # A and B reproduce Steck's level positions to his quoted digits (~1 kHz)
        assert distances[key] == pytest.approx(value, abs=0.02), key
    assert [round(expected[(3, fe)], 1) for fe in (2, 3, 4)] == [-242.4, -305.8, -426.5]


def test_unpolarized_cross_section_is_steck_isotropic_value():
    """Cold atoms (sigma << gamma) on F=2 -> F'=3 of Rb-87: OD / (n L sigma_0) =
    p(F=2) x I_sat / I_sat,iso = (5/8) x 1.66933 / 3.57713 (Steck Rb87 Table 3), plus the
    Lorentzian wings of the other F' (< 2e-4)."""
    laser = laser_frequency_MHz("Rb87", "D2", 0.0, "highest")  # on F=2 -> F'=3
    column = 1e9
    od = unpolarized_optical_depth("Rb87", "D2", laser, column, -273.15 + 1e-6)
    sigma_0 = resonant_cross_section("Rb87", "D2").magnitude
    assert od / (column * sigma_0) == pytest.approx(5 / 8 * 1.66933 / 3.57713, rel=1e-3)
    assert absorption(od) == pytest.approx(1 - np.exp(-od))


def rb87_planning(**lab):
    multilevel = rb87_d2_multilevel()
    return multilevel, {"probe_power_mW": 1.0, "beam_waist_mm": 2.0, "cell_length_cm": 3.0} | lab


def test_a_natural_cell_refuses_a_probe_near_the_other_isotope():
    multilevel, lab = rb87_planning()
    (message,) = lab_errors(multilevel, lab)
    assert "lab.isotope_fraction = 'natural'" in message
    for line in ("F=3 -> F'=2 (-242.4 MHz)", "F=3 -> F'=3 (-305.8 MHz)", "F=3 -> F'=4 (-426.5"):
        assert f"Rb85 {line}" in message
    enriched_multilevel, enriched = rb87_planning(isotope_fraction=1.0)
    assert lab_errors(enriched_multilevel, enriched) == []
    # far from both isotopes' lines a natural cell is accepted
    assert lab_errors({**multilevel, "detuning_MHz": 3000}, lab) == []


def test_density_and_absorption_follow_the_composition():
    multilevel, natural = rb87_planning()
    multilevel = {**multilevel, "detuning_MHz": 3000}
    _, enriched = rb87_planning(isotope_fraction=1.0)
    n = lab_units_table(multilevel, natural).set_index("quantity")["value"]
    e = lab_units_table(multilevel, enriched).set_index("quantity")["value"]
    assert n["atom_density"] == pytest.approx(0.2783 * e["atom_density"], rel=1e-12)
    assert n["resonant_optical_depth"] == pytest.approx(0.2783 * e["resonant_optical_depth"])
    assert "probe_absorption_Rb85" in n and "probe_absorption_Rb85" not in e
    assert 0.0 < n["probe_absorption_Rb85"] < 1.0
