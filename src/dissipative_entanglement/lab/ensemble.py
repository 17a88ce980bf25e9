"""Optical depths of one vapour cell: the resonant n sigma_0 L and the paper's d.

A lab computes or measures the resonant optical depth n sigma_0 L of the cell along the
probe (:func:`optical_depth`; sigma_0 = 3 lambda^2 / (2 pi) of the cycling transition,
atoms at rest). The paper's d is defined by its own geometry: d = N Gamma_ij / Gamma =
3N / (4 (k_L L)^2) (Sec. III.3, App. B.2), the ratio of the collective (pair) emission to
the single-atom emission of the driven atoms. For a Gaussian cloud P(r) ~ exp(-r^2/L^2)
driven by a plane wave the on-axis resonant optical depth is 8 d. For a Gaussian beam of
waist w through a uniformly filled cell of length L_cell the same ratio is
(:func:`model_optical_depth`, derived in docs/atoms.md#the-papers-d-of-a-vapour-cell)

    d = (n sigma_0 L_cell / 4) F(b),  F(b) = [b arctan(2b) - ln(1 + 4b^2)/4] / b^2,

with b = L_cell / (4 z_R) (z_R = pi w^2 / lambda, the Rayleigh length): 1/4 from the
Gaussian mode, F -> 1 - 2b^2/3 the finite length of the cell against the beam's
diffraction. The Doppler-broadened peak value of n sigma L is an option of
:func:`optical_depth`, not the paper's d.
"""

from __future__ import annotations

import numpy as np
import scipy.constants as sc

from ..atoms.doppler import doppler_width_MHz
from ..atoms.species import as_species, saturated_density_m3
from .units import magnitude_in, ureg

#: d / (n sigma_0 L) of a Gaussian beam through a uniform cell, long Rayleigh length
#: (module docstring)
MODEL_D_PER_RESONANT_OD = 0.25

#: lowest cell temperature with a saturated density: the vapour-pressure equations (valid
#: from 298 K) extrapolated below their range, down to 0 C (:func:`atom_density`)
VAPOUR_EXTRAPOLATION_FROM_K = 273.15
#: relative uncertainty of the saturated density: Alcock et al.'s +-5 % in their range
VAPOUR_UNCERTAINTY = 0.05
#: added below 298 K: the Clausius-Clapeyron form with a constant sublimation enthalpy; a
#: heat-capacity change of order R shifts ln P by (Delta C_p / R)(Delta T / T)^2 / 2,
#: < 0.4 % over the 25 K of the extension (docs/atoms.md#vapour-density)
VAPOUR_EXTRAPOLATION_UNCERTAINTY = 0.01

#: peak of a unit-area Gaussian of FWHM 1 over that of a unit-area Lorentzian of FWHM 1,
#: times 1: sigma_Doppler / sigma_0 = DOPPLER_PEAK_FACTOR * Gamma_nat / delta_D
DOPPLER_PEAK_FACTOR = float(np.sqrt(np.pi * np.log(2.0)) / 2.0)


def resonant_cross_section(species, line: str):
    """Resonant cross section of the cycling transition, sigma_0 = 3 lambda^2 / (2 pi).

    Steck, "Resonance cross section" (two-level atom, polarized light, at rest). On D1 it
    is the cross section of the unit-coupling transition of
    :mod:`dissipative_entanglement.atoms.couplings`.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The D line.

    Returns
    -------
    pint.Quantity
        sigma_0 in cm^2.
    """
    wavelength = ureg.Quantity(as_species(species).line(line).wavelength_nm, "nm")
    return (3.0 * wavelength**2 / (2.0 * np.pi)).to("cm^2")


def atom_density(species, temperature_K):
    """Saturated vapour density n = P_v(T) / (k_B T).

    :func:`dissipative_entanglement.atoms.species.saturated_density_m3` (Alcock et al.
    vapour pressure as printed by Steck; ideal gas), +-5 % (:data:`VAPOUR_UNCERTAINTY`).
    Between :data:`VAPOUR_EXTRAPOLATION_FROM_K` (0 C) and the equations' lower limit
    (298 K) the solid-phase equation is extrapolated (+-6 %, the paper's 22 C included).

    Parameters
    ----------
    species : Species or str
        The atoms.
    temperature_K : pint.Quantity or float
        Cell (coldest spot) temperature; plain number: K; ``ureg.Quantity(40, "degC")``
        works.

    Returns
    -------
    pint.Quantity
        n in 1/cm^3.
    """
    temperature = magnitude_in(temperature_K, "K", "temperature_K")
    sp = as_species(species)
    extrapolate = VAPOUR_EXTRAPOLATION_FROM_K <= temperature < sp.vapour.valid_from_K
    density = saturated_density_m3(sp, temperature, extrapolate=extrapolate)
    return ureg.Quantity(density, "1/m^3").to("1/cm^3")


