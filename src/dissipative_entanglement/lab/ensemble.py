"""Resonant optical depth d of one vapour cell.

The paper's optical depth of one ensemble, d = N Gamma_ij / Gamma = 3N / (4 (k_L L)^2)
(Sec. III.3, App. B.2; L the transverse length of the Gaussian mode), is the on-resonance
optical depth of the cycling transition for atoms at rest: it equals N sigma_0 / A with
the resonant cross section sigma_0 = 3 lambda^2 / (2 pi) and A = 8 pi L^2. For a cell of
length L_cell and atom density n that is d = n sigma_0 L_cell, the default here. The
Doppler-broadened peak value is an option, not the paper's d.
"""

from __future__ import annotations

import numpy as np
import scipy.constants as sc

from ..atoms.doppler import doppler_width_MHz
from ..atoms.species import as_species, saturated_density_m3
from .units import magnitude_in, ureg

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
    vapour pressure as printed by Steck; ideal gas).

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
    density = saturated_density_m3(as_species(species), temperature)
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
    """Resonant optical depth of one cell, d = n sigma_0 L (module docstring).

    Default: the paper's d, the on-resonance optical depth of the cycling transition for
    atoms at rest (homogeneous width Gamma_nat), with sigma_0 of
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
        Doppler-broadened peak instead of the paper's homogeneous d (default False).

    Returns
    -------
    pint.Quantity
        d (dimensionless).

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


__all__ = [
    "DOPPLER_PEAK_FACTOR",
    "atom_density",
    "optical_depth",
    "resonant_cross_section",
]
