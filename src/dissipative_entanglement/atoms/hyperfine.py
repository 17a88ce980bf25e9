"""Hyperfine level positions of an alkali fine-structure level, for any nuclear spin.

Positions are in MHz (cyclic frequency) relative to the centroid (centre of gravity,
weights 2F+1) of the fine-structure level. They follow either from the magnetic-dipole
and electric-quadrupole constants A and B (the hyperfine formula printed in each of
Steck's D Line Data documents, Eq. (16) of "Cesium D Line Data") or from tabulated
successive intervals E_F - E_(F-1), as Steck prints them for Cs-133
(:mod:`dissipative_entanglement.atoms.species`).
"""

from __future__ import annotations

from fractions import Fraction
from types import MappingProxyType


def hyperfine_f(nuclear_spin, j) -> tuple[int, ...]:
    """Hyperfine quantum numbers F = |I - J| .. I + J of a level, ascending.

    Parameters
    ----------
    nuclear_spin : Fraction
        Nuclear spin I (half-integer for the alkali isotopes here).
    j : Fraction
        Electronic angular momentum J.

    Returns
    -------
    tuple of int
        The allowed F, ascending.
    """
    return tuple(range(int(abs(nuclear_spin - j)), int(nuclear_spin + j) + 1))


def hyperfine_shift_MHz(f, nuclear_spin, j, a_MHz, b_MHz=0.0):
    """Magnetic-dipole + electric-quadrupole hyperfine shift of level F, in MHz.

    Delta E = A K/2 + B (3/2 K(K+1) - 2 I(I+1) J(J+1)) / (4 I(2I-1) J(2J-1)),
    K = F(F+1) - I(I+1) - J(J+1) (Steck, "Cesium D Line Data", Eq. (16)); the B
    term is absent for J = 1/2 or I = 1/2. The magnetic-octupole term is left out.

    Parameters
    ----------
    f : int or Fraction
        Hyperfine quantum number F.
    nuclear_spin : Fraction
        Nuclear spin I.
    j : Fraction
        Electronic angular momentum J of the fine-structure level.
    a_MHz : float
        Magnetic-dipole constant A in MHz.
    b_MHz : float, optional
        Electric-quadrupole constant B in MHz (default 0).

    Returns
    -------
    float
        Shift of level F from the fine-structure centroid, in MHz.
    """
    i = Fraction(nuclear_spin)
    j = Fraction(j)
    k = f * (f + 1) - i * (i + 1) - j * (j + 1)
    shift = a_MHz * float(k) / 2.0
    if j > Fraction(1, 2) and i > Fraction(1, 2):
        num = Fraction(3, 2) * k * (k + 1) - 2 * i * (i + 1) * j * (j + 1)
        den = 4 * i * (2 * i - 1) * j * (2 * j - 1)
        shift += b_MHz * float(num / den)
    return shift


def positions_from_ab(nuclear_spin, j, a_MHz, b_MHz=0.0):
    """Hyperfine level positions from A and B, relative to the fine-structure centroid.

    Parameters
    ----------
    nuclear_spin : Fraction
        Nuclear spin I.
    j : Fraction
        Electronic angular momentum J.
    a_MHz : float
        Magnetic-dipole constant A in MHz.
    b_MHz : float, optional
        Electric-quadrupole constant B in MHz (default 0).

    Returns
    -------
    MappingProxyType
        F -> position in MHz, F ascending; the (2F+1)-weighted mean is zero.
    """
    return MappingProxyType(
        {
            f: hyperfine_shift_MHz(f, nuclear_spin, j, a_MHz, b_MHz)
            for f in hyperfine_f(nuclear_spin, j)
        }
    )


def positions_from_intervals(nuclear_spin, j, intervals_MHz):
    """Hyperfine level positions from successive intervals, relative to the centroid.

    Parameters
    ----------
    nuclear_spin : Fraction
        Nuclear spin I.
    j : Fraction
        Electronic angular momentum J.
    intervals_MHz : Mapping[int, float]
        ``intervals_MHz[F] = E_F - E_(F-1)`` in MHz for every F above the lowest.

    Returns
    -------
    MappingProxyType
        F -> position in MHz, F ascending; the (2F+1)-weighted mean is zero.
    """
    levels = hyperfine_f(nuclear_spin, j)
    relative = {levels[0]: 0.0}
    for f in levels[1:]:
        relative[f] = relative[f - 1] + intervals_MHz[f]
    weight = sum(2 * f + 1 for f in relative)
    centroid = sum((2 * f + 1) * e for f, e in relative.items()) / weight
    return MappingProxyType({f: e - centroid for f, e in sorted(relative.items())})


def intervals_from_positions(positions_MHz):
    """Successive intervals E_F - E_(F-1) of a set of hyperfine level positions.

    Parameters
    ----------
    positions_MHz : Mapping[int, float]
        F -> position in MHz.

    Returns
    -------
    MappingProxyType
        F -> E_F - E_(F-1) in MHz for every F above the lowest.
    """
    fs = sorted(positions_MHz)
    return MappingProxyType({f: positions_MHz[f] - positions_MHz[f - 1] for f in fs[1:]})
