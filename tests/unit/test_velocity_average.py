"""Velocity-averaged probe amplitudes and rates against direct quadrature over the velocities.

Every average here is also computed the long way in the test: the Maxwell-Boltzmann
distribution of Doppler shifts x on a fine grid, times the at-rest expression with the
natural width (c / (Delta - x + i gamma/2)), summed with the trapezoidal rule. The grid
step (0.05 MHz) resolves the natural width (6 MHz) a hundredfold; the tails beyond 9 sigma
weigh < 1e-18.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.constants as sc
from scipy.integrate import quad

from dissipative_entanglement.atoms.couplings import (
    level_detunings_MHz,
    process_amplitudes,
    raman_coefficients,
    squeezing_parameters,
)
from dissipative_entanglement.atoms.rates import probe_rate_matrix
from dissipative_entanglement.atoms.species import get_species
from dissipative_entanglement.atoms.velocity_average import (
    doppler_sigma_MHz,
    fraction_within_MHz,
    mean_resolvent,
    voigt_line_shape,
)

SIGMA = 220.0  # MHz, about Rb-87 D2 at 40 C
GAMMA = 6.0666  # MHz, Rb-87 D2


def gaussian_grid(sigma, step=0.05, width=9.0):
    x = np.arange(-width * sigma, width * sigma + step / 2, step)
    weight = np.exp(-(x**2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi)) * step
    return x, weight


def test_doppler_sigma_is_the_thermal_speed_over_the_wavelength():
    sp = get_species("Rb87")
    speed = np.sqrt(sc.k * 313.15 / (sp.mass_u * sc.atomic_mass))
    assert doppler_sigma_MHz("Rb87", "D2", 40.0) == pytest.approx(speed / 780.241209686e-9 / 1e6)
    # FWHM = 2 sqrt(2 ln 2) sigma: 522 MHz for Rb-87 D2 at 40 C (docs/atoms.md)
    fwhm = 2 * np.sqrt(2 * np.log(2)) * doppler_sigma_MHz("Rb87", "D2", 40.0)
    assert fwhm == pytest.approx(522.0, abs=0.5)


@pytest.mark.parametrize("z", [700 + 3j, -50 + 3j, 10 - 3j, 2000 - 0.5j])
def test_mean_resolvent_against_quadrature(z):
    def part(f):
        return quad(
            lambda x: f(1 / (z - x)) * np.exp(-(x**2) / (2 * SIGMA**2)),
            -12 * SIGMA,
            12 * SIGMA,
            points=[z.real],
            limit=500,
            epsabs=1e-14,
        )[0] / (SIGMA * np.sqrt(2 * np.pi))

    expected = part(np.real) + 1j * part(np.imag)
    assert mean_resolvent(z, SIGMA) == pytest.approx(expected, rel=1e-7, abs=1e-12)


@pytest.mark.parametrize("delta", [0.0, 100.0, 700.0])
def test_voigt_line_shape_against_quadrature(delta):
    x, w = gaussian_grid(SIGMA)
    expected = np.sum(w / (1 + (2 * (delta - x) / GAMMA) ** 2))
    assert voigt_line_shape(delta, GAMMA, SIGMA) == pytest.approx(expected, rel=1e-6)
    # the fraction of atoms within gamma/2 of resonance, by the same grid
    inside = np.sum(w[np.abs(x - delta) < GAMMA / 2])
    assert fraction_within_MHz(delta, GAMMA / 2, SIGMA) == pytest.approx(inside, rel=2e-2)


def averaged_raw_by_quadrature(species, line, detuning, polarization, sigma):
    """sum_q |sum_F' c / (Delta_F' - x + i gamma/2)|^2, averaged over x on the grid."""
    gamma = get_species(species).line(line).linewidth_MHz
    coeff = raman_coefficients(species, line, polarization)  # (nF', i, f, q)
    delta = level_detunings_MHz(species, line, detuning)  # (nF', i)
    x, w = gaussian_grid(sigma)
    total = np.zeros(coeff.shape[1:3])
    for xs, ws in zip(np.array_split(x, 40), np.array_split(w, 40), strict=True):
        resolvent = 1.0 / (delta[None] - xs[:, None, None] + 0.5j * gamma)  # (x, nF', i)
        amp = np.einsum("kifq,xki->xifq", coeff, resolvent)
        total += np.einsum("x,xifq->if", ws, np.abs(amp) ** 2)
    return total


@pytest.mark.parametrize("species, detuning", [("Rb87", 700.0), ("Cs133", 700.0)])
def test_averaged_probe_rates_against_quadrature(species, detuning):
    sigma = doppler_sigma_MHz(species, "D2", 40.0)
    raw = averaged_raw_by_quadrature(species, "D2", detuning, "y", sigma)
    # the normalisation: the averaged amplitudes, by the same grid
    x, w = gaussian_grid(sigma)
    gamma = get_species(species).line("D2").linewidth_MHz
    from dissipative_entanglement.atoms.couplings import _process_numerators

    c_passive, c_active, up, down = _process_numerators(species, "D2", "y", "I")
    delta = level_detunings_MHz(species, "D2", detuning)
    res = 1.0 / (delta[None] - x[:, None, None] + 0.5j * gamma)
    passive = np.sum(w[:, None] * (c_passive * res[:, :, down]))
    active = np.sum(w[:, None] * (c_active * res[:, :, up]))
    expected = raw / (abs(passive) ** 2 - abs(active) ** 2)
    model = probe_rate_matrix(species, "D2", detuning, "y", velocity_sigma_MHz=sigma)
    scale = np.abs(expected).max()
    np.testing.assert_allclose(model, expected, rtol=1e-5, atol=1e-9 * scale)
    p, a = process_amplitudes(species, "D2", detuning, "y", velocity_sigma_MHz=sigma)
    assert complex(p) == pytest.approx(passive, rel=1e-6)
    assert complex(a) == pytest.approx(active, rel=1e-6)


def test_motion_adds_incoherent_scattering():
    """Cauchy-Schwarz: <|a|^2> >= |<a>|^2, so Gamma_(down->up) >= mu^2 Gamma with motion,
    and = mu^2 Gamma at rest."""
    sigma = doppler_sigma_MHz("Rb87", "D2", 40.0)
    from dissipative_entanglement.atoms.couplings import ground_index

    up, down = ground_index("Rb87", 2, 2), ground_index("Rb87", 2, 1)
    moving = probe_rate_matrix("Rb87", "D2", 700.0, "y", velocity_sigma_MHz=sigma)
    z = squeezing_parameters("Rb87", "D2", 700.0, "y", velocity_sigma_MHz=sigma)
    assert moving[down, up] > float(z.mu) ** 2
    assert float(z.mu) ** 2 - float(z.nu) ** 2 == pytest.approx(1.0)


def test_slow_atoms_far_detuned_are_the_atoms_at_rest():
    """sigma -> 0 and Delta >> gamma: the averages become the paper's c/Delta sums
    (relative corrections (gamma/2Delta)^2 ~ 2e-5 at 700 MHz)."""
    rest = probe_rate_matrix("Rb87", "D2", 700.0, "y")
    slow = probe_rate_matrix("Rb87", "D2", 700.0, "y", velocity_sigma_MHz=1e-3)
    np.testing.assert_allclose(slow, rest, rtol=1e-3, atol=1e-6 * np.abs(rest).max())
    z_rest = squeezing_parameters("Rb87", "D2", 700.0, "y")
    z_slow = squeezing_parameters("Rb87", "D2", 700.0, "y", velocity_sigma_MHz=1e-3)
    assert float(z_slow.z) == pytest.approx(float(z_rest.z), rel=1e-4)
