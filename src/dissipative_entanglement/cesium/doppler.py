"""Doppler width of a Cs vapour cell and the correction factor k (App. E, footnote 69).

Footnote 69: "The correction factor k takes into account that due to the Doppler
broaddening of atoms moving at room temperature only a fraction k = gamma_LW /
delta_Doppler of all atoms in the cell is on resonance with the applied field. The
Doppler width is given by delta_Doppler = (nu/c) (2 k_B T/(m ln 2))^(1/2), where
c/nu = lambda is the wavelength of the applied light field, k_B is the Boltzmann
constant, T is the temperature and m is the atomic mass."  App. E prints
k = 5 MHz / 380 MHz.

The full width at half maximum of a Maxwell-Boltzmann Doppler profile is
(nu/c) (8 k_B T ln 2 / m)^(1/2); the printed expression is smaller by a factor
2 ln 2 (= 1.386 in the width) and gives ~271 MHz at room temperature, while the FWHM
gives ~375 MHz, close to the paper's 380 MHz (docs/cesium_model.md). The FWHM is the
default; the printed formula is kept as ``formula="footnote_69"``.
"""

from __future__ import annotations

import numpy as np
import scipy.constants as sc

from .atomic_data import ATOMIC_MASS_KG, D2_LINEWIDTH_MHZ, D2_WAVELENGTH_NM

DOPPLER_FORMULAS = ("fwhm", "footnote_69")

#: the paper's printed k = gamma_LW / delta_Doppler = 5 MHz / 380 MHz (App. E), quoted
#: for comparison only
PAPER_LINEWIDTH_MHZ = 5.0
PAPER_DOPPLER_WIDTH_MHZ = 380.0


def _velocity_factor(formula: str) -> float:
    """The dimensionless factor a in delta = (1/lambda) sqrt(a k_B T / m)."""
    if formula == "fwhm":
        return 8.0 * np.log(2.0)
    if formula == "footnote_69":
        return 2.0 / np.log(2.0)
    raise ValueError(f"formula must be one of {DOPPLER_FORMULAS}, got {formula!r}")


def doppler_width_MHz(
    temperature_C,
    *,
    wavelength_nm: float = D2_WAVELENGTH_NM,
    formula: str = "fwhm",
    mass_kg: float = ATOMIC_MASS_KG,
):
    """Doppler width delta_Doppler in MHz (footnote 69), vectorised over temperature.

    Parameters
    ----------
    temperature_C : array_like
        Cell temperature in degrees C.
    wavelength_nm : float, optional
        Vacuum wavelength of the light in nm (default D2, Steck Table 3).
    formula : {"fwhm", "footnote_69"}, optional
        "fwhm" (default), (1/lambda) sqrt(8 k_B T ln2 / m), the full width at half
        maximum of the Doppler profile; or "footnote_69", the printed
        (1/lambda) sqrt(2 k_B T / (m ln 2)).
    mass_kg : float, optional
        Atomic mass in kg (default Cs-133, Steck Table 2).

    Returns
    -------
    ndarray
        Width in MHz (cyclic frequency), same shape as ``temperature_C``; scales as sqrt(T).

    Raises
    ------
    ValueError
        For a temperature at or below absolute zero or an unknown ``formula``.
    """
    temperature_K = np.asarray(temperature_C, dtype=float) + sc.zero_Celsius
    if np.any(temperature_K <= 0):
        raise ValueError("temperature must be above absolute zero")
    speed = np.sqrt(_velocity_factor(formula) * sc.k * temperature_K / mass_kg)
    return speed / (wavelength_nm * sc.nano) / sc.mega


def doppler_factor(
    temperature_C,
    *,
    linewidth_MHz: float = D2_LINEWIDTH_MHZ,
    wavelength_nm: float = D2_WAVELENGTH_NM,
    formula: str = "fwhm",
):
    """k = gamma_LW / delta_Doppler (App. E, footnote 69), vectorised over temperature.

    Parameters
    ----------
    temperature_C : array_like
        Cell temperature in degrees C.
    linewidth_MHz : float, optional
        gamma_LW/2pi in MHz (default D2, Steck Table 3; App. E: "The decay rates are
        approximately the same gamma_D1 ~ gamma_D2 = gamma_LW").
    wavelength_nm : float, optional
        Vacuum wavelength in nm (default D2).
    formula : {"fwhm", "footnote_69"}, optional
        As in :func:`doppler_width_MHz`.

    Returns
    -------
    ndarray
        k (dimensionless), same shape as ``temperature_C``.
    """
    return linewidth_MHz / doppler_width_MHz(
        temperature_C, wavelength_nm=wavelength_nm, formula=formula
    )


def temperature_for_width_C(
    width_MHz, *, wavelength_nm: float = D2_WAVELENGTH_NM, formula: str = "fwhm"
):
    """Inverse of :func:`doppler_width_MHz`: the temperature (deg C) giving ``width_MHz``.

    Parameters
    ----------
    width_MHz : array_like
        Doppler width in MHz.
    wavelength_nm : float, optional
        Vacuum wavelength in nm (default D2).
    formula : {"fwhm", "footnote_69"}, optional
        As in :func:`doppler_width_MHz`.

    Returns
    -------
    ndarray
        Temperature in degrees C, same shape as ``width_MHz``.
    """
    width_Hz = np.asarray(width_MHz, dtype=float) * sc.mega
    speed = width_Hz * wavelength_nm * sc.nano
    temperature_K = speed**2 * ATOMIC_MASS_KG / (_velocity_factor(formula) * sc.k)
    return temperature_K - sc.zero_Celsius


def doppler_weight(detuning_MHz, doppler_fwhm_MHz: float):
    """Fraction of atoms resonant at a detuning, relative to line centre (Gaussian profile).

    exp(-4 ln 2 (detuning / FWHM)^2): the Maxwell-Boltzmann velocity class that Doppler
    shifts a transition detuned by ``detuning_MHz`` into resonance, relative to the
    resonant class whose fraction is k (footnote 69). Used for the optional
    ``pump_levels="doppler_weighted"`` reading in :mod:`.rates`.

    Parameters
    ----------
    detuning_MHz : array_like
        Detuning of the transition from the laser, in MHz.
    doppler_fwhm_MHz : float
        Doppler FWHM in MHz (:func:`doppler_width_MHz`).

    Returns
    -------
    ndarray
        Weight in (0, 1] (dimensionless), shape of ``detuning_MHz``.
    """
    x = np.asarray(detuning_MHz, dtype=float) / doppler_fwhm_MHz
    return np.exp(-4.0 * np.log(2.0) * x**2)
