"""Hyperfine dipole couplings and the squeezing parameters mu, nu, Z of any alkali species.

For the D1 and D2 lines of every :class:`~dissipative_entanglement.atoms.species.Species`
of the registry (Cs-133, Rb-87, Rb-85, K-39, Na-23): one code path for every species and
line, the paper's Cs-133 D2 (Sec. IV.1, App. E) included.

Dipole matrix elements (Steck, section "Reduced dipole matrix elements", Wigner-Eckart
theorem and the hyperfine reduction through a 6j symbol)::

    <F m| d_q |F' m'> = <J||d||J'> (-1)^(F'+J+1+I) sqrt((2F'+1)(2J+1)) {J J' 1; F' F I}
                        (-1)^(F'-1+m) sqrt(2F+1) (F' 1 F; m' q -m),      q = m - m',

are evaluated with EXACT arithmetic (``sympy.physics.wigner``) and divided by
<J||d||J'> sqrt((2J+1)/(2J'+1)). With this normalisation the squared couplings of every
excited sublevel |F' m'> to all ground sublevels and polarizations sum to 1 (branching
ratios of spontaneous decay), those of every ground sublevel |F m> to all excited
sublevels of the line sum to (2J'+1)/(2J+1) (2 for D2, 1 for D1), and the relative
strength factors S_FF' = (2F'+1)(2J+1){J J' 1; F' F I}^2 sum to 1 over F'. The couplings
depend on the species only through I (and on the line through J').

Geometry (Sec. IV.1, Fig. 5, App. E; footnote 53): quantization axis (magnetic field)
along x, probe along z. A "y" probe drives sigma+ and sigma- with the classical field and
the forward-scattered quantum field is pi (x) polarized; an "x" probe drives pi and the
quantum field is sigma+- (y) (Sec. IV.1 and footnote 58).

Two-photon (Raman) amplitudes follow Kramers-Heisenberg: absorb a classical photon of
spherical component q_a, emit one of component q; paths through different F' with the
same m' add coherently with energy denominators Delta_F' = nu_laser - nu(F_i -> F') (blue
detuning positive). The probe detuning is counted from a reference transition of the
probe's line that starts in F_up = I + 1/2 (:data:`DETUNING_REFERENCES`,
:func:`reference_offset_MHz`): by default from F_up to the highest excited level F'_max,
i.e. blue of the D2 cycling transition as in the paper (App. E: "blue detuned by 700MHz
with respect to F=4 -> F'=5" for Cs); on D1, F'_max = F_up.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache

import numpy as np
import sympy
from sympy.physics.wigner import wigner_3j, wigner_6j

from .species import J_GROUND, as_species

#: Where a probe detuning is counted from, always a transition from F_up = I + 1/2 of the
#: probe's line: "highest" (default) and "lowest": to the highest / lowest F'; "F<n>": to
#: F' = n (any F' of the line, e.g. "F5" for Cs D2: F=4 -> F'=5, App. E; "F2" is the
#: reading that reproduces the paper's Z = 2.4 of the red Cs variant, C5); "centroid": to
#: the (2F'+1)-weighted centroid of the excited level; "strength_centroid": to the centre
#: of gravity of the F_up absorption line, weights S_(F_up F') (Steck Tables 7 and 8).
DETUNING_REFERENCES = ("highest", "lowest", "F<n>", "centroid", "strength_centroid")
DEFAULT_DETUNING_REFERENCE = "highest"
PROBE_POLARIZATIONS = ("y", "x")
DEFAULT_POLARIZATION = "y"
ENSEMBLES = ("I", "II")
LINE_NAMES = ("D1", "D2")

_SQRT_HALF = float(sympy.sqrt(sympy.Rational(1, 2)))


def _key(species, line: str) -> tuple[Fraction, Fraction]:
    """(I, J') of a species and line: all the couplings depend on."""
    sp = as_species(species)
    return Fraction(sp.nuclear_spin), Fraction(sp.line(line).j_excited)


def _rational(x) -> sympy.Rational:
    return sympy.Rational(x.numerator, x.denominator)


def _ground_f(nuclear_spin: Fraction) -> tuple[int, ...]:
    return (int(nuclear_spin - J_GROUND), int(nuclear_spin + J_GROUND))


def _excited_f(nuclear_spin: Fraction, j_excited: Fraction) -> tuple[int, ...]:
    return tuple(range(int(abs(nuclear_spin - j_excited)), int(nuclear_spin + j_excited) + 1))


# --------------------------------------------------------------------------- exact


@cache
def _dipole_exact(nuclear_spin, j_excited, ground, excited):
    f, m = ground
    f_exc, m_exc = excited
    q = m - m_exc
    if abs(q) > 1 or abs(m) > f or abs(m_exc) > f_exc:
        return sympy.Integer(0)
    i = _rational(nuclear_spin)
    j = _rational(J_GROUND)
    jp = _rational(j_excited)
    sign_reduced = (-1) ** int(f_exc + j + 1 + i)
    sign_wigner = (-1) ** int(f_exc - 1 + m)
    value = (
        sign_reduced
        * sympy.sqrt((2 * f_exc + 1) * (2 * j + 1))
        * wigner_6j(j, jp, 1, f_exc, f, i)
        * sign_wigner
        * sympy.sqrt(2 * f + 1)
        * wigner_3j(f_exc, 1, f, m_exc, q, -m)
    )
    return sympy.nsimplify(value * sympy.sqrt((2 * jp + 1) / (2 * j + 1)))


def dipole_matrix_element_exact(species, line: str, ground, excited):
    """Normalised <F m| d_q |F' m'>, q = m - m', as an exact sympy number.

    Steck, "Reduced dipole matrix elements" (Wigner-Eckart theorem, 6j reduction); the
    normalisation is that of the module docstring.

    Parameters
    ----------
    species : Species or str
        The atoms (or their registry name, e.g. "Rb87").
    line : {"D1", "D2"}
        The D line.
    ground : tuple of int
        Ground sublevel (F, m).
    excited : tuple of int
        Excited sublevel (F', m').

    Returns
    -------
    sympy.Expr
        Dimensionless coupling c; zero when |m - m'| > 1 or the triangle rules fail.
    """
    return _dipole_exact(*_key(species, line), tuple(ground), tuple(excited))


def relative_strength_exact(species, line: str, f: int, f_exc: int):
    """Relative hyperfine transition strength S_FF' = (2F'+1)(2J+1){J J' 1; F' F I}^2.

    Steck, "Reduced dipole matrix elements" (the tables of relative strength factors of
    each D Line Data document); sum over F' of S_FF' = 1.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
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
    nuclear_spin, j_excited = _key(species, line)
    i, j, jp = _rational(nuclear_spin), _rational(J_GROUND), _rational(j_excited)
    return sympy.nsimplify((2 * f_exc + 1) * (2 * j + 1) * wigner_6j(j, jp, 1, f_exc, f, i) ** 2)


# --------------------------------------------------------------------------- float tables


def ground_states(species) -> tuple[tuple[int, int], ...]:
    """Ground sublevels (F, m) in the order of every array: F_lower, then F_upper.

    Parameters
    ----------
    species : Species or str
        The atoms.

    Returns
    -------
    tuple of (int, int)
        The 2(2I+1) sublevels, m ascending within each F.
    """
    nuclear_spin = Fraction(as_species(species).nuclear_spin)
    return tuple((f, m) for f in _ground_f(nuclear_spin) for m in range(-f, f + 1))


def excited_states(species, line: str) -> tuple[tuple[int, int], ...]:
    """Excited sublevels (F', m') of a line, F' ascending, m' ascending within each F'.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The D line.

    Returns
    -------
    tuple of (int, int)
        The (2I+1)(2J'+1) sublevels.
    """
    return tuple((f, m) for f in _excited_f(*_key(species, line)) for m in range(-f, f + 1))


def ground_index(species, f: int, m: int) -> int:
    """Index of |F, m> in :func:`ground_states`.

    Parameters
    ----------
    species : Species or str
        The atoms.
    f, m : int
        Ground hyperfine level and sublevel.

    Returns
    -------
    int
    """
    return ground_states(species).index((f, m))


@dataclass(frozen=True)
class CouplingTable:
    """Float couplings of one species and line, converted once from the exact values.

    Attributes
    ----------
    ground, excited : the sublevel lists (F, m) and (F', m').
    excited_f : the excited hyperfine levels F', ascending.
    dipole : array (3, n_ground, n_excited); ``dipole[q + 1, g, e] = <g| d_q |e>``
        (normalised, see :func:`dipole_matrix_element_exact`).
    """

    ground: tuple[tuple[int, int], ...]
    excited: tuple[tuple[int, int], ...]
    excited_f: tuple[int, ...]
    dipole: np.ndarray

    @property
    def branching(self) -> np.ndarray:
        """Branching ratios b[e, g] of |e> -> |g>, summed over polarizations (rows sum to 1)."""
        return np.sum(self.dipole**2, axis=0).T

    def excited_mask(self, f_exc: int) -> np.ndarray:
        """Boolean mask over excited sublevels belonging to F'.

        Parameters
        ----------
        f_exc : int
            Excited hyperfine level F'.

        Returns
        -------
        ndarray of bool, shape (n_excited,)
        """
        return np.array([fe == f_exc for fe, _ in self.excited])


@cache
def _table(nuclear_spin: Fraction, j_excited: Fraction) -> CouplingTable:
    ground = tuple((f, m) for f in _ground_f(nuclear_spin) for m in range(-f, f + 1))
    excited_f = _excited_f(nuclear_spin, j_excited)
    excited = tuple((f, m) for f in excited_f for m in range(-f, f + 1))
    dipole = np.zeros((3, len(ground), len(excited)))
    for g, (f, m) in enumerate(ground):
        for e, (fe, me) in enumerate(excited):
            q = m - me
            if abs(q) <= 1:
                value = _dipole_exact(nuclear_spin, j_excited, (f, m), (fe, me))
                dipole[q + 1, g, e] = float(value)
    dipole.setflags(write=False)
    return CouplingTable(ground=ground, excited=excited, excited_f=excited_f, dipole=dipole)


def coupling_table(species, line: str) -> CouplingTable:
    """The :class:`CouplingTable` of a species and line (cached by (I, J')).

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The D line.

    Returns
    -------
    CouplingTable
        Read-only float couplings (dimensionless).
    """
    return _table(*_key(species, line))


# --------------------------------------------------------------------------- fields


def field_components(polarization: str) -> dict[int, float]:
    """Spherical components eps_q (quantization axis x) of a classical field.

    "y": e_y = (e_(-1) - e_(+1))/sqrt(2) (Sec. IV.1, Fig. 5); "x": e_x = e_0 (pi);
    "sigma+" / "sigma-": e_(+1) / e_(-1).

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
    components = {
        "y": {+1: -_SQRT_HALF, -1: _SQRT_HALF},
        "x": {0: 1.0},
        "sigma+": {+1: 1.0},
        "sigma-": {-1: 1.0},
    }
    if polarization not in components:
        raise ValueError(f"unknown polarization {polarization!r}")
    return components[polarization]


@cache
def _raman(nuclear_spin: Fraction, j_excited: Fraction, polarization: str) -> np.ndarray:
    table = _table(nuclear_spin, j_excited)
    eps = field_components(polarization)
    ng = len(table.ground)
    out = np.zeros((len(table.excited_f), ng, ng, 3))
    for k, f_exc in enumerate(table.excited_f):
        mask = table.excited_mask(f_exc)
        for q in (-1, 0, 1):
            emit = (-1) ** q * table.dipole[-q + 1][:, mask]  # [f, e]
            for q_a, amplitude in eps.items():
                absorb = (-1) ** q_a * table.dipole[-q_a + 1][:, mask]  # [i, e]
                out[k, :, :, q + 1] += amplitude * absorb @ emit.T
    out.setflags(write=False)
    return out


def raman_coefficients(species, line: str, polarization: str) -> np.ndarray:
    """Two-photon numerators c_F'[i, f, q] for a classical field of given polarization.

    c_F'(i -> f, q) = sum_(q_a) eps_(q_a) <F' m'| d.e_(q_a) |i> <f| d.e_q^* |F' m'>,
    m' = m_i + q_a = m_f + q (Kramers-Heisenberg numerator; App. E "product of the
    corresponding Clebsch Gordan coefficients"), with <e| d_q |g> = (-1)^q <g| d_(-q) |e>.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The D line.
    polarization : {"y", "x", "sigma+", "sigma-"}
        Polarization of the classical field (:func:`field_components`).

    Returns
    -------
    ndarray, shape (n_F', n_ground, n_ground, 3)
        Dimensionless, read-only; index q + 1 in the last axis (emitted photon).
    """
    return _raman(*_key(species, line), polarization)


# --------------------------------------------------------------------------- detunings


def reference_offset_MHz(
    species, line: str, detuning_reference: str = DEFAULT_DETUNING_REFERENCE
) -> float:
    """Frequency of the detuning reference minus that of F_up -> F'_max of ``line``, in MHz.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The D line the probe is tuned to.
    detuning_reference : str, optional
        One of :data:`DETUNING_REFERENCES` (default "highest"): "highest", "lowest",
        "F<n>" (n an excited F' of ``line``; F_up -> F'=n need not be dipole-allowed, its
        frequency is still the energy difference), "centroid" or "strength_centroid".

    Returns
    -------
    float
        Offset in MHz (0.0 for "highest" and its "F<n>").

    Raises
    ------
    ValueError
        For an unknown reference or an F' the line does not have; the message lists the
        references the line has.
    """
    sp = as_species(species)
    positions = sp.line(line).excited_positions_MHz
    top = positions[max(positions)]
    named = {"highest": max(positions), "lowest": min(positions)}
    named |= {f"F{fe}": fe for fe in sorted(positions)}
    if detuning_reference in named:
        return positions[named[detuning_reference]] - top
    if detuning_reference == "centroid":
        return 0.0 - top
    if detuning_reference == "strength_centroid":
        centre = sum(
            float(relative_strength_exact(sp, line, sp.f_upper, fe)) * positions[fe]
            for fe in sorted(positions)
        )
        return centre - top
    raise ValueError(
        f"detuning_reference = {detuning_reference!r} for {sp.name} {line}: one of "
        f"{[*named, 'centroid', 'strength_centroid']} (F<n>: F={sp.f_upper} -> F'=n)"
    )


def reference_name(species, line: str, detuning_reference: str) -> str:
    """The reference as written in tables: "F<n>" for "highest", "lowest" and "F<n>".

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The probe's line.
    detuning_reference : str
        As in :func:`reference_offset_MHz`.

    Returns
    -------
    str
        E.g. "F5" for "highest" on Cs D2, "F3" on Rb-87 D2; "centroid" and
        "strength_centroid" unchanged.
    """
    reference_offset_MHz(species, line, detuning_reference)  # raises if undefined
    excited = as_species(species).line(line).excited_f
    named = {"highest": excited[-1], "lowest": excited[0]}
    return f"F{named[detuning_reference]}" if detuning_reference in named else detuning_reference


def check_detuning_reference(species, line: str, detuning_reference: str) -> None:
    """Raise ValueError if ``detuning_reference`` is not defined for the species and line.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The probe's line.
    detuning_reference : str
        As in :func:`reference_offset_MHz`.
    """
    reference_offset_MHz(species, line, detuning_reference)


def laser_offset_MHz(
    species, line: str, detuning_MHz, detuning_reference: str = DEFAULT_DETUNING_REFERENCE
):
    """Laser frequency minus the centroid frequency of ``line``, in MHz.

    The probe detuning counted from the reference, plus the reference's offset from
    F_up -> F'_max (:func:`reference_offset_MHz`), plus the frequency of F_up -> F'_max
    relative to the line centroid, summed in this order.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The D line the probe is tuned to.
    detuning_MHz : array_like
        Laser detuning in MHz from the reference; positive = blue.
    detuning_reference : str, optional
        Where ``detuning_MHz`` is counted from (default "highest").

    Returns
    -------
    ndarray
        Shape of ``detuning_MHz``.
    """
    sp = as_species(species)
    top = max(sp.line(line).excited_f)
    return (
        np.asarray(detuning_MHz, dtype=float)
        + reference_offset_MHz(sp, line, detuning_reference)
        + sp.transition_offset_MHz(line, sp.f_upper, top)
    )


def level_detunings_MHz(
    species, line: str, detuning_MHz, detuning_reference: str = DEFAULT_DETUNING_REFERENCE
):
    """Delta_(F, F') = nu_laser - nu(F -> F') for every ground sublevel and excited F'.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The D line the probe is tuned to.
    detuning_MHz : array_like
        Laser detuning in MHz from the reference (:func:`reference_offset_MHz`);
        positive = blue.
    detuning_reference : str, optional
        Where ``detuning_MHz`` is counted from (default "highest").

    Returns
    -------
    ndarray, shape ``shape(detuning_MHz) + (n_F', n_ground_states)``
        The detuning in MHz of the laser from the transition from the ground level of
        each ground sublevel to each F' (App. E, Delta_l).
    """
    sp = as_species(species)
    nu_laser = laser_offset_MHz(sp, line, detuning_MHz, detuning_reference)
    offsets = np.array(
        [
            [sp.transition_offset_MHz(line, f, fe) for f, _ in ground_states(sp)]
            for fe in sp.line(line).excited_f
        ]
    )
    return nu_laser[..., None, None] - offsets


# --------------------------------------------------------------------------- mu, nu, Z


def three_level_states(species, ensemble: str = "I") -> dict[str, tuple[int, int]]:
    """|up>, |down>, |h> as (F, m) (Sec. IV.1).

    Ensemble I: |F_up, F_up>, |F_up, F_up - 1>, |F_low, F_low>; ensemble II mirrored
    (m -> -m).

    Parameters
    ----------
    species : Species or str
        The atoms.
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
    if ensemble not in ENSEMBLES:
        raise ValueError(f"ensemble must be 'I' or 'II', got {ensemble!r}")
    sp = as_species(species)
    sign = 1 if ensemble == "I" else -1
    f_up, f_h = sp.f_upper, sp.f_lower
    return {"up": (f_up, sign * f_up), "down": (f_up, sign * (f_up - 1)), "h": (f_h, sign * f_h)}


@dataclass(frozen=True)
class SqueezingParameters:
    """mu, nu, Z of the probe interaction, arrays over the detuning grid.

    mu >= 0; nu carries the sign of the active amplitude relative to the passive one,
    measured against the far-detuned limit (nu > 0: same relative sign as for
    |Delta| >> hyperfine splittings, the paper's "both mu and nu positive").
    mu^2 - nu^2 = 1; Z = 1/(|mu| - |nu|). Where |passive| <= |active| no normalisation
    with mu^2 - nu^2 = 1 exists (the probe drives |up> -> |down> faster than back) and
    mu, nu, Z are NaN. ``passive_amplitude``/``active_amplitude`` are the unnormalised
    two-photon amplitudes sum_F' c_F'/Delta_F' (1/MHz, couplings of unit-strength
    normalisation, classical field of unit amplitude).
    """

    mu: np.ndarray
    nu: np.ndarray
    z: np.ndarray
    passive_amplitude: np.ndarray
    active_amplitude: np.ndarray


def _process_numerators(species, line, probe_polarization, ensemble):
    """(c_passive, c_active, up, down): per-F' numerators and the two state indices."""
    if probe_polarization not in PROBE_POLARIZATIONS:
        raise ValueError(f"probe_polarization must be 'y' or 'x', got {probe_polarization!r}")
    coeff = raman_coefficients(species, line, probe_polarization)  # (nF', i, f, q)
    states = three_level_states(species, ensemble)
    up, down = ground_index(species, *states["up"]), ground_index(species, *states["down"])
    # each process has a single emitted polarization: summing over q picks it
    return coeff[:, down, up, :].sum(axis=-1), coeff[:, up, down, :].sum(axis=-1), up, down


def process_amplitudes(
    species,
    line: str,
    detuning_MHz,
    probe_polarization: str = DEFAULT_POLARIZATION,
    *,
    detuning_reference: str = DEFAULT_DETUNING_REFERENCE,
    ensemble: str = "I",
    velocity_sigma_MHz: float | None = None,
):
    """Two-photon amplitudes of the passive (|down> -> |up>) and active (|up> -> |down>) process.

    Each is the coherent sum over excited hyperfine levels of c_F'/Delta_F' (App. E), with
    the classical field absorbed and the photon emitted into the quantum mode. With
    ``velocity_sigma_MHz`` each 1/Delta_F' becomes its average over the atoms' Doppler
    shifts with the natural width, <1/(Delta_F' - x + i gamma/2)>
    (:func:`.velocity_average.mean_resolvent`): the amplitude of the collective, forward
    process of a thermal vapour (complex).

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The D line the probe is tuned to.
    detuning_MHz : array_like
        Probe detuning in MHz (blue > 0) from ``detuning_reference``.
    probe_polarization : {"y", "x"}, optional
        Probe polarization (default "y").
    detuning_reference : str, optional
        See :func:`reference_offset_MHz` (default "highest").
    ensemble : {"I", "II"}, optional
        The ensemble (default "I").
    velocity_sigma_MHz : float, optional
        Doppler sigma of the atoms (:func:`.velocity_average.doppler_sigma_MHz`); None
        (default): atoms at rest, the paper's reading.

    Returns
    -------
    passive, active : ndarray
        Amplitudes in 1/MHz (unit-strength couplings, classical field of unit amplitude),
        of the shape of ``detuning_MHz``; complex with ``velocity_sigma_MHz``.
    """
    c_passive, c_active, up, down = _process_numerators(species, line, probe_polarization, ensemble)
    delta = level_detunings_MHz(species, line, detuning_MHz, detuning_reference)
    if velocity_sigma_MHz is None:
        passive = np.sum(c_passive / delta[..., :, down], axis=-1)
        active = np.sum(c_active / delta[..., :, up], axis=-1)
        return passive, active
    from .velocity_average import mean_resolvent

    half = 0.5j * as_species(species).line(line).linewidth_MHz
    resolvent = mean_resolvent(delta + half, velocity_sigma_MHz)
    passive = np.sum(c_passive * resolvent[..., :, down], axis=-1)
    active = np.sum(c_active * resolvent[..., :, up], axis=-1)
    return passive, active


def squeezing_parameters(
    species,
    line: str,
    detuning_MHz,
    probe_polarization: str = DEFAULT_POLARIZATION,
    *,
    detuning_reference: str = DEFAULT_DETUNING_REFERENCE,
    ensemble: str = "I",
    velocity_sigma_MHz: float | None = None,
) -> SqueezingParameters:
    """mu, nu and Z of the probe on one D line of a species (Sec. IV.1, Fig. 5, App. E).

    mu and nu are proportional to the amplitudes of :func:`process_amplitudes`,
    normalised so that mu^2 - nu^2 = 1 (footnote 57); Z = 1/(|mu| - |nu|) (Sec. IV.1).
    With ``velocity_sigma_MHz`` the amplitudes are the velocity-averaged (complex) ones
    and mu, nu their moduli, normalised the same way; nu's sign is that of
    Re(passive conj(active)) against the far-detuned limit.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The D line the probe is tuned to.
    detuning_MHz : array_like
        Probe detuning in MHz (blue > 0) from ``detuning_reference``.
    probe_polarization : {"y", "x"}, optional
        "y" (default; classical sigma+-, quantum pi) or "x" (classical pi, quantum
        sigma+-).
    detuning_reference : str, optional
        See :func:`reference_offset_MHz` (default "highest": F_up -> F'_max).
    ensemble : {"I", "II"}, optional
        "I" (default) or "II" (mirrored).
    velocity_sigma_MHz : float, optional
        As in :func:`process_amplitudes` (default None: atoms at rest).

    Returns
    -------
    SqueezingParameters
        Arrays of the shape of ``detuning_MHz``: mu, nu, Z (dimensionless, NaN where no
        real normalisation exists) and the amplitudes (1/MHz).
    """
    passive, active = process_amplitudes(
        species,
        line,
        detuning_MHz,
        probe_polarization,
        detuning_reference=detuning_reference,
        ensemble=ensemble,
        velocity_sigma_MHz=velocity_sigma_MHz,
    )
    c_passive, c_active, _, _ = _process_numerators(species, line, probe_polarization, ensemble)
    if velocity_sigma_MHz is not None:  # moduli of the complex averaged amplitudes
        product = (passive * np.conj(active)).real
        passive, active = np.abs(passive), np.sign(product) * np.abs(active)
    norm_sq = passive**2 - active**2
    norm = np.sqrt(np.where(norm_sq > 0, norm_sq, np.nan))
    relative_sign = np.sign(passive * active) * np.sign(c_passive.sum() * c_active.sum())
    return SqueezingParameters(
        mu=np.abs(passive) / norm,
        nu=relative_sign * np.abs(active) / norm,
        z=(np.abs(passive) + np.abs(active)) / norm,
        passive_amplitude=passive,
        active_amplitude=active,
    )


def far_detuned_z_squared_slope_per_MHz(
    species, line: str, probe_polarization: str = DEFAULT_POLARIZATION, *, ensemble: str = "I"
) -> float:
    """lim Z^2 / Delta for |Delta| >> the excited hyperfine splitting (Sec. IV.1).

    With Delta_F' = Delta - delta_F' (delta_F': position of F' relative to the reference
    level F'_max) each amplitude is P0/Delta + P1/Delta^2 + ..., P0 = sum c_F',
    P1 = sum c_F' delta_F'. |P0| is the same for both processes (vector limit), so
    Z^2 -> 2 Delta / (P1/P0|_passive - P1/P0|_active).
    The slope does not depend on the detuning reference.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The D line.
    probe_polarization : {"y", "x"}, optional
        Probe polarization (default "y").
    ensemble : {"I", "II"}, optional
        The ensemble (default "I").

    Returns
    -------
    float
        Slope of Z^2 against Delta in 1/MHz; far from the line real (mu, nu) exist only
        where slope * Delta > 0.
    """
    sp = as_species(species)
    c_p, c_a, _, _ = _process_numerators(sp, line, probe_polarization, ensemble)
    excited = sp.line(line).excited_positions_MHz
    delta = np.array([excited[fe] - excited[max(excited)] for fe in sorted(excited)])
    ratio_p = np.sum(c_p * delta) / np.sum(c_p)
    ratio_a = np.sum(c_a * delta) / np.sum(c_a)
    return float(2.0 / (ratio_p - ratio_a))


__all__ = [
    "DEFAULT_DETUNING_REFERENCE",
    "DEFAULT_POLARIZATION",
    "DETUNING_REFERENCES",
    "ENSEMBLES",
    "LINE_NAMES",
    "PROBE_POLARIZATIONS",
    "CouplingTable",
    "SqueezingParameters",
    "check_detuning_reference",
    "coupling_table",
    "dipole_matrix_element_exact",
    "excited_states",
    "far_detuned_z_squared_slope_per_MHz",
    "field_components",
    "ground_index",
    "ground_states",
    "laser_offset_MHz",
    "level_detunings_MHz",
    "process_amplitudes",
    "raman_coefficients",
    "reference_name",
    "reference_offset_MHz",
    "relative_strength_exact",
    "squeezing_parameters",
    "three_level_states",
]
