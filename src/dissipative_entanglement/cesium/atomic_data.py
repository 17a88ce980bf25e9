"""Cs-133 atomic data for the D1 and D2 lines (Sec. IV.1, App. E).

Every number is taken from D. A. Steck, "Cesium D Line Data" (:data:`STECK_REFERENCE`);
the table or figure of that document is named next to each value. Physical constants
come from ``scipy.constants`` (CODATA). Derived quantities (level positions, the
hyperfine centroids) are computed here from the tabulated ones, so that no other module
carries a number of its own.

Frequencies are in MHz (cyclic, i.e. Gamma/2pi for widths), positions of hyperfine
levels relative to the centroid (centre of gravity, weights 2F+1) of their fine-structure
level. A transition F -> F' of a line sits at ``line frequency + E_F' - E_F``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

import scipy.constants as sc

from ..atoms.hyperfine import hyperfine_shift_MHz as _hyperfine_shift_MHz

STECK_REFERENCE = (
    'D. A. Steck, "Cesium D Line Data", revision 2.3.3 (2024), http://steck.us/alkalidata'
)

#: nuclear spin I of Cs-133 (Steck Table 2)
NUCLEAR_SPIN = Fraction(7, 2)
#: electronic angular momentum of the ground state 6S1/2
J_GROUND = Fraction(1, 2)
#: atomic mass of Cs-133 in unified atomic mass units (Steck Table 2)
ATOMIC_MASS_U = 132.905451961
#: atomic mass in kg (Steck Table 2 value times the CODATA atomic mass constant)
ATOMIC_MASS_KG = ATOMIC_MASS_U * sc.atomic_mass

#: 6S1/2 hyperfine splitting F=4 <-> F=3 in MHz; exact by the SI definition of the
#: second (Steck Table 5 / Fig. 2: A_6S1/2 = 2.2981579425 GHz, splitting 4 A)
GROUND_HYPERFINE_SPLITTING_MHZ = 9192.631770
#: 6S1/2 magnetic-dipole constant A in MHz (Steck Table 5), kept for consistency checks
GROUND_HYPERFINE_A_MHZ = 2298.1579425

#: Lande factors of the 6S1/2 electron and of the nucleus (Steck Table 7), for the Larmor
#: frequency of the ground hyperfine levels
G_J_GROUND = 2.00254032
G_I = -0.00039885395

#: D2 (6S1/2 -> 6P3/2) vacuum wavelength in nm and frequency in THz (Steck Table 3)
D2_WAVELENGTH_NM = 852.34727582
D2_FREQUENCY_THZ = 351.72571850
#: D2 excited-state lifetime in ns and natural linewidth Gamma/2pi in MHz (Steck Table 3)
D2_LIFETIME_NS = 30.473
D2_LINEWIDTH_MHZ = 5.2227
#: 6P3/2 hyperfine intervals E_F' - E_(F'-1) in MHz (Steck Fig. 2)
D2_EXCITED_INTERVALS_MHZ = MappingProxyType({5: 251.0916, 4: 201.2871, 3: 151.2247})
#: 6P3/2 hyperfine level positions relative to the 6P3/2 centroid in MHz (Steck Fig. 2);
#: used to check the positions built from the intervals above
D2_EXCITED_POSITIONS_TABULATED_MHZ = MappingProxyType(
    {5: 263.8906, 4: 12.79851, 3: -188.4885, 2: -339.7128}
)
#: 6P3/2 hyperfine constants A, B in MHz (Steck Table 5), for consistency checks
D2_HYPERFINE_A_MHZ = 50.28827
D2_HYPERFINE_B_MHZ = -0.4934

#: D1 (6S1/2 -> 6P1/2) vacuum wavelength in nm and frequency in THz (Steck Table 4)
D1_WAVELENGTH_NM = 894.59295986
D1_FREQUENCY_THZ = 335.116048807
#: D1 excited-state lifetime in ns and natural linewidth Gamma/2pi in MHz (Steck Table 4)
D1_LIFETIME_NS = 34.894
D1_LINEWIDTH_MHZ = 4.5612
#: 6P1/2 hyperfine interval E_4' - E_3' in MHz (Steck Fig. 3)
D1_EXCITED_INTERVALS_MHZ = MappingProxyType({4: 1167.680})
#: 6P1/2 hyperfine constant A in MHz (Steck Table 5), for consistency checks
D1_HYPERFINE_A_MHZ = 291.9201


def _positions_from_intervals(intervals, j):
    """Level positions relative to the (2F+1)-weighted centroid from successive intervals.

    ``intervals[F] = E_F - E_(F-1)``; F runs over |I - J| .. I + J.
    """
    f_low = int(abs(NUCLEAR_SPIN - j))
    f_high = int(NUCLEAR_SPIN + j)
    relative = {f_low: 0.0}
    for f in range(f_low + 1, f_high + 1):
        relative[f] = relative[f - 1] + intervals[f]
    weight = sum(2 * f + 1 for f in relative)
    centroid = sum((2 * f + 1) * e for f, e in relative.items()) / weight
    return MappingProxyType({f: e - centroid for f, e in sorted(relative.items())})


#: 6S1/2 level positions relative to the ground-state centroid in MHz (Steck Fig. 2:
#: F=4 at +4.021776399375 GHz, F=3 at -5.170855370625 GHz)
GROUND_POSITIONS_MHZ = _positions_from_intervals({4: GROUND_HYPERFINE_SPLITTING_MHZ}, J_GROUND)


@dataclass(frozen=True)
class DLine:
    """One D line of Cs-133: fine-structure data and hyperfine level positions.

    Attributes
    ----------
    name : "D1" or "D2".
    j_excited : J' of the excited fine-structure level (1/2 or 3/2).
    wavelength_nm, frequency_THz : vacuum wavelength and centroid frequency.
    linewidth_MHz : natural linewidth Gamma/2pi of the excited level (gamma_LW, App. E).
    lifetime_ns : excited-state lifetime.
    excited_positions_MHz : F' -> position relative to the excited centroid.
    """

    name: str
    j_excited: Fraction
    wavelength_nm: float
    frequency_THz: float
    linewidth_MHz: float
    lifetime_ns: float
    excited_positions_MHz: MappingProxyType

    @property
    def excited_f(self) -> tuple[int, ...]:
        """Excited hyperfine quantum numbers F', ascending."""
        return tuple(sorted(self.excited_positions_MHz))

    def transition_offset_MHz(self, f_ground: int, f_excited: int) -> float:
        """Frequency of the transition F -> F' minus the line centroid frequency, in MHz.

        Parameters
        ----------
        f_ground : int
            Ground hyperfine level F (3 or 4).
        f_excited : int
            Excited hyperfine level F' of this line.

        Returns
        -------
        float
            E_F' - E_F relative to the fine-structure centroids, in MHz.
        """
        return self.excited_positions_MHz[f_excited] - GROUND_POSITIONS_MHZ[f_ground]