def optical_depth(
    species,
    line: str,
    length_cm,
    *,
    density_cm3=None,
    temperature_K=None,
    doppler: bool = False,
):
    """Resonant optical depth of one cell, n sigma_0 L (module docstring).

    Default: the on-resonance optical depth of the cycling transition for atoms at rest
    (homogeneous width Gamma_nat; the paper's d is a quarter of it for a Gaussian beam,
    :func:`model_optical_depth`), with sigma_0 of
    :func:`resonant_cross_section`. With ``doppler=True`` sigma_0 is replaced by the peak
    of its convolution with the Doppler Gaussian of FWHM delta_D
    (:func:`dissipative_entanglement.atoms.species.doppler_fwhm_MHz`) in the limit
    delta_D >> Gamma_nat: sigma_0 x sqrt(pi ln 2)/2 x Gamma_nat/delta_D (Gamma_nat/2pi
    and delta_D both cyclic FWHM). Both values count every atom as if on the cycling
    transition (no hyperfine populations or relative strengths).

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The D line.
    length_cm : pint.Quantity or float
        Cell length along the probe (plain number: cm).
    density_cm3 : pint.Quantity or float, optional
        Atom density (plain number: 1/cm^3); if omitted, the saturated density at
        ``temperature_K`` (:func:`atom_density`).
    temperature_K : pint.Quantity or float, optional
        Cell temperature (plain number: K); needed without ``density_cm3`` and for
        ``doppler``.
    doppler : bool, optional
        Doppler-broadened peak instead of the homogeneous value (default False).

    Returns
    -------
    pint.Quantity
        n sigma_0 L (dimensionless).

    Raises
    ------
    ValueError
        Without the inputs the chosen variant needs.
    """
    sp = as_species(species)
    length = ureg.Quantity(magnitude_in(length_cm, "cm", "length_cm"), "cm")
    if density_cm3 is None and temperature_K is None:
        raise ValueError("optical_depth needs density_cm3 or temperature_K")
    if doppler and temperature_K is None:
        raise ValueError("optical_depth(doppler=True) needs temperature_K")
    if density_cm3 is None:
        density = atom_density(sp, temperature_K)
    else:
        density = ureg.Quantity(magnitude_in(density_cm3, "1/cm^3", "density_cm3"), "1/cm^3")
    sigma = resonant_cross_section(sp, line)
    if doppler:
        temperature = magnitude_in(temperature_K, "K", "temperature_K")
        width = doppler_width_MHz(sp, line, temperature - sc.zero_Celsius)
        sigma = sigma * DOPPLER_PEAK_FACTOR * sp.line(line).linewidth_MHz / width
    return (density * sigma * length).to("dimensionless")


def rayleigh_factor(length_cm, waist_mm, wavelength_nm) -> float:
    """F(b) = [b arctan(2b) - ln(1 + 4b^2)/4] / b^2, b = L_cell / (4 z_R) (module docstring).

    The finite-length factor of the paper's d of a cell: the angular integral of the pair
    rate, int_0^inf e^-t sinc^2(b t) dt (docs/atoms.md#the-papers-d-of-a-vapour-cell).
    F = 1 for a cell much shorter than the Rayleigh length z_R = pi w^2 / lambda.

    Parameters
    ----------
    length_cm : pint.Quantity or float
        Cell length along the probe (plain number: cm).
    waist_mm : pint.Quantity or float
        1/e^2 intensity radius of the probe (plain number: mm).
    wavelength_nm : float
        Probe wavelength, nm.

    Returns
    -------
    float
        F in (0, 1].
    """
    length = magnitude_in(length_cm, "cm", "length_cm") * 1e-2
    waist = magnitude_in(waist_mm, "mm", "waist_mm") * 1e-3
    wavelength = magnitude_in(wavelength_nm, "nm", "wavelength_nm") * 1e-9
    b = length * wavelength / (4.0 * np.pi * waist**2)
    if b < 1e-4:  # series: the closed form loses digits to cancellation
        return 1.0 - 2.0 * b**2 / 3.0
    return float((b * np.arctan(2.0 * b) - 0.25 * np.log1p(4.0 * b**2)) / b**2)


def model_optical_depth(resonant_optical_depth, length_cm, waist_mm, wavelength_nm) -> float:
    """The paper's d of a cell, d = (n sigma_0 L / 4) F (module docstring; Sec. III.3).

    Parameters
    ----------
    resonant_optical_depth : pint.Quantity or float
        n sigma_0 L of the cell (:func:`optical_depth`).
    length_cm, waist_mm, wavelength_nm
        As :func:`rayleigh_factor`; ``waist_mm=None`` takes F = 1 (a probe given by its
        intensity only: the long-Rayleigh-length limit).

    Returns
    -------
    float
        d (dimensionless).
    """
    od = magnitude_in(resonant_optical_depth, "dimensionless", "resonant_optical_depth")
    factor = 1.0 if waist_mm is None else rayleigh_factor(length_cm, waist_mm, wavelength_nm)
    return float(od * MODEL_D_PER_RESONANT_OD * factor)


__all__ = [
    "DOPPLER_PEAK_FACTOR",
    "MODEL_D_PER_RESONANT_OD",
    "VAPOUR_EXTRAPOLATION_FROM_K",
    "VAPOUR_EXTRAPOLATION_UNCERTAINTY",
    "VAPOUR_UNCERTAINTY",
    "atom_density",
    "model_optical_depth",
    "optical_depth",
    "rayleigh_factor",
    "resonant_cross_section",
]
