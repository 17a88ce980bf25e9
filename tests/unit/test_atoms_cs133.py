"""Cs-133 atomic data (Steck) and the Doppler width and factor k of footnote 69."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import scipy.constants as sc

from dissipative_entanglement.atoms.doppler import (
    DOPPLER_FORMULAS,
    doppler_factor,
    doppler_weight,
    doppler_width_MHz,
    temperature_for_width_C,
)
from dissipative_entanglement.atoms.hyperfine import hyperfine_shift_MHz
from dissipative_entanglement.atoms.species import CS133, CS133_D2_TABULATED_POSITIONS_MHZ

# Steck quotes the 6P3/2 intervals and positions to 1e-4 MHz: rebuilt positions agree
# to the sum of a few such roundings.
TABULATED_ROUNDING_MHZ = 5e-4
# The A/B formula omits the octupole constant C = 0.56 kHz (Steck Table 5) whose angular
# factor reaches ~10 for I = 7/2, J = 3/2, plus the 1.7 kHz uncertainty of B.
AB_FORMULA_TOLERANCE_MHZ = 1e-2
D1, D2, SPIN = CS133.d1, CS133.d2, CS133.nuclear_spin


def test_nuclear_spin_and_ground_levels():
    assert SPIN == Fraction(7, 2)
    assert CS133.ground_f == (3, 4)
    assert (CS133.f_lower, CS133.f_upper) == (3, 4)
    pos = CS133.ground_positions_MHz
    assert pos[4] - pos[3] == pytest.approx(CS133.ground_hyperfine_splitting_MHz, abs=1e-9)
    assert 9 * pos[4] + 7 * pos[3] == pytest.approx(0.0, abs=1e-8)
    # 6S1/2: E_F = A K / 2 with A = splitting / 4 exactly (Steck Table 5)
    for f in (3, 4):
        expected = hyperfine_shift_MHz(f, SPIN, Fraction(1, 2), CS133.ground_hyperfine_a_MHz)
        assert pos[f] == pytest.approx(expected, abs=1e-8)


def test_d2_excited_positions_match_steck():
    pos = D2.excited_positions_MHz
    assert D2.excited_f == (2, 3, 4, 5)
    for f, tabulated in CS133_D2_TABULATED_POSITIONS_MHZ.items():
        assert pos[f] == pytest.approx(tabulated, abs=TABULATED_ROUNDING_MHZ)
    for f, interval in D2.tabulated_intervals_MHz.items():
        assert pos[f] - pos[f - 1] == pytest.approx(interval, abs=1e-9)
    for f in D2.excited_f:
        from_ab = hyperfine_shift_MHz(
            f, SPIN, Fraction(3, 2), D2.hyperfine_a_MHz, D2.hyperfine_b_MHz
        )
        assert pos[f] == pytest.approx(from_ab, abs=AB_FORMULA_TOLERANCE_MHZ)


def test_d1_excited_positions():
    pos = D1.excited_positions_MHz
    assert pos[4] - pos[3] == pytest.approx(1167.680, abs=1e-9)
    # A(6P1/2) = 291.9201(13) MHz: 4A reproduces the interval within 4 x 1.3 kHz
    assert pos[4] - pos[3] == pytest.approx(4 * D1.hyperfine_a_MHz, abs=6e-3)
    assert 9 * pos[4] + 7 * pos[3] == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("line", [D1, D2], ids=["D1", "D2"])
def test_line_constants_consistent(line):
    # wavelength and frequency quoted to 11-12 digits
    nu_THz = sc.c / (line.wavelength_nm * sc.nano) / sc.tera
    assert nu_THz == pytest.approx(line.frequency_THz, rel=1e-10)
    # Gamma/2pi = 1/(2 pi tau), both quoted to ~1e-3 relative uncertainty
    assert line.linewidth_MHz == pytest.approx(1e3 / (2 * np.pi * line.lifetime_ns), rel=1e-3)


def test_transition_offsets():
    # F=4 -> F'=5 lies 251.0916 MHz above F=4 -> F'=4 and 9192.63 MHz below F=3 -> F'=5
    offset = CS133.transition_offset_MHz
    assert offset("D2", 4, 5) - offset("D2", 4, 4) == pytest.approx(251.0916, abs=1e-9)
    assert offset("D2", 3, 5) - offset("D2", 4, 5) == pytest.approx(9192.631770, abs=1e-9)


def test_mass():
    assert CS133.mass_kg == pytest.approx(2.20694657e-25, rel=1e-6)


# ------------------------------------------------------------------ Doppler (footnote 69)


@pytest.mark.parametrize("formula", DOPPLER_FORMULAS)
def test_doppler_width_scales_as_sqrt_temperature(formula):
    t_C = np.array([0.0, 22.0, 100.0, 300.0])
    width = doppler_width_MHz(CS133, "D2", t_C, formula=formula)
    t_K = t_C + sc.zero_Celsius
    np.testing.assert_allclose(width / width[1], np.sqrt(t_K / t_K[1]), rtol=1e-13)
    back = temperature_for_width_C(CS133, "D2", width, formula=formula)
    np.testing.assert_allclose(back, t_C, atol=1e-9)


@pytest.mark.parametrize("line", ["D1", "D2"])
def test_fwhm_is_the_half_maximum_of_the_velocity_distribution(line):
    """FWHM from the Maxwell-Boltzmann density of the velocity along the beam, found here
    by root search of g(v) = g(0)/2, then divided by the line's wavelength."""
    from scipy.optimize import brentq

    t_K = 22.0 + sc.zero_Celsius
    m = CS133.mass_u * sc.atomic_mass

    def half(v):
        return np.exp(-m * v**2 / (2 * sc.k * t_K)) - 0.5

    v_half = brentq(half, 0.0, 1e4, xtol=1e-12)
    fwhm = 2 * v_half / (CS133.line(line).wavelength_nm * sc.nano) / sc.mega
    assert doppler_width_MHz(CS133, line, 22.0) == pytest.approx(fwhm, rel=1e-11)
    ratio = doppler_width_MHz(CS133, line, 22.0) / doppler_width_MHz(
        CS133, line, 22.0, formula="footnote_69"
    )
    assert ratio == pytest.approx(2.0 * np.log(2.0), rel=1e-13)
    k = CS133.line(line).linewidth_MHz / fwhm
    assert doppler_factor(CS133, line, 22.0) == pytest.approx(k, rel=1e-11)


def test_doppler_weight():
    assert doppler_weight(0.0, 300.0) == 1.0
    assert doppler_weight(150.0, 300.0) == pytest.approx(0.5, rel=1e-14)
    with pytest.raises(ValueError):
        doppler_width_MHz(CS133, "D2", 22.0, formula="hwhm")
