"""Averages over the thermal velocities of a vapour: Voigt profiles and averaged resolvents.

An atom moving with velocity v along the probe sees the laser shifted by x = v / lambda
(in MHz here); x is Gaussian with standard deviation sigma = sqrt(k_B T / m) / lambda
(:func:`doppler_sigma_MHz`; FWHM = 2 sqrt(2 ln 2) sigma, :mod:`.doppler`). The far-detuned
probe's two-photon amplitudes (App. E) are sums of c / Delta; with the natural width and
the motion each 1/Delta becomes 1/(Delta - x + i gamma/2) (gamma = Gamma_nat / 2 pi, the
linewidth in MHz), and its average over x is the resolvent

    G(z) = <1 / (z - x)> = -i sqrt(pi) / (sigma sqrt 2) w(z / (sigma sqrt 2)),  Im z > 0,

with w the Faddeeva function (scipy.special.wofz); G(conj z) = conj G(z). The average of a
product of two resolvents follows by partial fractions,

    <1 / ((a - x)(b - x))> = (G(a) - G(b)) / (b - a),   a != b,

which gives the averaged rate sum_q |sum_F' c_F' / (Delta_F' - x + i gamma/2)|^2 exactly.
The Voigt line shape (the Lorentzian 1 / (1 + (2 delta / gamma)^2) averaged) is
-(gamma/2) Im G(delta + i gamma/2).
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr, wofz

from .doppler import doppler_width_MHz


def doppler_sigma_MHz(species, line: str, temperature_C) -> float:
    """Standard deviation of the Doppler shift, sqrt(k_B T / m) / lambda, in MHz.

    The FWHM of :func:`.doppler.doppler_width_MHz` over 2 sqrt(2 ln 2).

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The line (its wavelength).
    temperature_C : float
        Cell temperature, degrees C.

    Returns
    -------
    float
    """
    fwhm = doppler_width_MHz(species, line, float(temperature_C))  # 2 sqrt(2 ln 2) sigma
    return float(fwhm / np.sqrt(8.0 * np.log(2.0)))


def mean_resolvent(z_MHz, sigma_MHz: float):
    """G(z) = <1/(z - x)> over a Gaussian x of standard deviation sigma (module docstring).

    Parameters
    ----------
    z_MHz : array_like of complex
        Complex detunings, MHz; Im z != 0 (the natural width).
    sigma_MHz : float
        sigma > 0, MHz.

    Returns
    -------
    ndarray of complex
        1/MHz, the shape of ``z_MHz``.
    """
    z = np.asarray(z_MHz, dtype=complex)
    scale = sigma_MHz * np.sqrt(2.0)
    upper = z.imag > 0
    zeta = np.where(upper, z, np.conj(z)) / scale
    g = -1j * np.sqrt(np.pi) / scale * wofz(zeta)
    return np.where(upper, g, np.conj(g))


def mean_resolvent_product(a_MHz, b_MHz, sigma_MHz: float):
    """<1/((a - x)(b - x))> = (G(a) - G(b)) / (b - a) (module docstring).

    Parameters
    ----------
    a_MHz, b_MHz : array_like of complex
        Complex detunings that broadcast, a != b (opposite signs of Im in use).
    sigma_MHz : float
        sigma > 0, MHz.

    Returns
    -------
    ndarray of complex
        1/MHz^2.
    """
    a, b = np.asarray(a_MHz, dtype=complex), np.asarray(b_MHz, dtype=complex)
    return (mean_resolvent(a, sigma_MHz) - mean_resolvent(b, sigma_MHz)) / (b - a)


def voigt_line_shape(detuning_MHz, linewidth_MHz: float, sigma_MHz: float):
    """<1 / (1 + (2 (delta - x) / gamma)^2)>: the Doppler-averaged Lorentzian, peak 1 at rest.

    Parameters
    ----------
    detuning_MHz : array_like
        delta, MHz.
    linewidth_MHz : float
        gamma = Gamma_nat / 2 pi (FWHM), MHz.
    sigma_MHz : float
        Doppler sigma, MHz.

    Returns
    -------
    ndarray
        Dimensionless, in (0, 1].
    """
    half = 0.5 * linewidth_MHz
    z = np.asarray(detuning_MHz, dtype=float) + 1j * half
    return -half * mean_resolvent(z, sigma_MHz).imag


def fraction_within_MHz(detuning_MHz, half_width_MHz: float, sigma_MHz: float):
    """Fraction of atoms whose Doppler shift x lies within half_width of delta.

    Parameters
    ----------
    detuning_MHz : array_like
        delta, MHz (the laser's detuning from a transition at rest).
    half_width_MHz : float
        Half width of the window, MHz (gamma / 2: on resonance within the natural width).
    sigma_MHz : float
        Doppler sigma, MHz.

    Returns
    -------
    ndarray
        P(|x - delta| < half_width).
    """
    delta = np.asarray(detuning_MHz, dtype=float)
    return ndtr((delta + half_width_MHz) / sigma_MHz) - ndtr((delta - half_width_MHz) / sigma_MHz)


__all__ = [
    "doppler_sigma_MHz",
    "fraction_within_MHz",
    "mean_resolvent",
    "mean_resolvent_product",
    "voigt_line_shape",
]