D2 = DLine(
    name="D2",
    j_excited=Fraction(3, 2),
    wavelength_nm=D2_WAVELENGTH_NM,
    frequency_THz=D2_FREQUENCY_THZ,
    linewidth_MHz=D2_LINEWIDTH_MHZ,
    lifetime_ns=D2_LIFETIME_NS,
    excited_positions_MHz=_positions_from_intervals(D2_EXCITED_INTERVALS_MHZ, Fraction(3, 2)),
)

D1 = DLine(
    name="D1",
    j_excited=Fraction(1, 2),
    wavelength_nm=D1_WAVELENGTH_NM,
    frequency_THz=D1_FREQUENCY_THZ,
    linewidth_MHz=D1_LINEWIDTH_MHZ,
    lifetime_ns=D1_LIFETIME_NS,
    excited_positions_MHz=_positions_from_intervals(D1_EXCITED_INTERVALS_MHZ, Fraction(1, 2)),
)

LINES = MappingProxyType({"D1": D1, "D2": D2})

#: ground hyperfine levels F (6S1/2), ascending
GROUND_F = tuple(sorted(GROUND_POSITIONS_MHZ))
#: upper ground level F = I + 1/2, which holds |up> and |down> (Sec. IV.1)
F_UPPER = int(NUCLEAR_SPIN + J_GROUND)
#: lower ground level F = I - 1/2, which holds |h> (Sec. IV.1)
F_LOWER = int(NUCLEAR_SPIN - J_GROUND)


def hyperfine_shift_MHz(f, j, a_MHz, b_MHz=0.0):
    """Magnetic-dipole + electric-quadrupole hyperfine shift of Cs-133, Steck's Eq. (16).

    :func:`dissipative_entanglement.atoms.hyperfine.hyperfine_shift_MHz` at I = 7/2.

    Delta E = A K/2 + B (3/2 K(K+1) - 2 I(I+1) J(J+1)) / (4 I(2I-1) J(2J-1)),
    K = F(F+1) - I(I+1) - J(J+1); the B term is absent for J = 1/2. Used only to check
    the tabulated intervals (the magnetic-octupole constant C ~ 0.56 kHz is left out).

    Parameters
    ----------
    f : int or Fraction
        Hyperfine quantum number F.
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
    return _hyperfine_shift_MHz(f, NUCLEAR_SPIN, j, a_MHz, b_MHz)
