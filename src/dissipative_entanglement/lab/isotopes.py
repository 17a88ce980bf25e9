"""The cell's isotopes: composition, the other isotopes' lines, the probe's absorption.

A vapour cell holds an element, not an isotope: natural rubidium is 27.83 % Rb-87 and
72.17 % Rb-85 (Steck). ``lab.isotope_fraction`` is the fraction of the cell's atoms that
are the model's isotope ("natural", the default, or a number for an enriched cell); the
rest is shared among the element's other isotopes in their natural proportions. The
saturated vapour density is the element's, so the model's atoms are that fraction of it.

The other isotopes' lines are placed by the line centroids' absolute frequencies (Steck,
Tiecke: the isotope shift) and the hyperfine positions; the probe's distance from each of
their transitions is what the resonance margin must keep clear in a mixed cell.

Single-pass absorption of the probe (Beer-Lambert, 1 - exp(-OD)) by atoms spread evenly
over their ground sublevels (populations (2F + 1)/(2(2I + 1))): for linearly polarized or
any light, each F -> F' line has the cross section sigma_0 (2J' + 1)/(3(2J + 1)) S_FF'
at rest, S_FF' Steck's relative hyperfine strength factor (sum over F' = 1) and sigma_0 =
3 lambda^2/(2 pi) of the cycling transition, times the Voigt line shape
(:func:`dissipative_entanglement.atoms.velocity_average.voigt_line_shape`). The model's
own atoms are mostly in |up> and absorb differently: for them this is an estimate.
"""

from __future__ import annotations

import numpy as np

from ..atoms.couplings import laser_offset_MHz, relative_strength_exact
from ..atoms.species import J_GROUND, SPECIES, as_species
from ..atoms.velocity_average import doppler_sigma_MHz, voigt_line_shape
from .ensemble import resonant_cross_section


def isotope_fraction(species, value="natural") -> float:
    """The fraction of the cell's atoms that are ``species``.

    Parameters
    ----------
    species : Species or str
        The model's isotope.
    value : "natural" or float
        ``lab.isotope_fraction``.

    Returns
    -------
    float
        In (0, 1].

    Raises
    ------
    ValueError
        For a number outside (0, 1] or another string.
    """
    if value == "natural":
        return float(as_species(species).natural_abundance)
    if isinstance(value, str) or not 0.0 < float(value) <= 1.0:
        raise ValueError(f"lab.isotope_fraction = {value!r}: 'natural' or a number in (0, 1]")
    return float(value)


def other_isotopes(species, fraction: float) -> dict[str, float]:
    """The element's other isotopes in the registry and their fractions in the cell.

    The remainder 1 - ``fraction`` is shared in the natural proportions of the element's
    other isotopes; isotopes the registry lacks (K-41) keep their share but are not listed.

    Parameters
    ----------
    species : Species or str
        The model's isotope.
    fraction : float
        Its fraction in the cell.

    Returns
    -------
    dict
        Registry name -> fraction.
    """
    sp = as_species(species)
    rest = 1.0 - sp.natural_abundance
    if rest <= 0.0:
        return {}
    return {
        name: (1.0 - fraction) * other.natural_abundance / rest
        for name, other in SPECIES.items()
        if other.element == sp.element and name != sp.name
    }


def laser_frequency_MHz(species, line: str, detuning_MHz, detuning_reference: str) -> float:
    """The probe's absolute frequency in MHz (the line centroid's plus its offset).

    Parameters
    ----------
    species, line : str
        The model's atoms and the probe's line.
    detuning_MHz : float
        Detuning from ``detuning_reference``.
    detuning_reference : str
        As :func:`dissipative_entanglement.atoms.couplings.reference_offset_MHz`.

    Returns
    -------
    float
    """
    sp = as_species(species)
    offset = float(laser_offset_MHz(sp, line, detuning_MHz, detuning_reference))
    return sp.line(line).frequency_THz * 1e6 + offset


def line_distances_MHz(species, line: str, laser_MHz: float) -> dict[tuple[int, int], float]:
    """Laser frequency minus each allowed F -> F' transition frequency of a species, MHz.

    Parameters
    ----------
    species : Species or str
        The absorbing isotope.
    line : {"D1", "D2"}
        The line.
    laser_MHz : float
        Absolute laser frequency, MHz (:func:`laser_frequency_MHz`).

    Returns
    -------
    dict
        (F, F') -> distance (blue > 0).
    """
    sp = as_species(species)
    centroid = sp.line(line).frequency_THz * 1e6
    return {
        (f, fe): laser_MHz - centroid - sp.transition_offset_MHz(line, f, fe)
        for f, fe in sp.allowed_transitions(line)
    }


def unpolarized_optical_depth(
    species, line: str, laser_MHz: float, column_cm2: float, temperature_C: float
) -> float:
    """Resonant-to-far optical depth of atoms spread over their ground sublevels (module text).

    Parameters
    ----------
    species : Species or str
        The absorbing isotope.
    line : {"D1", "D2"}
        The line the laser is near.
    laser_MHz : float
        Absolute laser frequency, MHz.
    column_cm2 : float
        Column density n L of that isotope, 1/cm^2.
    temperature_C : float
        Cell temperature (Doppler sigma).

    Returns
    -------
    float
        OD; the single-pass absorption is 1 - exp(-OD).
    """
    sp = as_species(species)
    data = sp.line(line)
    sigma_0 = float(resonant_cross_section(sp, line).magnitude)
    doppler = doppler_sigma_MHz(sp, line, temperature_C)
    n_ground = 2.0 * (2.0 * float(sp.nuclear_spin) + 1.0)
    j_factor = (2.0 * float(data.j_excited) + 1.0) / (3.0 * (2.0 * float(J_GROUND) + 1.0))
    total = 0.0
    for (f, fe), distance in line_distances_MHz(sp, line, laser_MHz).items():
        strength = float(relative_strength_exact(sp, line, f, fe))
        population = (2.0 * f + 1.0) / n_ground
        shape = float(voigt_line_shape(distance, data.linewidth_MHz, doppler))
        total += population * j_factor * strength * shape
    return float(column_cm2 * sigma_0 * total)


def absorption(optical_depth: float) -> float:
    """Single-pass absorbed fraction, 1 - exp(-OD).

    Parameters
    ----------
    optical_depth : float

    Returns
    -------
    float
    """
    return float(-np.expm1(-optical_depth))


__all__ = [
    "absorption",
    "isotope_fraction",
    "laser_frequency_MHz",
    "line_distances_MHz",
    "other_isotopes",
    "unpolarized_optical_depth",
]
