"""Cs-133 atomic data (Steck) and the Doppler factor of footnote 69."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import scipy.constants as sc

from dissipative_entanglement.cesium import atomic_data as ad
from dissipative_entanglement.cesium.doppler import (
    DOPPLER_FORMULAS,
    doppler_factor,
    doppler_weight,
    doppler_width_MHz,
    temperature_for_width_C,
)

# Steck quotes the 6P3/2 intervals and positions to 1e-4 MHz: rebuilt positions agree
# to the sum of a few such roundings.
TABULATED_ROUNDING_MHZ = 5e-4
# The A/B formula omits the octupole constant C = 0.56 kHz (Steck Table 5) whose angular
# factor reaches ~10 for I = 7/2, J = 3/2, plus the 1.7 kHz uncertainty of B.
AB_FORMULA_TOLERANCE_MHZ = 1e-2


def test_nuclear_spin_and_ground_levels():
    assert ad.NUCLEAR_SPIN == Fraction(7, 2)
    assert ad.GROUND_F == (3, 4)
    assert (ad.F_LOWER, ad.F_UPPER) == (3, 4)
    pos = ad.GROUND_POSITIONS_MHZ
    assert pos[4] - pos[3] == pytest.approx(ad.GROUND_HYPERFINE_SPLITTING_MHZ, abs=1e-9)
    assert 9 * pos[4] + 7 * pos[3] == pytest.approx(0.0, abs=1e-8)
    # 6S1/2: E_F = A K / 2 with A = splitting / 4 exactly (Steck Table 5)
    for f in (3, 4):
        expected = ad.hyperfine_shift_MHz(f, ad.J_GROUND, ad.GROUND_HYPERFINE_A_MHZ)
        assert pos[f] == pytest.approx(expected, abs=1e-8)


def test_d2_excited_positions_match_steck():
    pos = ad.D2.excited_positions_MHz
    assert ad.D2.excited_f == (2, 3, 4, 5)
    for f, tabulated in ad.D2_EXCITED_POSITIONS_TABULATED_MHZ.items():
        assert pos[f] == pytest.approx(tabulated, abs=TABULATED_ROUNDING_MHZ)
    for f, interval in ad.D2_EXCITED_INTERVALS_MHZ.items():
        assert pos[f] - pos[f - 1] == pytest.approx(interval, abs=1e-9)
    for f in ad.D2.excited_f:
        from_ab = ad.hyperfine_shift_MHz(
            f, Fraction(3, 2), ad.D2_HYPERFINE_A_MHZ, ad.D2_HYPERFINE_B_MHZ
        )
        assert pos[f] == pytest.approx(from_ab, abs=AB_FORMULA_TOLERANCE_MHZ)


def test_d1_excited_positions():
    pos = ad.D1.excited_positions_MHz
    assert pos[4] - pos[3] == pytest.approx(1167.680, abs=1e-9)
    # A(6P1/2) = 291.9201(13) MHz: 4A reproduces the interval within 4 x 1.3 kHz
    assert pos[4] - pos[3] == pytest.approx(4 * ad.D1_HYPERFINE_A_MHZ, abs=6e-3)
    assert 9 * pos[4] + 7 * pos[3] == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("line", [ad.D1, ad.D2])
def test_line_constants_consistent(line):
    # wavelength and frequency quoted to 11-12 digits
    nu_THz = sc.c / (line.wavelength_nm * sc.nano) / sc.tera
    assert nu_THz == pytest.approx(line.frequency_THz, rel=1e-10)
    # Gamma/2pi = 1/(2 pi tau), both quoted to ~1e-3 relative uncertainty
    assert line.linewidth_MHz == pytest.approx(1e3 / (2 * np.pi * line.lifetime_ns), rel=1e-3)


def test_transition_offsets():
    # F=4 -> F'=5 lies 251.0916 MHz above F=4 -> F'=4 and 9192.63 MHz below F=3 -> F'=5
    assert ad.D2.transition_offset_MHz(4, 5) - ad.D2.transition_offset_MHz(4, 4) == (
        pytest.approx(251.0916, abs=1e-9)
    )
    assert ad.D2.transition_offset_MHz(3, 5) - ad.D2.transition_offset_MHz(4, 5) == (
        pytest.approx(ad.GROUND_HYPERFINE_SPLITTING_MHZ, abs=1e-9)
    )


def test_mass():
    assert ad.ATOMIC_MASS_KG == pytest.approx(ad.ATOMIC_MASS_U * sc.atomic_mass, rel=1e-15)
    assert ad.ATOMIC_MASS_KG == pytest.approx(2.20694657e-25, rel=1e-6)


# ------------------------------------------------------------------ Doppler (footnote 69)


@pytest.mark.parametrize("formula", DOPPLER_FORMULAS)
def test_doppler_width_scales_as_sqrt_temperature(formula):
    t_C = np.array([0.0, 22.0, 100.0, 300.0])
    width = doppler_width_MHz(t_C, formula=formula)
    t_K = t_C + sc.zero_Celsius
    np.testing.assert_allclose(width / width[1], np.sqrt(t_K / t_K[1]), rtol=1e-13)
    np.testing.assert_allclose(temperature_for_width_C(width, formula=formula), t_C, atol=1e-9)


def test_fwhm_is_gaussian_fwhm_and_footnote_ratio():
    t_C = 22.0
    sigma_v = np.sqrt(sc.k * (t_C + sc.zero_Celsius) / ad.ATOMIC_MASS_KG)
    fwhm = 2.0 * np.sqrt(2.0 * np.log(2.0)) * sigma_v / (ad.D2_WAVELENGTH_NM * sc.nano) / 1e6
    assert doppler_width_MHz(t_C) == pytest.approx(fwhm, rel=1e-13)
    ratio = doppler_width_MHz(t_C) / doppler_width_MHz(t_C, formula="footnote_69")
    assert ratio == pytest.approx(2.0 * np.log(2.0), rel=1e-13)
    assert doppler_factor(t_C) == pytest.approx(ad.D2_LINEWIDTH_MHZ / fwhm, rel=1e-13)


def test_doppler_weight():
    assert doppler_weight(0.0, 300.0) == 1.0
    assert doppler_weight(150.0, 300.0) == pytest.approx(0.5, rel=1e-14)
    with pytest.raises(ValueError):
        doppler_width_MHz(22.0, formula="hwhm")
