"""Doppler width of an alkali vapour cell, the correction factor k and Doppler weights.

App. E, footnote 69: "The correction factor k takes into account that due to the Doppler
broaddening of atoms moving at room temperature only a fraction k = gamma_LW /
delta_Doppler of all atoms in the cell is on resonance with the applied field. The
Doppler width is given by delta_Doppler = (nu/c) (2 k_B T/(m ln 2))^(1/2), where
c/nu = lambda is the wavelength of the applied light field, k_B is the Boltzmann
constant, T is the temperature and m is the atomic mass." App. E prints
k = 5 MHz / 380 MHz for Cs-133 D2.

The full width at half maximum of a Maxwell-Boltzmann Doppler profile is
(nu/c) (8 k_B T ln 2 / m)^(1/2); the printed expression is smaller by a factor
2 ln 2 (= 1.386 in the width) and gives ~271 MHz for Cs D2 at room temperature, while the
FWHM gives ~375 MHz, close to the paper's 380 MHz (docs/cesium_model.md). The FWHM is the
default reading (``formula="fwhm"``); the printed formula is ``formula="footnote_69"``.
Each field sees the width of its own line: lambda is the wavelength of the line the field
drives (D2 for the probe on D2 and the pump, D1 for the repump).
"""

from __future__ import annotations

import numpy as np
import scipy.constants as sc

from .species import as_species

DOPPLER_FORMULAS = ("fwhm", "footnote_69")


def _velocity_factor(formula: str) -> float:
    """The dimensionless factor a in delta = (1/lambda) sqrt(a k_B T / m)."""
    if formula == "fwhm":
        return 8.0 * np.log(2.0)
    if formula == "footnote_69":
        return 2.0 / np.log(2.0)
    raise ValueError(f"formula must be one of {DOPPLER_FORMULAS}, got {formula!r}")


def doppler_width_MHz(species, line: str, temperature_C, *, formula: str = "fwhm"):
    """Doppler width delta_Doppler of a D line in MHz (footnote 69), vectorised over T.

    Parameters
    ----------
    species : Species or str
        The atoms (their mass).
    line : {"D1", "D2"}
        The line the light drives (its vacuum wavelength).
    temperature_C : array_like
        Cell temperature in degrees C.
    formula : {"fwhm", "footnote_69"}, optional
        "fwhm" (default), (1/lambda) sqrt(8 k_B T ln2 / m), the full width at half
        maximum of the Doppler profile; or "footnote_69", the printed
        (1/lambda) sqrt(2 k_B T / (m ln 2)).

    Returns
    -------
    ndarray
        Width in MHz (cyclic frequency), same shape as ``temperature_C``; scales as sqrt(T).

    Raises
    ------
    ValueError
        For a temperature at or below absolute zero or an unknown ``formula``.
    """
    sp = as_species(species)
    temperature_K = np.asarray(temperature_C, dtype=float) + sc.zero_Celsius
    if np.any(temperature_K <= 0):
        raise ValueError("temperature must be above absolute zero")
    speed = np.sqrt(_velocity_factor(formula) * sc.k * temperature_K / sp.mass_kg)
    return speed / (sp.line(line).wavelength_nm * sc.nano) / sc.mega


def doppler_factor(species, line: str, temperature_C, *, formula: str = "fwhm"):
    """k = gamma_LW / delta_Doppler (App. E, footnote 69), vectorised over temperature.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The line (its natural linewidth gamma_LW/2pi and its Doppler width).
    temperature_C : array_like
        Cell temperature in degrees C.
    formula : {"fwhm", "footnote_69"}, optional
        As in :func:`doppler_width_MHz`.

    Returns
    -------
    ndarray
        k (dimensionless), same shape as ``temperature_C``.
    """
    linewidth = as_species(species).line(line).linewidth_MHz
    return linewidth / doppler_width_MHz(species, line, temperature_C, formula=formula)


def temperature_for_width_C(species, line: str, width_MHz, *, formula: str = "fwhm"):
    """Inverse of :func:`doppler_width_MHz`: the temperature (deg C) giving ``width_MHz``.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The line.
    width_MHz : array_like
        Doppler width in MHz.
    formula : {"fwhm", "footnote_69"}, optional
        As in :func:`doppler_width_MHz`.

    Returns
    -------
    ndarray
        Temperature in degrees C, same shape as ``width_MHz``.
    """
    sp = as_species(species)
    width_Hz = np.asarray(width_MHz, dtype=float) * sc.mega
    speed = width_Hz * sp.line(line).wavelength_nm * sc.nano
    temperature_K = speed**2 * sp.mass_kg / (_velocity_factor(formula) * sc.k)
    return temperature_K - sc.zero_Celsius


def doppler_weight(detuning_MHz, doppler_fwhm_MHz: float):
    """Fraction of atoms resonant at a detuning, relative to line centre (Gaussian profile).

    exp(-4 ln 2 (detuning / FWHM)^2): the Maxwell-Boltzmann velocity class that Doppler
    shifts a transition detuned by ``detuning_MHz`` into resonance, relative to the
    resonant class whose fraction is k (footnote 69). Used for the optional
    ``pump_levels="doppler_weighted"`` reading (:mod:`.rates`).

    Parameters
    ----------
    detuning_MHz : array_like
        Detuning of the transition from the laser, in MHz.
    doppler_fwhm_MHz : float
        Doppler FWHM in MHz of the line the field drives (:func:`doppler_width_MHz`).

    Returns
    -------
    ndarray
        Weight in (0, 1] (dimensionless), shape of ``detuning_MHz``.
    """
    x = np.asarray(detuning_MHz, dtype=float) / doppler_fwhm_MHz
    return np.exp(-4.0 * np.log(2.0) * x**2)


__all__ = [
    "DOPPLER_FORMULAS",
    "doppler_factor",
    "doppler_weight",
    "doppler_width_MHz",
    "temperature_for_width_C",
]
