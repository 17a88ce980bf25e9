"""Atomic data of the D1 and D2 lines of Cs-133, Rb-87, Rb-85, K-39 and Na-23.

The source is the published tables, typed in with a citation next to each value:

- Cs-133: D. A. Steck, "Cesium D Line Data" (:data:`STECK_CS`); its excited hyperfine
  positions are built from the tabulated intervals (Steck Figs. 2 and 3), the others'
  from A and B;
- Rb-87, Rb-85, Na-23: D. A. Steck, "Rubidium 87 D Line Data", "Rubidium 85 D Line Data",
  "Sodium D Line Data" (:data:`STECK_RB87`, :data:`STECK_RB85`, :data:`STECK_NA`); their
  tables follow the layout of the Cs document (Table 2 physical properties, Table 3 D2 and
  Table 4 D1 optical properties, Table 5 hyperfine constants, Table 7 g-factors, Fig. 2
  D2 and Fig. 3 D1 hyperfine structure);
- K-39: T. G. Tiecke, "Properties of Potassium" (:data:`TIECKE_K`), the tables of K-39
  properties, of the D1 and D2 lines and of the hyperfine constants;
- vapour pressure: the two-parameter equations of C. B. Alcock, V. P. Itkin and
  M. K. Horrigan (:data:`ALCOCK`, Table 2), which Steck prints as Eqs. (1)-(2).

Every value carries its standard uncertainty in ``uncertainty`` (same unit as the field;
0 for values exact by definition). The independent cross-check against the ARC package
(arc-alkali-rydberg-calculator) is in ``tests/unit/test_atoms_species.py``; the differences
found are listed in ``docs/atoms.md``.

Frequencies are in MHz (cyclic: Gamma/2pi for widths); hyperfine level positions are
relative to the centroid (weights 2F+1) of their fine-structure level, so a transition
F -> F' of a line sits at ``line frequency + E_F' - E_F``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

import numpy as np
import scipy.constants as sc
from scipy.optimize import brentq

from .hyperfine import intervals_from_positions, positions_from_ab, positions_from_intervals

STECK_CS = 'D. A. Steck, "Cesium D Line Data", revision 2.3.3 (2024), http://steck.us/alkalidata'
STECK_RB87 = (
    'D. A. Steck, "Rubidium 87 D Line Data", revision 2.3.3 (2024), http://steck.us/alkalidata'
)
STECK_RB85 = (
    'D. A. Steck, "Rubidium 85 D Line Data", revision 2.3.3 (2024), http://steck.us/alkalidata'
)
STECK_NA = 'D. A. Steck, "Sodium D Line Data", revision 2.3.3 (2024), http://steck.us/alkalidata'
TIECKE_K = 'T. G. Tiecke, "Properties of Potassium", v1.03 (2019), https://www.tobiastiecke.nl'
ALCOCK = (
    "C. B. Alcock, V. P. Itkin and M. K. Horrigan, Canadian Metallurgical Quarterly 23, "
    "309 (1984), Table 2: log10(P/atm) = A - B/T, +-5 % from 298 K to the upper limit"
)

#: electronic angular momentum of every alkali ground state n S1/2
J_GROUND = Fraction(1, 2)
#: log10 of 760 torr/atm: Steck's Eqs. (1)-(2) give Alcock's atm equations in torr
_LOG10_TORR_PER_ATM = 2.881


def _frozen(mapping: Mapping) -> MappingProxyType:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class VapourPressure:
    """Saturated vapour pressure over the solid and the liquid metal.

    log10(P / torr) = 2.881 + a - b / T (Alcock et al. Table 2, Steck Eqs. (1)-(2)),
    with the solid branch below the melting point and the liquid branch above it.

    Attributes
    ----------
    solid_a, solid_b_K : constants a and b (in K) of the solid branch.
    liquid_a, liquid_b_K : constants a and b (in K) of the liquid branch.
    melting_point_K : melting point in K.
    valid_from_K, valid_to_K : temperature range of the equations in K (+-5 %).
    reference : where the equations and the melting point come from.
    """

    solid_a: float
    solid_b_K: float
    liquid_a: float
    liquid_b_K: float
    melting_point_K: float
    valid_from_K: float
    valid_to_K: float
    reference: str

    def pressure_Pa(self, temperature_K, *, extrapolate: bool = False):
        """Saturated vapour pressure in Pa, vectorised over temperature.

        Parameters
        ----------
        temperature_K : array_like
            Temperature of the metal (the coldest spot of the cell) in K.
        extrapolate : bool, optional
            Allow temperatures outside [valid_from_K, valid_to_K] (e.g. 20 C, just below
            Alcock's 298 K); the +-5 % accuracy is then not guaranteed. Default False.

        Returns
        -------
        ndarray or float
            Vapour pressure in Pa, same shape as ``temperature_K``.

        Raises
        ------
        ValueError
            For a temperature outside the validity range (unless ``extrapolate``) or not
            above absolute zero.
        """
        t = np.asarray(temperature_K, dtype=float)
        if np.any(t <= 0.0):
            raise ValueError("temperature must be above absolute zero")
        outside = (t < self.valid_from_K) | (t > self.valid_to_K)
        if not extrapolate and np.any(outside):
            raise ValueError(
                f"vapour-pressure equations hold from {self.valid_from_K} K to "
                f"{self.valid_to_K} K (pass extrapolate=True to go beyond)"
            )
        solid = t < self.melting_point_K
        log10_torr = _LOG10_TORR_PER_ATM + np.where(
            solid, self.solid_a - self.solid_b_K / t, self.liquid_a - self.liquid_b_K / t
        )
        return 10.0**log10_torr * sc.torr


@dataclass(frozen=True)
class DLine:
    """One D line of an alkali species: fine-structure data and excited hyperfine levels.

    Attributes
    ----------
    name : "D1" or "D2".
    j_excited : J' of the excited fine-structure level (1/2 or 3/2).
    wavelength_nm, frequency_THz : vacuum wavelength and centroid frequency.
    linewidth_MHz : natural linewidth Gamma/2pi of the excited level.
    lifetime_ns : excited-state lifetime.
    hyperfine_a_MHz, hyperfine_b_MHz : excited-state hyperfine constants A, B (B = 0
        for J' = 1/2).
    excited_positions_MHz : F' -> position relative to the excited centroid (from the
        tabulated intervals for Cs-133, from A and B otherwise; ``positions_from``).
    tabulated_intervals_MHz : F' -> E_F' - E_(F'-1) as the source prints it.
    interval_uncertainty_MHz : F' -> standard uncertainty of that interval.
    uncertainty : field name -> standard uncertainty of the typed scalar fields.
    positions_from : "intervals" or "A, B".
    reference : source of the values.
    """

    name: str
    j_excited: Fraction
    wavelength_nm: float
    frequency_THz: float
    linewidth_MHz: float
    lifetime_ns: float
    hyperfine_a_MHz: float
    hyperfine_b_MHz: float
    excited_positions_MHz: MappingProxyType
    tabulated_intervals_MHz: MappingProxyType
    interval_uncertainty_MHz: MappingProxyType
    uncertainty: MappingProxyType
    positions_from: str
    reference: str

    @property
    def excited_f(self) -> tuple[int, ...]:
        """Excited hyperfine quantum numbers F', ascending."""
        return tuple(sorted(self.excited_positions_MHz))

    @property
    def excited_intervals_MHz(self) -> MappingProxyType:
        """F' -> E_F' - E_(F'-1) in MHz, from the positions the model uses."""
        return intervals_from_positions(self.excited_positions_MHz)


def _line(name, j_excited, optical, hyperfine, intervals, *, nuclear_spin, reference):
    """Build a DLine from (value, uncertainty) pairs, excited positions from A and B."""
    a, b = hyperfine["a"][0], hyperfine.get("b", (0.0, 0.0))[0]
    positions = positions_from_ab(nuclear_spin, j_excited, a, b)
    return DLine(
        name=name,
        j_excited=j_excited,
        wavelength_nm=optical["wavelength_nm"][0],
        frequency_THz=optical["frequency_THz"][0],
        linewidth_MHz=optical["linewidth_MHz"][0],
        lifetime_ns=optical["lifetime_ns"][0],
        hyperfine_a_MHz=a,
        hyperfine_b_MHz=b,
        excited_positions_MHz=positions,
        tabulated_intervals_MHz=_frozen({f: v for f, (v, _) in intervals.items()}),
        interval_uncertainty_MHz=_frozen({f: u for f, (_, u) in intervals.items()}),
        uncertainty=_frozen(
            {k: u for k, (_, u) in optical.items()}
            | {"hyperfine_a_MHz": hyperfine["a"][1]}
            | {"hyperfine_b_MHz": hyperfine.get("b", (0.0, 0.0))[1]}
        ),
        positions_from="A, B",
        reference=reference,
    )


@dataclass(frozen=True)
class Species:
    """One alkali isotope: nuclear and ground-state data, vapour pressure, D1 and D2.

    Attributes
    ----------
    name : registry key, e.g. "Cs133".
    element : chemical symbol.
    ground_n : principal quantum number of the ground state n S1/2.
    nuclear_spin : nuclear spin I.
    mass_u : atomic mass in unified atomic mass units.
    ground_hyperfine_a_MHz : ground-state magnetic-dipole constant A.
    ground_hyperfine_splitting_MHz : E(F = I + 1/2) - E(F = I - 1/2) of the ground state.
    ground_positions_MHz : F -> ground level position relative to the ground centroid.
    g_j_ground : fine-structure Lande factor of the ground state (sign convention of
        Steck: g_J > 0, g_I < 0 for these isotopes).
    g_i : nuclear Lande factor.
    vapour : saturated vapour pressure.
    d1, d2 : the two D lines.
    uncertainty : field name -> standard uncertainty of the typed scalar fields.
    reference : source of the values.
    natural_abundance : fraction of the element's atoms in nature that are this isotope.
    """

    name: str
    element: str
    ground_n: int
    nuclear_spin: Fraction
    mass_u: float
    ground_hyperfine_a_MHz: float
    ground_hyperfine_splitting_MHz: float
    ground_positions_MHz: MappingProxyType
    g_j_ground: float
    g_i: float
    vapour: VapourPressure
    d1: DLine
    d2: DLine
    uncertainty: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    reference: str = ""
    natural_abundance: float = 1.0

    @property
    def mass_kg(self) -> float:
        """Atomic mass in kg (mass_u times the CODATA atomic mass constant)."""
        return self.mass_u * sc.atomic_mass

    @property
    def ground_f(self) -> tuple[int, ...]:
        """Ground hyperfine quantum numbers F, ascending."""
        return tuple(sorted(self.ground_positions_MHz))

    @property
    def f_upper(self) -> int:
        """Upper ground level F = I + 1/2 (holds the up and down states of Sec. IV.1)."""
        return int(self.nuclear_spin + J_GROUND)

    @property
    def f_lower(self) -> int:
        """Lower ground level F = I - 1/2 (holds the state h of Sec. IV.1)."""
        return int(self.nuclear_spin - J_GROUND)

    @property
    def lines(self) -> MappingProxyType:
        """Line name -> DLine, for "D1" and "D2"."""
        return MappingProxyType({"D1": self.d1, "D2": self.d2})

    def line(self, name: str) -> DLine:
        """The D line of the given name.

        Parameters
        ----------
        name : str
            "D1" or "D2".

        Returns
        -------
        DLine
            The line.

        Raises
        ------
        KeyError
            For another name; the message lists the allowed ones.
        """
        if name not in self.lines:
            raise KeyError(f"unknown line {name!r} of {self.name}; allowed: {sorted(self.lines)}")
        return self.lines[name]

    def transition_offset_MHz(self, line: str, f_ground: int, f_excited: int) -> float:
        """Frequency of the transition F -> F' minus the line centroid frequency, in MHz.

        Parameters
        ----------
        line : str
            "D1" or "D2".
        f_ground : int
            Ground hyperfine level F (F_lower or F_upper).
        f_excited : int
            Excited hyperfine level F' of that line.

        Returns
        -------
        float
            E_F' - E_F relative to the fine-structure centroids, in MHz.
        """
        excited = self.line(line).excited_positions_MHz
        return excited[f_excited] - self.ground_positions_MHz[f_ground]

    def allowed_transitions(self, line: str) -> tuple[tuple[int, int], ...]:
        """Electric-dipole-allowed hyperfine transitions F -> F' (|F - F'| <= 1) of a line.

        Parameters
        ----------
        line : str
            "D1" or "D2".

        Returns
        -------
        tuple of (int, int)
            (F, F') pairs, sorted by F then F'.
        """
        excited = self.line(line).excited_f
        return tuple((f, fp) for f in self.ground_f for fp in excited if abs(f - fp) <= 1)


# ----------------------------------------------------------------------------- Cs-133
_CS133_I = Fraction(7, 2)  # Steck Cs Table 2
#: 6S1/2 splitting F=4 <-> F=3 in MHz: exact by the SI definition of the second (Steck Cs
#: Fig. 2; A(6S1/2) = 2.298 157 942 5 GHz, Table 5, is a quarter of it)
_CS133_GROUND_SPLITTING_MHZ = 9192.631770
#: 6P3/2 hyperfine level positions relative to the 6P3/2 centroid in MHz as Steck Cs Fig. 2
#: prints them; the model builds its positions from the intervals, and the tests check the
#: two agree within the printed digits
CS133_D2_TABULATED_POSITIONS_MHZ = _frozen({5: 263.8906, 4: 12.79851, 3: -188.4885, 2: -339.7128})

_CS_D2_INTERVALS_MHZ = _frozen({5: 251.0916, 4: 201.2871, 3: 151.2247})  # Steck Cs Fig. 2
_CS_D1_INTERVALS_MHZ = _frozen({4: 1167.680})  # Steck Cs Fig. 3

_CS_D2 = DLine(
    name="D2",
    j_excited=Fraction(3, 2),
    wavelength_nm=852.34727582,  # Steck Cs Table 3
    frequency_THz=351.72571850,  # Steck Cs Table 3
    linewidth_MHz=5.2227,  # Steck Cs Table 3: Gamma/2pi
    lifetime_ns=30.473,  # Steck Cs Table 3
    hyperfine_a_MHz=50.28827,  # Steck Cs Table 5: A(6P3/2)
    hyperfine_b_MHz=-0.4934,  # Steck Cs Table 5: B(6P3/2)
    excited_positions_MHz=positions_from_intervals(_CS133_I, Fraction(3, 2), _CS_D2_INTERVALS_MHZ),
    tabulated_intervals_MHz=_CS_D2_INTERVALS_MHZ,
    # Steck Cs Fig. 2: 251.0916(20), 201.2871(11), 151.2247(16) MHz
    interval_uncertainty_MHz=_frozen({5: 0.0020, 4: 0.0011, 3: 0.0016}),
    uncertainty=_frozen(
        {
            "wavelength_nm": 2.7e-10,  # Steck Cs Table 3: 852.347 275 82(27) nm
            "frequency_THz": 1.1e-10,  # Steck Cs Table 3: 351.725 718 50(11) THz
            "linewidth_MHz": 0.0066,  # Steck Cs Table 3: 5.2227(66) MHz
            "lifetime_ns": 0.039,  # Steck Cs Table 3: 30.473(39) ns
            "hyperfine_a_MHz": 0.00023,  # Steck Cs Table 5: 50.288 27(23) MHz
            "hyperfine_b_MHz": 0.0017,  # Steck Cs Table 5: -0.4934(17) MHz
        }
    ),
    positions_from="intervals",
    reference=STECK_CS,
)

_CS_D1 = DLine(
    name="D1",
    j_excited=Fraction(1, 2),
    wavelength_nm=894.59295986,  # Steck Cs Table 4
    frequency_THz=335.116048807,  # Steck Cs Table 4
    linewidth_MHz=4.5612,  # Steck Cs Table 4: Gamma/2pi
    lifetime_ns=34.894,  # Steck Cs Table 4
    hyperfine_a_MHz=291.9201,  # Steck Cs Table 5: A(6P1/2)
    hyperfine_b_MHz=0.0,
    excited_positions_MHz=positions_from_intervals(_CS133_I, Fraction(1, 2), _CS_D1_INTERVALS_MHZ),
    tabulated_intervals_MHz=_CS_D1_INTERVALS_MHZ,
    # the interval is 4 A(6P1/2): 4 x 1.3 kHz (Steck Cs Table 5)
    interval_uncertainty_MHz=_frozen({4: 0.0052}),
    uncertainty=_frozen(
        {
            "wavelength_nm": 1.0e-10,  # Steck Cs Table 4: 894.592 959 86(10) nm
            "frequency_THz": 4.1e-11,  # Steck Cs Table 4: 335.116 048 807(41) THz
            "linewidth_MHz": 0.0057,  # Steck Cs Table 4: 4.5612(57) MHz
            "lifetime_ns": 0.044,  # Steck Cs Table 4: 34.894(44) ns
            "hyperfine_a_MHz": 0.0013,  # Steck Cs Table 5: 291.9201(13) MHz
            "hyperfine_b_MHz": 0.0,
        }
    ),
    positions_from="intervals",
    reference=STECK_CS,
)

CS133 = Species(
    name="Cs133",
    element="Cs",
    ground_n=6,
    nuclear_spin=_CS133_I,
    mass_u=132.905451961,  # Steck Cs Table 2: 132.905 451 961(8) u
    ground_hyperfine_a_MHz=2298.1579425,  # Steck Cs Table 5: A(6S1/2), exact
    ground_hyperfine_splitting_MHz=_CS133_GROUND_SPLITTING_MHZ,
    # Steck Cs Fig. 2: F=4 at +4.021 776 399 375 GHz, F=3 at -5.170 855 370 625 GHz
    ground_positions_MHz=positions_from_intervals(
        _CS133_I, J_GROUND, {4: _CS133_GROUND_SPLITTING_MHZ}
    ),
    g_j_ground=2.00254032,  # Steck Cs Table 7: g_J(6S1/2)
    g_i=-0.00039885395,  # Steck Cs Table 7: g_I
    vapour=VapourPressure(
        # Steck Cs Eqs. (1)-(2) (Alcock Table 2): solid 4.711 - 3999/T, liquid 4.165 - 3830/T
        solid_a=4.711,
        solid_b_K=3999.0,
        liquid_a=4.165,
        liquid_b_K=3830.0,
        melting_point_K=28.44 + sc.zero_Celsius,  # Steck Cs Table 2: 28.44 C
        valid_from_K=298.0,
        valid_to_K=550.0,  # Alcock Table 2, as stated by Steck: 298-550 K
        reference=f"{STECK_CS}, Eqs. (1)-(2), Table 2; {ALCOCK}",
    ),
    d1=_CS_D1,
    d2=_CS_D2,
    uncertainty=_frozen(
        {
            "mass_u": 8e-9,  # Steck Cs Table 2: 132.905 451 961(8) u
            "ground_hyperfine_a_MHz": 0.0,  # exact: definition of the SI second
            "ground_hyperfine_splitting_MHz": 0.0,  # exact: definition of the SI second
            "g_j_ground": 2.0e-7,  # Steck Cs Table 7: 2.002 540 32(20)
            "g_i": 5.2e-13,  # Steck Cs Table 7: -0.000 398 853 95(52)
        }
    ),
    reference=STECK_CS,
)

# ----------------------------------------------------------------------------- Rb-87
_RB87_I = Fraction(3, 2)
_RB87_GROUND_A_MHZ = 3417.341305452145  # Steck Rb87 Table 5: 3.417 341 305 452 145(45) GHz

RB87 = Species(
    name="Rb87",
    element="Rb",
    ground_n=5,
    nuclear_spin=_RB87_I,  # Steck Rb87 Table 2
    mass_u=86.909180531,  # Steck Rb87 Table 2: 86.909 180 531(6) u
    ground_hyperfine_a_MHz=_RB87_GROUND_A_MHZ,
    # Steck Rb87 Fig. 2: 6.834 682 610 904 29(9) GHz
    ground_hyperfine_splitting_MHz=6834.68261090429,
    ground_positions_MHz=positions_from_ab(_RB87_I, J_GROUND, _RB87_GROUND_A_MHZ),
    g_j_ground=2.00233113,  # Steck Rb87 Table 7: 2.002 331 13(20)
    g_i=-0.0009951414,  # Steck Rb87 Table 7: -0.000 995 141 4(10)
    vapour=VapourPressure(
        # Steck Rb87 Eqs. (1)-(2) (Alcock Table 2): solid 4.857 - 4215/T, liquid 4.312 - 4040/T
        solid_a=4.857,
        solid_b_K=4215.0,
        liquid_a=4.312,
        liquid_b_K=4040.0,
        melting_point_K=39.30 + sc.zero_Celsius,  # Steck Rb87 Table 2: 39.30 C
        valid_from_K=298.0,
        valid_to_K=550.0,  # Alcock Table 2: 298-550 K
        reference=f"{STECK_RB87}, Eqs. (1)-(2), Table 2; {ALCOCK}",
    ),
    d1=_line(
        "D1",
        Fraction(1, 2),
        {
            "wavelength_nm": (794.978851156, 2.3e-8),  # Steck Rb87 Table 4: (23)
            "frequency_THz": (377.107463380, 1.1e-8),  # Steck Rb87 Table 4: (11)
            "linewidth_MHz": (5.7500, 0.0056),  # Steck Rb87 Table 4
            "lifetime_ns": (27.679, 0.027),  # Steck Rb87 Table 4
        },
        {"a": (408.328, 0.015)},  # Steck Rb87 Table 5: A(5P1/2)
        {2: (816.656, 0.030)},  # Steck Rb87 Fig. 3: F'=2 - F'=1
        reference=STECK_RB87,
        nuclear_spin=_RB87_I,
    ),
    d2=_line(
        "D2",
        Fraction(3, 2),
        {
            "wavelength_nm": (780.241209686, 1.3e-8),  # Steck Rb87 Table 3: (13)
            "frequency_THz": (384.2304844685, 6.2e-9),  # Steck Rb87 Table 3: (62)
            "linewidth_MHz": (6.0666, 0.0018),  # Steck Rb87 Table 3
            "lifetime_ns": (26.2348, 0.0077),  # Steck Rb87 Table 3
        },
        {"a": (84.7185, 0.0020), "b": (12.4965, 0.0037)},  # Steck Rb87 Table 5: 5P3/2
        # Steck Rb87 Fig. 2: F'=3-2, 2-1, 1-0
        {3: (266.6500, 0.0090), 2: (156.9470, 0.0070), 1: (72.2180, 0.0040)},
        reference=STECK_RB87,
        nuclear_spin=_RB87_I,
    ),
    uncertainty=_frozen(
        {
            "mass_u": 6e-9,
            "ground_hyperfine_a_MHz": 4.5e-11,
            "ground_hyperfine_splitting_MHz": 9e-11,
            "g_j_ground": 2.0e-7,
            "g_i": 1.0e-12,
        }
    ),
    reference=STECK_RB87,
    natural_abundance=0.2783,  # Steck Rb87 Table 1: 27.83(2) %
)

# ----------------------------------------------------------------------------- Rb-85
_RB85_I = Fraction(5, 2)
_RB85_GROUND_A_MHZ = 1011.9108130  # Steck Rb85 Table 5: 1.011 910 813 0(20) GHz

RB85 = Species(
    name="Rb85",
    element="Rb",
    ground_n=5,
    nuclear_spin=_RB85_I,  # Steck Rb85 Table 2
    mass_u=84.911789738,  # Steck Rb85 Table 2: 84.911 789 738(12) u
    ground_hyperfine_a_MHz=_RB85_GROUND_A_MHZ,
    ground_hyperfine_splitting_MHz=3035.7324390,  # Steck Rb85 Fig. 2: 3.035 732 439 0(60) GHz
    ground_positions_MHz=positions_from_ab(_RB85_I, J_GROUND, _RB85_GROUND_A_MHZ),
    g_j_ground=2.00233113,  # Steck Rb85 Table 7: 2.002 331 13(20)
    g_i=-0.00029364000,  # Steck Rb85 Table 7: -0.000 293 640 00(60)
    vapour=VapourPressure(
        # the same element: Steck Rb85 Eqs. (1)-(2) are those of Rb87
        solid_a=4.857,
        solid_b_K=4215.0,
        liquid_a=4.312,
        liquid_b_K=4040.0,
        melting_point_K=39.30 + sc.zero_Celsius,  # Steck Rb85 Table 2: 39.30 C
        valid_from_K=298.0,
        valid_to_K=550.0,
        reference=f"{STECK_RB85}, Eqs. (1)-(2), Table 2; {ALCOCK}",
    ),
    d1=_line(
        "D1",
        Fraction(1, 2),
        {
            "wavelength_nm": (794.979014933, 9.6e-8),  # Steck Rb85 Table 4: (96)
            "frequency_THz": (377.107385690, 4.6e-8),  # Steck Rb85 Table 4: (46)
            "linewidth_MHz": (5.7500, 0.0056),  # Steck Rb85 Table 4
            "lifetime_ns": (27.679, 0.027),  # Steck Rb85 Table 4
        },
        {"a": (120.527, 0.056)},  # Steck Rb85 Table 5: A(5P1/2)
        {3: (361.58, 0.17)},  # Steck Rb85 Fig. 3: F'=3 - F'=2
        reference=STECK_RB85,
        nuclear_spin=_RB85_I,
    ),
    d2=_line(
        "D2",
        Fraction(3, 2),
        {
            "wavelength_nm": (780.241368271, 2.7e-8),  # Steck Rb85 Table 3: (27)
            "frequency_THz": (384.230406373, 1.4e-8),  # Steck Rb85 Table 3: (14)
            "linewidth_MHz": (6.0666, 0.0018),  # Steck Rb85 Table 3
            "lifetime_ns": (26.2348, 0.0077),  # Steck Rb85 Table 3
        },
        {"a": (25.0020, 0.0099), "b": (25.790, 0.093)},  # Steck Rb85 Table 5: 5P3/2
        # Steck Rb85 Fig. 2: F'=4-3, 3-2, 2-1
        {4: (120.640, 0.068), 3: (63.401, 0.061), 2: (29.372, 0.090)},
        reference=STECK_RB85,
        nuclear_spin=_RB85_I,
    ),
    uncertainty=_frozen(
        {
            "mass_u": 1.2e-8,
            "ground_hyperfine_a_MHz": 2.0e-9,
            "ground_hyperfine_splitting_MHz": 6.0e-9,
            "g_j_ground": 2.0e-7,
            "g_i": 6.0e-13,
        }
    ),
    reference=STECK_RB85,
    natural_abundance=0.7217,  # Steck Rb85 Table 1: 72.17(2) %
)

# ----------------------------------------------------------------------------- K-39
_K39_I = Fraction(3, 2)
_K39_GROUND_A_MHZ = 230.8598601  # Tiecke, hyperfine constants: A(4S1/2) = 230.859 860 1(3) MHz

K39 = Species(
    name="K39",
    element="K",
    ground_n=4,
    nuclear_spin=_K39_I,  # Tiecke, K-39 properties
    mass_u=38.96370668,  # Tiecke, K-39 properties: 38.963 706 68(20) u
    ground_hyperfine_a_MHz=_K39_GROUND_A_MHZ,
    ground_hyperfine_splitting_MHz=2 * _K39_GROUND_A_MHZ,  # (I + 1/2) A for J = 1/2
    ground_positions_MHz=positions_from_ab(_K39_I, J_GROUND, _K39_GROUND_A_MHZ),
    g_j_ground=2.00229421,  # Tiecke, K-39 properties: g_J(4S1/2) = 2.002 294 21(24)
    g_i=-0.00014193489,  # Tiecke, K-39 properties: g_I = -0.000 141 934 89(12)
    vapour=VapourPressure(
        # Alcock Table 2: solid 4.961 - 4646/T, liquid 4.402 - 4453/T
        solid_a=4.961,
        solid_b_K=4646.0,
        liquid_a=4.402,
        liquid_b_K=4453.0,
        melting_point_K=63.5 + sc.zero_Celsius,  # Tiecke, physical properties: 63.5 C
        valid_from_K=298.0,
        valid_to_K=600.0,  # Alcock Table 2: 298-600 K
        reference=f"{ALCOCK}; melting point {TIECKE_K}",
    ),
    d1=_line(
        "D1",
        Fraction(1, 2),
        {
            "wavelength_nm": (770.108385049, 1.23e-7),  # Tiecke, K-39 D1 line: (123)
            "frequency_THz": (389.286058716, 6.2e-8),  # Tiecke, K-39 D1 line: (62)
            "linewidth_MHz": (5.956, 0.011),  # Tiecke, K-39 D1 line
            "lifetime_ns": (26.72, 0.05),  # Tiecke, K-39 D1 line
        },
        {"a": (27.775, 0.042)},  # Tiecke, hyperfine constants: A(4P1/2)
        {2: (55.5, 0.05)},  # Tiecke, K-39 level scheme: F'=2 - F'=1, printed to 0.1 MHz
        reference=TIECKE_K,
        nuclear_spin=_K39_I,
    ),
    d2=_line(
        "D2",
        Fraction(3, 2),
        {
            "wavelength_nm": (766.700921822, 2.4e-8),  # Tiecke, K-39 D2 line: (24)
            "frequency_THz": (391.01617003, 1.2e-7),  # Tiecke, K-39 D2 line: (12)
            "linewidth_MHz": (6.035, 0.011),  # Tiecke, K-39 D2 line
            "lifetime_ns": (26.37, 0.05),  # Tiecke, K-39 D2 line
        },
        {"a": (6.093, 0.025), "b": (2.786, 0.071)},  # Tiecke, hyperfine constants: 4P3/2
        # Tiecke, K-39 level scheme: F'=3-2, 2-1, 1-0, printed to 0.1 MHz
        {3: (21.1, 0.05), 2: (9.4, 0.05), 1: (3.3, 0.05)},
        reference=TIECKE_K,
        nuclear_spin=_K39_I,
    ),
    uncertainty=_frozen(
        {
            "mass_u": 2.0e-7,
            "ground_hyperfine_a_MHz": 3.0e-7,
            "ground_hyperfine_splitting_MHz": 6.0e-7,
            "g_j_ground": 2.4e-7,
            "g_i": 1.2e-13,
        }
    ),
    reference=TIECKE_K,
    natural_abundance=0.932581,  # Tiecke, K-39: 93.2581(44) %
)

# ----------------------------------------------------------------------------- Na-23
_NA23_I = Fraction(3, 2)
_NA23_GROUND_A_MHZ = 885.8130644  # Steck Na Table 5: A(3S1/2) = 885.813 064 4(5) MHz

NA23 = Species(
    name="Na23",
    element="Na",
    ground_n=3,
    nuclear_spin=_NA23_I,  # Steck Na Table 2
    mass_u=22.9897692820,  # Steck Na Table 2: 22.989 769 282 0(19) u
    ground_hyperfine_a_MHz=_NA23_GROUND_A_MHZ,
    ground_hyperfine_splitting_MHz=1771.6261288,  # Steck Na Fig. 2: 1.771 626 128 8(10) GHz
    ground_positions_MHz=positions_from_ab(_NA23_I, J_GROUND, _NA23_GROUND_A_MHZ),
    g_j_ground=2.00229600,  # Steck Na Table 7: 2.002 296 00(70)
    g_i=-0.00080461080,  # Steck Na Table 7: -0.000 804 610 80(80)
    vapour=VapourPressure(
        # Steck Na Eqs. (1)-(2) (Alcock Table 2): solid 5.298 - 5603/T, liquid 4.704 - 5377/T
        solid_a=5.298,
        solid_b_K=5603.0,
        liquid_a=4.704,
        liquid_b_K=5377.0,
        melting_point_K=97.80 + sc.zero_Celsius,  # Steck Na Table 2: 97.80 C
        valid_from_K=298.0,
        valid_to_K=700.0,  # Alcock Table 2: 298-700 K
        reference=f"{STECK_NA}, Eqs. (1)-(2), Table 2; {ALCOCK}",
    ),
    d1=_line(
        "D1",
        Fraction(1, 2),
        {
            "wavelength_nm": (589.7558147, 1.5e-6),  # Steck Na Table 4: (15)
            "frequency_THz": (508.3331958, 1.3e-6),  # Steck Na Table 4: (13)
            "linewidth_MHz": (9.765, 0.013),  # Steck Na Table 4
            "lifetime_ns": (16.299, 0.021),  # Steck Na Table 4
        },
        {"a": (94.44, 0.13)},  # Steck Na Table 5: A(3P1/2)
        {2: (188.88, 0.26)},  # Steck Na Fig. 3: F'=2 - F'=1
        reference=STECK_NA,
        nuclear_spin=_NA23_I,
    ),
    d2=_line(
        "D2",
        Fraction(3, 2),
        {
            "wavelength_nm": (589.1583264, 1.5e-6),  # Steck Na Table 3: (15)
            "frequency_THz": (508.8487162, 1.3e-6),  # Steck Na Table 3: (13)
            "linewidth_MHz": (9.7946, 0.0046),  # Steck Na Table 3
            "lifetime_ns": (16.2492, 0.0077),  # Steck Na Table 3
        },
        {"a": (18.534, 0.015), "b": (2.724, 0.030)},  # Steck Na Table 5: 3P3/2
        # Steck Na Fig. 2: F'=3-2, 2-1, 1-0
        {3: (58.326, 0.043), 2: (34.344, 0.049), 1: (15.810, 0.080)},
        reference=STECK_NA,
        nuclear_spin=_NA23_I,
    ),
    uncertainty=_frozen(
        {
            "mass_u": 1.9e-9,
            "ground_hyperfine_a_MHz": 5.0e-7,
            "ground_hyperfine_splitting_MHz": 1.0e-6,
            "g_j_ground": 7.0e-7,
            "g_i": 8.0e-13,
        }
    ),
    reference=STECK_NA,
)

#: registry of the species, by the name a configuration uses (``atom: {species: ...}``)
SPECIES = MappingProxyType({s.name: s for s in (CS133, RB87, RB85, K39, NA23)})


def get_species(name: str) -> Species:
    """The species of the given registry name.

    Parameters
    ----------
    name : str
        One of the keys of :data:`SPECIES` ("Cs133", "Rb87", "Rb85", "K39", "Na23").

    Returns
    -------
    Species
        The atomic data.

    Raises
    ------
    KeyError
        For an unknown name; the message lists the allowed keys.
    """
    if name not in SPECIES:
        raise KeyError(f"unknown species {name!r}; allowed: {sorted(SPECIES)}")
    return SPECIES[name]


def as_species(species: Species | str) -> Species:
    """A :class:`Species` from itself or from its registry name (:func:`get_species`).

    Parameters
    ----------
    species : Species or str
        The atoms, or one of the keys of :data:`SPECIES`.

    Returns
    -------
    Species
    """
    return get_species(species) if isinstance(species, str) else species


def saturated_density_m3(species: Species, temperature_K, *, extrapolate: bool = False):
    """Number density of the saturated vapour, n = P_v(T) / (k_B T) (ideal gas), in m^-3.

    Parameters
    ----------
    species : Species
        The atoms.
    temperature_K : array_like
        Temperature of the cell (its coldest spot) in K.
    extrapolate : bool, optional
        Use the vapour-pressure equations outside their validity range (default False).

    Returns
    -------
    ndarray or float
        Atoms per m^3, same shape as ``temperature_K``.
    """
    t = np.asarray(temperature_K, dtype=float)
    return species.vapour.pressure_Pa(t, extrapolate=extrapolate) / (sc.k * t)


#: lowest temperature searched by ``temperature_for_density_K(..., extrapolate=True)``
EXTRAPOLATION_FLOOR_K = 250.0


def temperature_for_density_K(
    species: Species, density_m3: float, *, extrapolate: bool = False
) -> float:
    """Temperature at which the saturated vapour holds a given number density, in K.

    Parameters
    ----------
    species : Species
        The atoms.
    density_m3 : float
        Number density in m^-3.
    extrapolate : bool, optional
        Search down to :data:`EXTRAPOLATION_FLOOR_K` instead of the lower end of the
        validity range of the vapour-pressure equations (default False).

    Returns
    -------
    float
        Temperature in K.

    Raises
    ------
    ValueError
        If the density is not reached within the searched range.
    """
    low = EXTRAPOLATION_FLOOR_K if extrapolate else species.vapour.valid_from_K
    high = species.vapour.valid_to_K

    def excess(t):
        return np.log(saturated_density_m3(species, t, extrapolate=extrapolate) / density_m3)

    if excess(low) > 0 or excess(high) < 0:
        raise ValueError(
            f"{species.name}: density {density_m3:g} m^-3 not reached between {low} K "
            f"and {high} K (vapour-pressure equations)"
        )
    return float(brentq(excess, low, high, xtol=1e-9))
