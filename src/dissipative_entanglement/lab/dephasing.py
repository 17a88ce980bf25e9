"""Non-radiative dephasing Gamma_d^add from the lab: T2, extra rates, the transit of atoms.

The paper's Gamma_d^add "summarizes all non-radiative sources of dephasing such as
fluctuating magnetic fields" (Sec. III.4), in units of Gamma. In the model it enters as a
dephasing of each atom at rate Gamma_d^add Gamma (D[|down><down|], with Gamma_dd; App. D),
which damps the atom's up/down coherence, and hence the transverse spin <J_y>, <J_z>, at
Gamma_d^add Gamma / 2. A lab quotes the coherence decay rate gamma_2 = 1/T2 (the transverse
spin decays as e^{-t/T2}), so

    Gamma_d^add = 2 gamma_2 / Gamma,   gamma_2 = 1/T2 + (extra rate) + gamma_transit,

(docs/atoms.md#dephasing-from-the-lab). gamma_transit is the rate at which atoms of an
uncoated cell leave the beam (they lose their spin at the wall and are replaced by
unpolarized ones): the mean transverse thermal speed over the beam's diameter,
<v_perp> / (2 w) with <v_perp> = sqrt(pi k_B T / (2 m)), an estimate good to a factor
of about 2 (other conventions use the 1/e^2 radius or the 3D mean speed). In a coated
cell the atoms keep their spin at the wall and come back: no transit term, the wall
relaxation is in T2.
"""

from __future__ import annotations

import numpy as np
import scipy.constants as sc

from ..atoms.species import as_species
from .units import magnitude_in

#: how a cell's walls treat the spin: "uncoated" (lost at the wall: transit term) or
#: "coated" (kept: the wall relaxation is part of T2)
CELL_COATINGS = ("uncoated", "coated")


def mean_transverse_speed_m_s(species, temperature_C) -> float:
    """Mean speed transverse to the beam, <v_perp> = sqrt(pi k_B T / (2 m)), m/s.

    The mean of |v_perp| for a two-dimensional Maxwell-Boltzmann distribution (a Rayleigh
    distribution of scale sqrt(k_B T / m)).

    Parameters
    ----------
    species : Species or str
        The atoms.
    temperature_C : float
        Cell temperature, degrees C.

    Returns
    -------
    float
    """
    kelvin = magnitude_in(temperature_C + sc.zero_Celsius, "K", "temperature_K")
    return float(np.sqrt(np.pi * sc.k * kelvin / (2.0 * as_species(species).mass_kg)))


def transit_rate_per_s(species, temperature_C, waist_mm) -> float:
    """Rate at which thermal atoms cross the beam, <v_perp> / (2 w), in 1/s (module docstring).

    Parameters
    ----------
    species : Species or str
        The atoms.
    temperature_C : float
        Cell temperature, degrees C.
    waist_mm : float
        1/e^2 intensity radius of the probe, mm.

    Returns
    -------
    float
    """
    waist = magnitude_in(waist_mm, "mm", "waist_mm") * 1e-3
    return mean_transverse_speed_m_s(species, temperature_C) / (2.0 * waist)


def gamma_d_add_from_rate(coherence_rate_per_s, rate_unit_per_s) -> float:
    """Gamma_d^add = 2 gamma_2 / Gamma of a coherence decay rate gamma_2 (module docstring).

    Parameters
    ----------
    coherence_rate_per_s : float
        gamma_2 in 1/s (1/T2 plus the other non-radiative rates).
    rate_unit_per_s : float
        The model's rate unit Gamma, 1/s.

    Returns
    -------
    float
        Gamma_d^add in units of Gamma.
    """
    gamma_2 = magnitude_in(coherence_rate_per_s, "1/s", "coherence_rate_per_s", sign="non-negative")
    gamma = magnitude_in(rate_unit_per_s, "1/s", "rate_unit_per_s")
    return 2.0 * gamma_2 / gamma


__all__ = [
    "CELL_COATINGS",
    "gamma_d_add_from_rate",
    "mean_transverse_speed_m_s",
    "transit_rate_per_s",
]
