"""Hyperfine dipole couplings of Cs-133 and the squeezing parameters mu, nu, Z (Sec. IV.1).

Dipole matrix elements (Steck, section "Reduced dipole matrix elements", Wigner-Eckart
theorem and the hyperfine reduction through a 6j symbol)::

    <F m| d_q |F' m'> = <J||d||J'> (-1)^(F'+J+1+I) sqrt((2F'+1)(2J+1)) {J J' 1; F' F I}
                        (-1)^(F'-1+m) sqrt(2F+1) (F' 1 F; m' q -m),      q = m - m',

are evaluated with EXACT arithmetic (``sympy.physics.wigner``) and divided by
<J||d||J'> sqrt((2J+1)/(2J'+1)). With this normalisation the squared couplings of every
excited sublevel |F' m'> to all ground sublevels and polarizations sum to 1, i.e. they are
the branching ratios of spontaneous decay, and the relative hyperfine transition strength
factors S_FF' = (2F'+1)(2J+1){J J' 1; F' F I}^2 of Steck (Tables 7 and 8) sum to 1 over
F'. A transition of unit strength (e.g. the D2 cycling transition |4,4> <-> |5',5>)
has coupling 1.

Geometry (Sec. IV.1, Fig. 5, App. E; footnote 53): the magnetic field and the
quantization axis are along x, the probe propagates along z. In the spherical basis about
x, e_(+1) = -(e_y + i e_z)/sqrt(2), e_(-1) = (e_y - i e_z)/sqrt(2), e_0 = e_x, so
e_y = (e_(-1) - e_(+1))/sqrt(2). A "y" probe therefore drives sigma+ and sigma- (Delta m =
+-1) with the classical field, and the forward-scattered quantum field is x (pi) polarized;
an "x" probe drives pi with the classical field and the quantum field is y (sigma+-)
(Sec. IV.1 and footnote 58).

Two-photon (Raman) amplitudes follow Kramers-Heisenberg: absorb a classical photon of
spherical component q_a (|i> -> |F' m_i + q_a>), emit a photon of component q
(|F' m'> -> |f>, m_f = m' - q). Paths through different F' with the same m' add
coherently with energy denominators Delta_F' = nu_laser - nu(F_i -> F'), the laser
detuning from the actual transition frequency for the initial ground level F_i (blue
detuning positive). The product of the absorption and emission couplings is c_F'.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from ..atoms import couplings as _generic
from ..atoms.couplings import SqueezingParameters
from .atomic_data import D1, D2, F_UPPER, LINES, DLine

#: detuning references for the probe detuning (Sec. IV.1; docs/physics.md#open-readings)
DETUNING_REFERENCES = ("F5", "F4", "F3", "F2", "centroid", "strength_centroid")
PROBE_POLARIZATIONS = ("y", "x")
#: The paper's probe (App. E): y polarized, detuning counted from F=4 -> F'=5. The one
#: declaration of these defaults (``CesiumOptions`` and the functions below use them).
DEFAULT_POLARIZATION = "y"
DEFAULT_DETUNING_REFERENCE = "F5"
ENSEMBLES = ("I", "II")

#: the species-generic layer (:mod:`dissipative_entanglement.atoms.couplings`) computes
#: every coupling of this module for these atoms, with the same float operations
_CS = "Cs133"


# --------------------------------------------------------------------------- exact


@cache
def dipole_matrix_element_exact(line_name: str, f: int, m: int, f_exc: int, m_exc: int):
    """Normalised <F m| d_q |F' m'>, q = m - m', as an exact sympy number (Steck, App. E).

    :func:`dissipative_entanglement.atoms.couplings.dipole_matrix_element_exact` for
    Cs-133 (I = 7/2), the formula of the module docstring.

    Parameters
    ----------
    line_name : {"D1", "D2"}
        The D line.
    f, m : int
        Ground hyperfine level F and sublevel m of 6S1/2.
    f_exc, m_exc : int
        Excited hyperfine level F' and sublevel m'.

    Returns
    -------
    sympy.Expr
        Dimensionless coupling c with sum over (F, m, q) of c^2 = 1 for every (F', m');
        zero when |m - m'| > 1 or the triangle rules fail.
    """
    return _generic.dipole_matrix_element_exact(_CS, line_name, (f, m), (f_exc, m_exc))


@cache
def relative_strength_exact(line_name: str, f: int, f_exc: int):
    """Relative hyperfine transition strength S_FF' = (2F'+1)(2J+1){J J' 1; F' F I}^2.

    Steck Table 7 (D2) and Table 8 (D1); sum over F' of S_FF' = 1.
    :func:`dissipative_entanglement.atoms.couplings.relative_strength_exact` for Cs-133.

    Parameters
    ----------
    line_name : {"D1", "D2"}
        The D line.
    f : int
        Ground hyperfine level F.
    f_exc : int
        Excited hyperfine level F'.

    Returns
    -------
    sympy.Rational
        S_FF' (dimensionless), exact.
    """
    return _generic.relative_strength_exact(_CS, line_name, f, f_exc)


# --------------------------------------------------------------------------- float tables


def ground_states() -> tuple[tuple[int, int], ...]:
    """Ground sublevels (F, m) of 6S1/2 in the order used by every array: F=3 then F=4.

    Returns
    -------
    tuple of (int, int)
        The 16 sublevels, m ascending within each F.
    """
    return _generic.ground_states(_CS)


def excited_states(line: DLine) -> tuple[tuple[int, int], ...]:
    """Excited sublevels (F', m') of a line, F' ascending.

    Parameters
    ----------
    line : DLine
        The D line.

    Returns
    -------
    tuple of (int, int)
        Sublevels (F', m'), m' ascending within each F'.
    """
    return _generic.excited_states(_CS, line.name)


def ground_index(f: int, m: int) -> int:
    """Index of |F, m> in :func:`ground_states`.

    Parameters
    ----------
    f, m : int
        Ground hyperfine level and sublevel.

    Returns
    -------
    int
    """
    return _generic.ground_index(_CS, f, m)


@dataclass(frozen=True)
class CouplingTable(_generic.CouplingTable):
    """Float couplings of one Cs line, converted once from the exact values.

    The species-generic table (:class:`dissipative_entanglement.atoms.couplings.
    CouplingTable`: ``ground``, ``excited``, ``excited_f``, ``dipole``, ``branching``,
    ``excited_mask``) with the Cs line data.

    Attributes
    ----------
    line : the D line.
    ground, excited : the sublevel lists (F, m) and (F', m').
    dipole : array (3, n_ground, n_excited); ``dipole[q + 1, g, e] = <g| d_q |e>``
        (normalised, see :func:`dipole_matrix_element_exact`).
    """

    line: DLine


@cache
def coupling_table(line_name: str = "D2") -> CouplingTable:
    """The :class:`CouplingTable` of ``line_name`` (cached; exact values converted once).

    Parameters
    ----------
    line_name : {"D1", "D2"}, optional
        The D line (default "D2").

    Returns
    -------
    CouplingTable
        Read-only float couplings (dimensionless).
    """
    line = LINES[line_name]
    table = _generic.coupling_table(_CS, line_name)
    return CouplingTable(
        ground=table.ground,
        excited=table.excited,
        excited_f=table.excited_f,
        dipole=table.dipole,
        line=line,
    )


# --------------------------------------------------------------------------- fields


def field_components(polarization: str) -> dict[int, float]:
    """Spherical components eps_q (quantization axis x) of a classical field.

    "y": e_y = (e_(-1) - e_(+1))/sqrt(2) (Sec. IV.1, Fig. 5); "x": e_x = e_0 (pi);
    "sigma+" / "sigma-": e_(+1) / e_(-1) (pump and repump of ensemble I / II, Sec. IV.1).
    :func:`dissipative_entanglement.atoms.couplings.field_components`.

    Parameters
    ----------
    polarization : {"y", "x", "sigma+", "sigma-"}
        Field polarization.

    Returns
    -------
    dict of int to float
        Non-zero components {q: eps_q} (dimensionless, unit norm).

    Raises
    ------
    ValueError
        For an unknown polarization.
    """
    return _generic.field_components(polarization)


def raman_coefficients(line_name: str, polarization: str) -> np.ndarray:
    """Two-photon numerators c_F'[i, f, q] for a classical field of given polarization.

    c_F'(i -> f, q) = sum_(q_a) eps_(q_a) <F' m'| d.e_(q_a) |i> <f| d.e_q^* |F' m'>,
    m' = m_i + q_a = m_f + q (Kramers-Heisenberg numerator; App. E "product of the
    corresponding Clebsch Gordan coefficients"). Uses d.e_q = d_q and
    <e| d_q |g> = (-1)^q <g| d_(-q) |e> (d real in this phase convention);
    :func:`dissipative_entanglement.atoms.couplings.raman_coefficients` for Cs-133.

    Parameters
    ----------
    line_name : {"D1", "D2"}
        The D line.
    polarization : {"y", "x", "sigma+", "sigma-"}
        Polarization of the classical field (:func:`field_components`).

    Returns
    -------
    ndarray, shape (n_F', n_ground, n_ground, 3)
        Dimensionless, read-only (cached); index q + 1 in the last axis (emitted photon).
    """
    return _generic.raman_coefficients(_CS, line_name, polarization)


# --------------------------------------------------------------------------- detunings


def reference_offset_MHz(detuning_reference: str = DEFAULT_DETUNING_REFERENCE) -> float:
    """Frequency of the detuning reference minus that of F=4 -> F'=5 (D2), in MHz.

    "F5", "F4", "F3", "F2": the line F=4 -> F' (F'=2 is dipole-forbidden from F=4; its
    frequency is still the energy difference); "centroid": F=4 -> the (2F'+1)-weighted
    centre of gravity of 6P3/2; "strength_centroid": the centre of gravity of the F=4
    absorption line, weights S_4F' (Steck Table 7).

    Parameters
    ----------
    detuning_reference : str, optional
        One of ``DETUNING_REFERENCES`` (default "F5").

    Returns
    -------
    float
        Offset in MHz.

    Raises
    ------
    ValueError
        For an unknown reference.
    """
    pos = D2.excited_positions_MHz
    if detuning_reference in ("F5", "F4", "F3", "F2"):
        return pos[int(detuning_reference[1])] - pos[F_UPPER + 1]
    if detuning_reference == "centroid":
        return 0.0 - pos[F_UPPER + 1]
    if detuning_reference == "strength_centroid":
        centre = sum(
            float(relative_strength_exact("D2", F_UPPER, fe)) * pos[fe] for fe in D2.excited_f
        )
        return centre - pos[F_UPPER + 1]
    raise ValueError(
        f"detuning_reference must be one of {DETUNING_REFERENCES}, got {detuning_reference!r}"
    )


def centroid_detuning_MHz(
    detuning_MHz, detuning_reference: str = DEFAULT_DETUNING_REFERENCE, line: DLine = D2
):
    """The laser frequency minus the centroid frequency of ``line``, in MHz.

    Maps a Cs probe detuning (counted from a reference of the D2 manifold,
    :func:`reference_offset_MHz`) to the detuning the species-generic layer calls
    "centroid" (:func:`dissipative_entanglement.atoms.couplings.reference_frequency_MHz`,
    offset 0): detuning + reference offset + nu(F=4 -> F'=5) + (nu_D2 - nu_line), summed
    in this order. Every Cs function counts its detunings through this sum, so the
    generic layer, called with "centroid", gives the floats of the Cs code before.

    Parameters
    ----------
    detuning_MHz : array_like
        Laser detuning in MHz from the reference line of the D2 manifold; positive = blue.
    detuning_reference : str, optional
        Where ``detuning_MHz`` is counted from (default "F5").
    line : DLine, optional
        The line whose centroid the result is counted from (default D2, the probe's).

    Returns
    -------
    ndarray or float
        Detuning from the centroid of ``line`` in MHz, shape of ``detuning_MHz``.
    """
    return (
        np.asarray(detuning_MHz, dtype=float)
        + reference_offset_MHz(detuning_reference)
        + D2.transition_offset_MHz(F_UPPER, F_UPPER + 1)
        + (D2.frequency_THz - line.frequency_THz) * 1e6
    )


def level_detunings_MHz(
    detuning_MHz, detuning_reference: str = DEFAULT_DETUNING_REFERENCE, line: DLine = D2
):
    """Delta_(F, F') = nu_laser - nu(F -> F') for every ground F and excited F' of ``line``.

    :func:`dissipative_entanglement.atoms.couplings.level_detunings_MHz` for Cs-133, the
    detuning mapped by :func:`centroid_detuning_MHz`.

    Parameters
    ----------
    detuning_MHz : array_like
        Laser detuning in MHz from the reference line of the D2 manifold (see
        :func:`reference_offset_MHz`); positive = blue.
    detuning_reference : str, optional
        Where ``detuning_MHz`` is counted from (default "F5").
    line : DLine, optional
        The line whose excited levels are returned (default D2, the probe's).

    Returns
    -------
    ndarray, shape ``shape(detuning_MHz) + (n_F', n_ground_states)``
        The detuning in MHz for the transition from the ground level of each ground
        sublevel to each F' (App. E, Delta_l).
    """
    nu_laser = centroid_detuning_MHz(detuning_MHz, detuning_reference, line)
    return _generic.level_detunings_MHz(_CS, line.name, nu_laser, "centroid")


# --------------------------------------------------------------------------- mu, nu, Z


def three_level_states(ensemble: str = "I") -> dict[str, tuple[int, int]]:
    """|up>, |down>, |h> as (F, m): ensemble I |4,4>, |4,3>, |3,3>; II mirrored (Sec. IV.1).

    Parameters
    ----------
    ensemble : {"I", "II"}, optional
        The ensemble (default "I").

    Returns
    -------
    dict
        ``{"up": (F, m), "down": (F, m), "h": (F, m)}``.

    Raises
    ------
    ValueError
        For an unknown ensemble.
    """
    return _generic.three_level_states(_CS, ensemble)


def squeezing_parameters(
    detuning_MHz,
    probe_polarization: str = DEFAULT_POLARIZATION,
    *,
    detuning_reference: str = DEFAULT_DETUNING_REFERENCE,
    ensemble: str = "I",
) -> SqueezingParameters:
    """mu, nu and Z for the Cs-133 D2 probe (Sec. IV.1, Fig. 5, App. E).

    mu is proportional to the two-photon amplitude of the passive process |down> -> |up>
    (absorb a classical photon, emit into the quantum mode), nu to that of the active
    process |up> -> |down>; each is the coherent sum over excited hyperfine levels F' of
    c_F'/Delta_F' (App. E: "the sum runs over all levels contributing to a particular
    transitions (for example the states |5,3>, |4,3> and |3,3> in 6P3/2 if
    Gamma_updown = Gamma nu^2 is computed)"), normalised so that mu^2 - nu^2 = 1
    (footnote 57); Z = 1/(|mu| - |nu|) (Sec. IV.1).

    Parameters
    ----------
    detuning_MHz : array_like
        Probe detuning in MHz (blue > 0), counted from the line named by
        ``detuning_reference``.
    probe_polarization : {"y", "x"}, optional
        "y" (default; classical sigma+-, quantum pi) or "x" (classical pi, quantum
        sigma+-).
    detuning_reference : str, optional
        "F5" (default), "F4", "F3", "F2", "centroid" or "strength_centroid" (see
        :func:`reference_offset_MHz`). Sec. IV.1 counts the blue variant from F'=5
        ("Z = 2.3 for blue detuning Delta = 700MHz with respect to the F=5 manifold of
        6P3/2") but says of the red one only "x polarized probe light can be used in
        combination with red detuning ... In this case Z = 2.4 for Delta = -700MHz",
        without the reference line; "F2" reproduces 2.4 (docs).
    ensemble : {"I", "II"}, optional
        "I" (|4,4>, |4,3>, default) or "II" (mirrored, |4,-4>, |4,-3>).

    Returns
    -------
    SqueezingParameters
        Arrays of the shape of ``detuning_MHz``: mu, nu, Z (dimensionless, NaN where no
        real normalisation exists) and the amplitudes (1/MHz).
    """
    return _generic.squeezing_parameters(
        _CS,
        "D2",
        centroid_detuning_MHz(detuning_MHz, detuning_reference),
        probe_polarization,
        detuning_reference="centroid",
        ensemble=ensemble,
    )


def far_detuned_z_squared_slope_per_MHz(
    probe_polarization: str = DEFAULT_POLARIZATION, *, ensemble: str = "I"
) -> float:
    """lim Z^2 / Delta for |Delta| >> hyperfine splittings (Sec. IV.1; derived in docs).

    With Delta_F' = Delta - delta_F' (delta_F': position of F' relative to F'=5) the
    amplitudes expand as P0/Delta + P1/Delta^2, P0 = sum c_F', P1 = sum c_F' delta_F'.
    In the far-detuned (vector, Faraday) limit |P0_passive| = |P0_active| exactly, so
    Z^2 = (|P|+|A|)/(|P|-|A|) -> 2 Delta / (P1/P0 |_passive - P1/P0 |_active): Z grows as
    sqrt(|Delta|) on the side where this is positive and no (mu, nu) exists on the other.

    Not a caller of
    :func:`dissipative_entanglement.atoms.couplings.far_detuned_z_squared_slope_per_MHz`:
    this function forms delta_F' as a difference of two transition offsets,
    (E_F' - E_4) - (E_5' - E_4), the generic one as E_F' - E_F'max; the two round
    differently and the slopes differ in the last digits.

    Parameters
    ----------
    probe_polarization : {"y", "x"}, optional
        Probe polarization (default "y").
    ensemble : {"I", "II"}, optional
        The ensemble (default "I").

    Returns
    -------
    float
        The slope of Z^2 against the detuning Delta, in 1/MHz; far from the lines real
        (mu, nu) exist only where slope * Delta > 0.
    """
    coeff = raman_coefficients("D2", probe_polarization)
    states = three_level_states(ensemble)
    up, down = ground_index(*states["up"]), ground_index(*states["down"])
    delta = np.array([D2.transition_offset_MHz(F_UPPER, fe) for fe in D2.excited_f])
    delta = delta - D2.transition_offset_MHz(F_UPPER, F_UPPER + 1)
    c_p = coeff[:, down, up, :].sum(axis=-1)
    c_a = coeff[:, up, down, :].sum(axis=-1)
    ratio_p = np.sum(c_p * delta) / np.sum(c_p)
    ratio_a = np.sum(c_a * delta) / np.sum(c_a)
    return float(2.0 / (ratio_p - ratio_a))


__all__ = [
    "D1",
    "D2",
    "DETUNING_REFERENCES",
    "ENSEMBLES",
    "PROBE_POLARIZATIONS",
    "CouplingTable",
    "SqueezingParameters",
    "centroid_detuning_MHz",
    "coupling_table",
    "dipole_matrix_element_exact",
    "excited_states",
    "far_detuned_z_squared_slope_per_MHz",
    "field_components",
    "ground_index",
    "ground_states",
    "level_detunings_MHz",
    "raman_coefficients",
    "reference_offset_MHz",
    "relative_strength_exact",
    "squeezing_parameters",
    "three_level_states",
]
