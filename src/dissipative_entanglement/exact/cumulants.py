"""Cumulant expansion of the three-level master equation, valid at any N (beyond the paper).

The same master equation as :mod:`.three_level` (App. D with the single-atom rates of the
multi-level model), written for the reduced density matrices of k atoms instead of the whole
state, and closed by setting the joint cumulants of more than ``order`` atoms to zero: the
method of Kubo's cluster expansion as implemented symbolically by QuantumCumulants.jl
(Plankensteiner, Hotter, Ritsch, Quantum 6, 617 (2022)). Here the equations are generated
numerically from the Lindbladian, for any order.

Hierarchy
---------
Write L = sum_i L1(i) + sum_(i != j) L2(i, j): L1 holds the single-atom dissipators and the
diagonal parts (d/N) D[c_i] of the collective ones, L2(i, j) rho = (d/N) (c_i rho c_j^dag
- {c_j^dag c_i, rho}/2) their cross terms (c the single-atom part of A or B on atom i's
ensemble). For a set S of atoms the moment M_S (reduced density matrix) obeys

    dM_S/dt = sum_(i in S) L1(i) M_S + sum_(i != j in S) L2(i, j) M_S
              + sum_(i in S) sum_f (N_f - n_f(S)) Tr_x K(i, x_f) M_(S + x_f),

K(i, x) = L2(i, x) + L2(x, i), x an atom of ensemble f outside S. Writing N_f - n_f(S) =
N_f - sum_(j in S) [f(j) = f] makes every term an operation with a support in S ({i},
{i, j} or {i} with the counted j), the same for every S that contains the support. The
cumulant kappa_S then obeys the linked-cluster rule: dkappa_S/dt is the sum, over the terms
of dM_S/dt and the partitions of S (or S + x) into cumulants, of those whose blocks that
meet the support (and x) cover the whole set. Moments of more than ``order`` atoms enter
only through cumulants of at most ``order`` atoms: the closure.

Scaling and precision
---------------------
With the collective rate d/N and d fixed, kappa_S is of order N^-(|S|-1). The unknowns are
c_S = N^(|S|-1) kappa_S, of order one at every N: the equations in c carry N only in exact
factors N_f/N and 1/N, so N = 1e12 costs no precision (a cumulant stored as kappa would
lose twelve digits against the product of one-atom matrices). The (|S|+1)-atom cumulant
enters the equation of c_S with a factor 1/N: at N -> infinity the hierarchy closes at
second order exactly, the order-2 and order-3 expansions coincide, and the order-k
expansion misses terms of order N^-(k-1) in c_2 (so the third order gives the exact 1/N
coefficient of xi).

Representation
--------------
From the all-up start no |h><up| or |h><down| coherence appears (:mod:`.three_level`), so
every single-atom factor lies in the span of the five types |up><up|, |up><down|,
|down><up|, |down><down|, |h><h|. A cumulant of k >= 2 atoms has zero partial traces; it
is stored on the four traceless combinations |up><down|, |down><up|, |up><up| - |down><down|,
|up><up| + |down><down| - 2|h><h| of each atom (4^k complex numbers), the one-atom matrix as
1/3 plus those four. At order 3: 2 x 4 + 3 x 16 + 4 x 64 = 312 complex unknowns.

Steady state: Newton's method on the complex polynomial equations (Jacobian by central
differences, exact up to the cubic term), started from the product state at the
populations of Eq. (26) for the smallest N and from the previous N's solution for the
next; the residual max|dc/dt| (units of Gamma) is recorded.
"""

from __future__ import annotations

import functools
import itertools
import string
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import linalg
from scipy.integrate import solve_ivp

from ..multilevel.entanglement import gamma_bar, xi_exp_from_sigma, xi_exp_long_time
from ..multilevel.model import ThreeLevelRates
from ..multilevel.pump import populations_at_optimum, pumped_rates
from ..multilevel.setup import MultilevelSetup
from ..squeezing import mu_nu_from_z

UP, DOWN, H = 0, 1, 2
_LEVELS = 3
#: single-atom operator types |ket><bra| spanning the sector (module docstring)
TYPES = ((UP, UP), (UP, DOWN), (DOWN, UP), (DOWN, DOWN), (H, H))
_NT = len(TYPES)
#: orders of the expansion that are implemented
ORDERS = (2, 3)
#: ensembles (species of atoms): I = 0, II = 1
_ENSEMBLES = (0, 1)


def _unit(ket: int, bra: int) -> np.ndarray:
    m = np.zeros((_LEVELS, _LEVELS), dtype=complex)
    m[ket, bra] = 1.0
    return m


_E = np.array([_unit(k, b) for k, b in TYPES])  # (5, 3, 3)
#: the identity and the four traceless combinations, in type coordinates (columns)
_BASIS = np.array(
    [
        [1, 0, 0, 1, 1],  # identity
        [0, 1, 0, 0, 0],  # |up><down|
        [0, 0, 1, 0, 0],  # |down><up|
        [1, 0, 0, -1, 0],  # |up><up| - |down><down|
        [1, 0, 0, 1, -2],  # |up><up| + |down><down| - 2|h><h|
    ],
    dtype=complex,
).T
_DUAL = np.linalg.inv(_BASIS)  # rows: coordinates of a type vector on the basis
_TRACELESS = _BASIS[:, 1:]  # (5, 4)
_TO_TRACELESS = _DUAL[1:, :]  # (4, 5)
#: Tr E_t: the trace of each type
_TRACE = np.array([1.0 if k == b else 0.0 for k, b in TYPES], dtype=complex)


def _types_of(matrix: np.ndarray, n_atoms: int) -> np.ndarray:
    """Coefficients on the type products of a (3^n x 3^n) operator, checked to be complete."""
    t = matrix.reshape((_LEVELS,) * (2 * n_atoms))
    out = np.empty((_NT,) * n_atoms, dtype=complex)
    rebuilt = np.zeros_like(t)
    for idx in itertools.product(range(_NT), repeat=n_atoms):
        pos = tuple(TYPES[i][0] for i in idx) + tuple(TYPES[i][1] for i in idx)
        out[idx] = t[pos]
        rebuilt[pos] = t[pos]
    if not np.allclose(rebuilt, t, rtol=0.0, atol=1e-13 * max(1.0, np.abs(t).max())):
        raise AssertionError("a superoperator left the span of the five operator types")
    return out


def _superoperator(apply, n_atoms: int) -> np.ndarray:
    """Matrix (5^n, 5^n) of a superoperator on n atoms in the type basis."""
    cols = []
    for idx in itertools.product(range(_NT), repeat=n_atoms):
        op = _E[idx[0]]
        for i in idx[1:]:
            op = np.kron(op, _E[i])
        cols.append(_types_of(apply(op), n_atoms).ravel())
    return np.array(cols).T


@functools.cache
def _unit_superoperators() -> dict:
    """Type-basis superoperators of unit rate, computed once: D[|a><b|] for every (a, b)
    (key (a, b)), D[sigma] ("lower") and D[sigma^dag] ("raise"), sigma = |up><down|, and
    the cross term c_i rho c'_j^dag - {c'_j^dag c_i, rho}/2 on two atoms for c, c' in
    {sigma, sigma^dag} (key (c, c'), legs (out_i, out_j, in_i, in_j))."""
    sigma = _unit(UP, DOWN)
    ops = {"lower": sigma, "raise": sigma.conj().T}
    out = {
        (a, b): _superoperator(_dissipator(_unit(a, b)), 1)
        for a, b in itertools.product(range(_LEVELS), repeat=2)
    }
    out.update({name: _superoperator(_dissipator(op), 1) for name, op in ops.items()})
    eye = np.eye(_LEVELS)
    for (na, a), (nb, b) in itertools.product(ops.items(), repeat=2):
        left, right = np.kron(a, eye), np.kron(eye, b.conj().T)
        both = right @ left

        def apply2(rho, left=left, right=right, both=both):
            return left @ rho @ right - 0.5 * (both @ rho + rho @ both)

        out[na, nb] = _superoperator(apply2, 2).reshape((_NT,) * 4)
    return out


def _dissipator(c: np.ndarray):
    cdc = c.conj().T @ c
    return lambda rho: c @ rho @ c.conj().T - 0.5 * (cdc @ rho + rho @ cdc)


@dataclass(frozen=True)
class CumulantModel:
    """Superoperators of the two-ensemble model in the type basis (module docstring).

    Attributes
    ----------
    n_atoms : float
        Atoms per ensemble N (any N >= 1, e.g. 1e12).
    single : tuple of ndarray
        L1 per ensemble, (5, 5).
    pair : dict
        L2 for an ordered pair of ensembles (e, f), (5, 5, 5, 5) with legs
        (out_i, out_j, in_i, in_j).
    h_decoupled : bool
        No rate leads into or out of |h> (the two-level model): n_h is conserved.
    """

    n_atoms: float
    single: tuple
    pair: dict
    h_decoupled: bool = False


def build_cumulant_model(
    n_atoms: float, rates: ThreeLevelRates, optical_depth: float, z: float, gamma_d_add: float
) -> CumulantModel:
    """The superoperators of the master equation of :mod:`.three_level` for N atoms.

    Parameters
    ----------
    n_atoms : float
        Atoms per ensemble N >= 1 (need not be an integer's size limit: 1e12 is fine).
    rates : ThreeLevelRates
        Single-atom rates in units of Gamma (scalar fields).
    optical_depth : float
        d (collective rate in units of Gamma, held fixed while N varies).
    z : float
        Z = 1/(|mu| - |nu|) >= 1.
    gamma_d_add : float
        Gamma_d^add in units of Gamma (D[|down><down|] per atom).

    Returns
    -------
    CumulantModel
    """
    r = {k: float(v) for k, v in rates.as_dict().items()}
    # rate of D[|ket><bra|] per (ket, bra): the transition a -> b is D[|b><a|]
    local = {
        (DOWN, UP): r["up_down"],
        (UP, DOWN): r["down_up"],
        (H, UP): r["up_h"],
        (H, DOWN): r["down_h"],
        (UP, H): r["h_up"],
        (DOWN, H): r["h_down"],
        (UP, UP): r["up_up"],
        (DOWN, DOWN): r["down_down"] + float(gamma_d_add),
    }
    mu, nu = (float(v) for v in mu_nu_from_z(z))
    gamma = float(optical_depth) / float(n_atoms)
    # d D[A] + d D[B], A = mu J_I^- + nu J_II^+, B = mu J_II^- + nu J_I^+ (J~^- of the exact
    # model: sum_i |up><down|_i): per jump, (amplitude, "lower"/"raise") on I and on II
    jumps = [((mu, "lower"), (nu, "raise")), ((nu, "raise"), (mu, "lower"))]
    units = _unit_superoperators()
    single = []
    for e in _ENSEMBLES:
        total = sum(rate * units[op] for op, rate in local.items() if rate != 0.0)
        total = total + sum(gamma * jump[e][0] ** 2 * units[jump[e][1]] for jump in jumps)
        single.append(np.asarray(total, dtype=complex))
    pair = {
        (e, f): sum(
            gamma * jump[e][0] * jump[f][0] * units[jump[e][1], jump[f][1]] for jump in jumps
        )
        for e, f in itertools.product(_ENSEMBLES, repeat=2)
    }
    into_or_out_of_h = (r["up_h"], r["down_h"], r["h_up"], r["h_down"])
    return CumulantModel(float(n_atoms), tuple(single), pair, h_decoupled=not any(into_or_out_of_h))


def _partitions(items: list) -> list:
    """All set partitions of a list (lists of blocks, blocks keep the item order)."""
    if not items:
        return [[]]
    head, rest = items[0], items[1:]
    out = []
    for part in _partitions(rest):
        out.append([[head], *part])
        for k in range(len(part)):
            out.append([*part[:k], [head, *part[k]], *part[k + 1 :]])
    return out


@dataclass(frozen=True)
class _Term:
    """coef * einsum(subscripts, operator, *blocks) added to the equation of ``key``."""

    coef: float
    operator: np.ndarray
    blocks: tuple  # (key, axes order) per block: the stored cumulant, transposed
    subscripts: str


def _keys(order: int) -> list:
    """Stored cumulants: sorted tuples of ensembles, 1..order atoms."""
    return [
        key
        for k in range(1, order + 1)
        for key in itertools.combinations_with_replacement(_ENSEMBLES, k)
    ]


def _block_source(species: tuple, block: list) -> tuple:
    """(key, axes) such that stored[key].transpose(axes) has the block's atom order."""
    order = sorted(range(len(block)), key=lambda a: species[block[a]])
    key = tuple(species[block[a]] for a in order)
    axes = tuple(np.argsort(order))
    return key, axes


def _connected(part: list, support: set, everything: set) -> bool:
    """The blocks of ``part`` that meet ``support`` cover ``everything``."""
    touched = set().union(*[set(b) for b in part if support & set(b)])
    return touched == everything


@dataclass(frozen=True)
class _Skeleton:
    """sign * N^power * operator(op) on the blocks: one term before N and the rates."""

    sign: float
    power: int
    op: tuple  # ("single", e) | ("pair", e, f) | ("trace", e, f)
    blocks: tuple
    subscripts: str


def _skeleton(sign, extra_power, op, part, species, legs, *, n_out, traced) -> _Skeleton:
    """sign * N^extra_power * op on ``legs`` of the product of the cumulants of ``part``.

    ``species`` are the ensembles of the atoms 0..size-1 the blocks cover; the scaled
    unknowns carry N^(n_out - 1 - sum(|B| - 1)) (module docstring, Scaling); with
    ``traced`` the last leg (the atom x) is traced and its operator leg is an input only.
    """
    letters = string.ascii_letters
    size = sum(len(b) for b in part)
    blocks, subs = [], []
    for b in part:
        blocks.append(_block_source(species, b))
        subs.append("..." + "".join(letters[a] for a in b))
    outputs = legs[:1] if traced else legs
    new = [letters[size + k] for k in range(len(outputs))]
    out_letters = [letters[a] for a in range(size)]
    for leg, letter in zip(outputs, new, strict=True):
        out_letters[leg] = letter
    if traced:
        out_letters = out_letters[:-1]
    op_sub = "".join(new) + "".join(letters[a] for a in legs)
    subscripts = ",".join([op_sub, *subs]) + "->..." + "".join(out_letters)
    power = extra_power + _n_power(part, n_out)
    return _Skeleton(float(sign), power, op, tuple(blocks), subscripts)


def _n_power(part: list, n_out: int) -> int:
    """Exponent of N in front of a product of scaled cumulants (module docstring)."""
    return (n_out - 1) - sum(len(b) - 1 for b in part)


@functools.cache
def _skeletons(order: int) -> dict:
    """The equations dc_key/dt as :class:`_Skeleton` terms (module docstring, Hierarchy);
    they depend on the order only, so they are built once."""
    equations = {}
    for key in _keys(order):
        m = len(key)
        atoms = list(range(m))
        inside, terms = set(atoms), []

        def keep(part):
            return all(len(b) <= order for b in part)

        # (1) L1(i) on the whole cumulant
        for i in atoms:
            op = ("single", key[i])
            terms.append(_skeleton(1.0, 0, op, [atoms], key, [i], n_out=m, traced=False))
        # (2) L2(i, j) within S: the blocks of i and j cover S
        for i, j in itertools.permutations(atoms, 2):
            op = ("pair", key[i], key[j])
            for part in _partitions(atoms):
                if len(part) <= 2 and keep(part) and _connected(part, {i, j}, inside):
                    terms.append(_skeleton(1.0, 0, op, part, key, [i, j], n_out=m, traced=False))
        # (3) N_f Tr_x K(i, x) and (4) -Tr_x K(i, x) once per atom j of S in x's ensemble
        x = m
        whole = inside | {x}
        for i in atoms:
            for f in _ENSEMBLES:
                species, op = (*key, f), ("trace", key[i], f)
                supports = [({i, x}, 1.0, 1)]
                supports += [({i, j, x}, -1.0, 0) for j in atoms if key[j] == f]
                for support, sign, extra in supports:
                    for part in _partitions([*atoms, x]):
                        if keep(part) and _connected(part, support, whole):
                            terms.append(
                                _skeleton(
                                    sign, extra, op, part, species, [i, x], n_out=m, traced=True
                                )
                            )
        equations[key] = tuple(terms)
    return equations


def _terms(model: CumulantModel, order: int) -> dict:
    """The equations of :func:`_skeletons` with this model's N and superoperators, terms
    with the same blocks and contraction summed into one."""
    n = model.n_atoms
    ops = {("single", e): model.single[e] for e in _ENSEMBLES}
    for e, f in itertools.product(_ENSEMBLES, repeat=2):
        ops["pair", e, f] = model.pair[e, f]
        # K(i, x) = L2(i, x) + L2(x, i), traced over x: (out_i, in_i, in_x)
        k_ix = model.pair[e, f] + model.pair[f, e].transpose(1, 0, 3, 2)
        ops["trace", e, f] = np.einsum("y,ayiz->aiz", _TRACE, k_ix)
    equations = {}
    for key, skeletons in _skeletons(order).items():
        groups: dict = {}
        for t in skeletons:
            k = (t.subscripts, t.blocks)
            groups[k] = groups.get(k, 0.0) + (t.sign * n**t.power) * ops[t.op]
        equations[key] = [_Term(1.0, op, blocks, subs) for (subs, blocks), op in groups.items()]
    return equations


@dataclass
class CumulantSystem:
    """The closed equations of one order for one model, on the traceless unknowns."""

    model: CumulantModel
    order: int

    def __post_init__(self):
        if self.order not in ORDERS:
            raise ValueError(f"order must be one of {ORDERS}, got {self.order}")
        self.keys = _keys(self.order)
        self.equations = _terms(self.model, self.order)
        self.sizes = [4 ** len(k) for k in self.keys]
        self.size = int(sum(self.sizes))
        self.charge_free = np.concatenate([_charge_free(key) for key in self.keys])
        # with |h> decoupled, n_h and every correlation with it keep their start values
        # (a conserved direction: the Jacobian would be singular on them)
        frozen = [_touches_h(key) for key in self.keys] if self.model.h_decoupled else None
        self.solved = self.charge_free & ~np.concatenate(frozen) if frozen else self.charge_free

    # -- unknowns <-> cumulant tensors in the type basis ---------------------------------
    def tensors(self, u: np.ndarray) -> dict:
        """Cumulants c_S in the type basis from the unknowns.

        Parameters
        ----------
        u : ndarray, shape (..., size)
            Traceless coordinates (leading axes: a batch).

        Returns
        -------
        dict
            Key (sorted ensembles) -> ndarray of shape (..., 5, ..., 5).
        """
        out, start = {}, 0
        for key, size in zip(self.keys, self.sizes, strict=True):
            k = len(key)
            part = u[..., start : start + size].reshape(u.shape[:-1] + (4,) * k)
            start += size
            for _ in range(k):
                part = np.tensordot(part, _TRACELESS, axes=([-k], [1]))
            if k == 1:
                part = part + _BASIS[:, 0] / 3.0
            out[key] = part
        return out

    def unknowns(self, tensors: dict) -> np.ndarray:
        """Traceless coordinates of cumulants in the type basis (inverse of :meth:`tensors`).

        Parameters
        ----------
        tensors : dict
            As returned by :meth:`tensors`; identity components are dropped.

        Returns
        -------
        ndarray, shape (..., size)
        """
        parts = []
        for key in self.keys:
            part = tensors[key]
            k = len(key)
            for _ in range(k):
                part = np.tensordot(part, _TO_TRACELESS, axes=([-k], [1]))
            parts.append(part.reshape((*part.shape[: part.ndim - k], -1)))
        return np.concatenate(parts, axis=-1)

    def derivative_tensors(self, tensors: dict) -> dict:
        """dc_S/dt of the closed equations (module docstring, Hierarchy), type basis.

        Parameters
        ----------
        tensors : dict
            Cumulants as returned by :meth:`tensors` (symmetric within each ensemble).

        Returns
        -------
        dict
            Key -> dc_key/dt, units of Gamma.
        """
        out = {}
        batch = tensors[(0,)].shape[:-1]
        for key, terms in self.equations.items():
            acc = 0.0
            for term in terms:
                blocks = [tensors[bk].transpose(_axes(tensors[bk], ax)) for bk, ax in term.blocks]
                path = _path(term.subscripts, term.operator, blocks) if batch else False
                acc = acc + term.coef * np.einsum(
                    term.subscripts, term.operator, *blocks, optimize=path
                )
            out[key] = acc
        return out

    def derivative(self, u: np.ndarray) -> np.ndarray:
        """dc/dt of the closed equations on the unknowns.

        Parameters
        ----------
        u : ndarray, shape (..., size)

        Returns
        -------
        ndarray, shape (..., size)
            Units of Gamma.
        """
        return self.unknowns(self.derivative_tensors(self.tensors(u)))


#: charge of the traceless basis elements under the |up><down| phase (+1, -1, 0, 0)
_CHARGE = np.array([1, -1, 0, 0])


def _touches_h(key: tuple) -> np.ndarray:
    """Mask of the coordinates of c_key with a |up><up| + |down><down| - 2|h><h| factor."""
    grids = np.meshgrid(*[np.arange(4)] * len(key), indexing="ij")
    return np.any(np.stack(grids) == 3, axis=0).ravel()


def _charge_free(key: tuple) -> np.ndarray:
    """Mask of the coordinates of c_key with q_I = q_II (the U(1) of :mod:`.three_level`).

    The dynamics from a state of zero charge imbalance keeps every other coordinate at
    zero; the Newton solve runs on these alone (102 of 312 unknowns at order 3).
    """
    sign = np.where(np.asarray(key) == 0, 1, -1)
    grids = np.meshgrid(*[_CHARGE] * len(key), indexing="ij")
    return (sum(g * sg for g, sg in zip(grids, sign, strict=True)) == 0).ravel()


_PATHS: dict = {}


def _path(subscripts: str, operator: np.ndarray, blocks: list):
    """einsum contraction order for these operand shapes, found once (greedy)."""
    key = (subscripts, operator.shape, *(b.shape for b in blocks))
    if key not in _PATHS:
        _PATHS[key] = np.einsum_path(subscripts, operator, *blocks, optimize="greedy")[0]
    return _PATHS[key]


def _axes(tensor: np.ndarray, axes: tuple) -> tuple:
    lead = tensor.ndim - len(axes)
    return tuple(range(lead)) + tuple(lead + a for a in axes)


def product_state(system: CumulantSystem, populations) -> np.ndarray:
    """Unknowns of the product state with the given populations in both ensembles.

    Parameters
    ----------
    system : CumulantSystem
    populations : array_like, shape (3,)
        (n_up, n_down, n_h) per atom, summing to one.

    Returns
    -------
    ndarray, shape (size,)
    """
    rho = np.zeros(_NT, dtype=complex)
    rho[0], rho[3], rho[4] = populations
    tensors = {key: np.zeros((_NT,) * len(key), dtype=complex) for key in system.keys}
    for e in _ENSEMBLES:
        tensors[(e,)] = rho
    return system.unknowns(tensors)


@dataclass(frozen=True)
class CumulantSteadyState:
    """A stationary point of the closed equations.

    Attributes
    ----------
    unknowns : ndarray
        Traceless coordinates of rho_1 and c_S.
    residual : float
        max |dc/dt| at the solution, units of Gamma.
    iterations : int
        Newton steps.
    converged : bool
        The residual fell below ``atol``.
    lu : tuple
        LU factors of the last Jacobian (charge-free coordinates).
    """

    unknowns: np.ndarray
    residual: float
    iterations: int
    converged: bool
    lu: tuple = field(default=None, repr=False)


def _jacobian(system: CumulantSystem, u: np.ndarray, step: float) -> np.ndarray:
    """dF/du on the solved coordinates by central differences (exact up to O(step^2)).

    F is a complex polynomial of degree three in u (no conjugates), so the derivative along
    a real step is the complex derivative.
    """
    free = np.flatnonzero(system.solved)
    shifts = np.zeros((2 * free.size, system.size), dtype=complex)
    shifts[np.arange(free.size), free] = step
    shifts[free.size + np.arange(free.size), free] = -step
    f = system.derivative(u[None, :] + shifts)[:, free]
    return ((f[: free.size] - f[free.size :]) / (2.0 * step)).T


def cumulant_steady_state(
    system: CumulantSystem,
    start: np.ndarray,
    *,
    atol: float = 1e-13,
    max_steps: int = 40,
    step: float = 1e-5,
    lu=None,
) -> CumulantSteadyState:
    """Newton's method on dc/dt = 0 from ``start`` (e.g. :func:`product_state`).

    A factorised Jacobian is kept while each step lowers max |dc/dt| at least tenfold
    (the chord method; ``lu`` passes one in, e.g. from the previous N) and rebuilt at the
    current point otherwise: the solution is that of Newton's method, only the path
    differs.

    Parameters
    ----------
    system : CumulantSystem
    start : ndarray
        Initial unknowns.
    atol : float
        Stop when max |dc/dt| < atol (units of Gamma).
    max_steps : int
        Largest number of steps.
    step : float
        Central-difference step of the Jacobian (the unknowns are of order one).
    lu : tuple, optional
        ``scipy.linalg.lu_factor`` of a Jacobian on the solved coordinates
        (``system.solved``: charge-free, and with |h> decoupled not touching it).

    Returns
    -------
    CumulantSteadyState
        With ``lu`` the factorisation last used (to pass on).
    """
    u = np.array(start, dtype=complex)
    if np.any(u[~system.charge_free] != 0.0):
        raise ValueError("the start has a charge imbalance q_I != q_II (see _charge_free)")
    f = system.derivative(u)
    res = float(np.abs(f).max())
    steps, fresh = 0, False
    while res >= atol and steps < max_steps:
        if lu is None:
            lu, fresh = linalg.lu_factor(_jacobian(system, u, step)), True
        trial = u.copy()
        trial[system.solved] -= linalg.lu_solve(lu, f[system.solved])
        f_trial = system.derivative(trial)
        res_trial = float(np.abs(f_trial).max())
        steps += 1
        if res_trial > 0.1 * res and not fresh:  # stale Jacobian: rebuild, retry
            lu = None
            continue
        u, f, res, fresh = trial, f_trial, res_trial, False
    return CumulantSteadyState(u, res, steps, res < atol, lu)


def _expectation_vector(op: np.ndarray) -> np.ndarray:
    """v with Tr(op E_t) = v[t] for each type."""
    return np.array([op[bra, ket] for ket, bra in TYPES])


def cumulant_quantities(system: CumulantSystem, u: np.ndarray) -> dict:
    """Sigma_J,2 / N, populations and checks of a solution (as in :mod:`.three_level`).

    Sigma_J,2 = var(J_y,I + J_y,II) + var(J_z,I - J_z,II) with J_y = sum_i (sigma_i +
    sigma_i^dag)/2, J_z = sum_i (sigma_i - sigma_i^dag)/(2i): per N, the one-atom variances
    plus ((N - 1)/N) c_ee and c_I,II (module docstring).

    Parameters
    ----------
    system : CumulantSystem
    u : ndarray, shape (size,)
        A solution's unknowns.

    Returns
    -------
    dict
        sigma2, n_up, n_down, n_h (ensemble I), asymmetry (max |I - II| of the
        populations), mean_sigma (|<sigma>| per atom), hermiticity (largest
        |c - c^dag| over the stored cumulants).
    """
    t = system.tensors(u)
    n = system.model.n_atoms
    sigma = _unit(UP, DOWN)
    y = 0.5 * (sigma + sigma.conj().T)
    zz = (sigma - sigma.conj().T) / 2j
    total = 0.0
    for op, sign in ((y, 1.0), (zz, -1.0)):
        v = _expectation_vector(op)
        v2 = _expectation_vector(op @ op)
        for e in _ENSEMBLES:
            mean = v @ t[(e,)]
            total += v2 @ t[(e,)] - mean**2
            total += (n - 1.0) / n * (v @ t[(e, e)] @ v)
        total += 2.0 * sign * (v @ t[(0, 1)] @ v)
    rho = [t[(e,)] for e in _ENSEMBLES]
    herm = 0.0
    flip = [0, 2, 1, 3, 4]  # type of E_t^dag
    for key in system.keys:
        c = t[key]
        dag = np.conj(c)[np.ix_(*[flip] * c.ndim)]
        herm = max(herm, float(np.abs(c - dag).max()))
    return {
        "sigma2": float(np.real(total)),
        "sigma2_imag": float(np.abs(np.imag(total))),
        "n_up": float(rho[0][0].real),
        "n_down": float(rho[0][3].real),
        "n_h": float(rho[0][4].real),
        "asymmetry": float(np.abs(rho[0] - rho[1]).max()),
        "mean_sigma": float(np.abs(rho[0][2])),
        "hermiticity": herm,
    }


def _steady_states_over_n(rates, optical_depth, z, gamma_d_add, n_atoms, order, populations):
    """(N, system, steady state) for each N, ascending: Newton for each N starts from the
    previous N's solution and Jacobian (the first from the product state at
    ``populations``, (n_up, n_down, n_h))."""
    start, lu = None, None
    for n in sorted(float(v) for v in n_atoms):
        model = build_cumulant_model(n, rates, optical_depth, z, gamma_d_add)
        system = CumulantSystem(model, int(order))
        if start is None:
            start = product_state(system, populations)
        state = cumulant_steady_state(system, start, lu=lu)
        start, lu = state.unknowns, state.lu
        yield n, system, state


def _xi_exp(system: CumulantSystem, u: np.ndarray, f_upper: int) -> tuple[dict, float]:
    """(:func:`cumulant_quantities`, xi_exp by Eqs. (17)-(19)) of one solution."""
    q = cumulant_quantities(system, u)
    pops = np.array([q["n_up"], q["n_down"], q["n_h"]])
    return q, float(xi_exp_from_sigma(q["sigma2"], pops, F=f_upper))


def cumulant_steady_table(
    setup: MultilevelSetup,
    n_atoms,
    x_repump,
    optical_depths,
    gamma_d_add: float,
    *,
    orders=ORDERS,
) -> pd.DataFrame:
    """Stationary xi_exp of the cumulant expansions against Eq. (30) (Fig. 7 settings).

    The pump at its optimum for each x_repump and the Sigma_J,2 -> xi_exp map as in
    :func:`.three_level.three_level_steady_table`. Newton starts from the product state at
    the populations of Eq. (26) for the smallest N, and from the previous N's solution for
    the next.

    Parameters
    ----------
    setup : MultilevelSetup
        The scenario (three-level reading as in :func:`.three_level.three_level_reading`).
    n_atoms : sequence of float
        Atoms per ensemble (any size, e.g. 1e12).
    x_repump : sequence of float
        Omega^2_repump / Omega^2_pump,opt (> 0).
    optical_depths : sequence of float
        d, held fixed while N varies.
    gamma_d_add : float
        Gamma_d^add in units of Gamma.
    orders : sequence of int
        Expansion orders (2 and/or 3).

    Returns
    -------
    DataFrame
        One row per (order, optical_depth, x_repump, n_atoms): xi_cumulant, xi_eq30,
        error (xi_cumulant - xi_eq30), sigma2_cumulant, n_up, n_down, asymmetry,
        mean_sigma, hermiticity, residual (max |dc/dt|, units of Gamma), iterations,
        converged.
    """
    from .three_level import _scalar_rates, three_level_reading

    setup, note = three_level_reading(setup)
    x = np.asarray(x_repump, dtype=float)
    pumped, opt = pumped_rates(setup.rates, x, setup.options)
    n_rate, _ = populations_at_optimum(setup.rates, opt, setup.options)
    z = float(setup.rates.z)
    gb = gamma_bar(pumped, gamma_d_add)
    rows = []
    for d in np.asarray(optical_depths, dtype=float):
        xi30 = xi_exp_long_time(n_rate, gb, d, z, F=setup.f_upper)
        for k, xk in enumerate(x):
            point = _scalar_rates(pumped, k)
            for order in orders:
                solves = _steady_states_over_n(
                    point, float(d), z, gamma_d_add, n_atoms, order, n_rate[k]
                )
                for n, system, state in solves:
                    q, xi = _xi_exp(system, state.unknowns, setup.f_upper)
                    rows.append(
                        {
                            "order": int(order),
                            "optical_depth": float(d),
                            "x_repump": float(xk),
                            "gamma_d_add": float(gamma_d_add),
                            "n_atoms": float(n),
                            "xi_cumulant": xi,
                            "xi_eq30": float(xi30[k]),
                            "error": xi - float(xi30[k]),
                            "sigma2_cumulant": q["sigma2"],
                            "n_up": q["n_up"],
                            "n_down": q["n_down"],
                            "asymmetry": q["asymmetry"],
                            "mean_sigma": q["mean_sigma"],
                            "hermiticity": q["hermiticity"],
                            "residual": state.residual,
                            "iterations": state.iterations,
                            "converged": state.converged,
                            "note": note,
                        }
                    )
    return pd.DataFrame(rows)


def cumulant_check_table(cumulant: pd.DataFrame, exact: pd.DataFrame) -> pd.DataFrame:
    """The cumulant rows with the exact xi_exp beside them where N was solved exactly.

    Parameters
    ----------
    cumulant : DataFrame
        Output of :func:`cumulant_steady_table`.
    exact : DataFrame
        Output of :func:`.three_level.three_level_steady_table` (same setup and grid).

    Returns
    -------
    DataFrame
        ``cumulant`` plus xi_exact and cumulant_minus_exact, empty where N was not solved
        exactly (the row's note says so).
    """
    keys = ["optical_depth", "x_repump", "n_atoms"]
    right = exact[[*keys, "xi_exact"]].copy()
    right["n_atoms"] = right["n_atoms"].astype(float)
    for key in keys[:2]:  # the same grid values, matched to the last bit
        right[key] = right[key].astype(float)
    out = cumulant.merge(right, on=keys, how="left", validate="many_to_one")
    out["cumulant_minus_exact"] = out["xi_cumulant"] - out["xi_exact"]
    missing = out["xi_exact"].isna()
    why = "no exact solve at this N"
    out["note"] = np.where(
        missing, np.where(out["note"] == "", why, out["note"] + "; " + why), out["note"]
    )
    return out


def series_limit_and_slope(n_atoms, xi) -> tuple[float, float]:
    """(xi_inf, a1) of xi(N) = xi_inf + a1/N + a2/N^2 through three points.

    Parameters
    ----------
    n_atoms : sequence of three float
        N1, 2 N1 and a large N (the neglected a3/N^3 moves a1 by about a3/N1^2).
    xi : sequence of three float
        xi at those N.

    Returns
    -------
    (float, float)
    """
    inv = 1.0 / np.asarray(n_atoms, dtype=float)
    series = np.stack([np.ones(3), inv, inv**2], axis=1)
    xi_inf, a1, _ = np.linalg.solve(series, np.asarray(xi, dtype=float))
    return float(xi_inf), float(a1)


def two_level_fit_against_cumulants(
    fit: pd.DataFrame, slope_n_atoms: float = 1000.0, physical_n_atoms: float = 1e12
) -> pd.DataFrame:
    """The exact two-level 1/N fit beside the third-order cumulant expansion's limit and a1.

    Third order gives the exact 1/N coefficient (module docstring), so a1_cumulant checks
    the fitted a1 and xi_inf_cumulant (N -> infinity from N1, 2 N1 and the physical N)
    checks that the limit is Eq. (15). The expansion has no C, D terms (App. C.2): rows
    with collective_dephasing != 0 get no cumulant values and say so in their note.

    Parameters
    ----------
    fit : DataFrame
        :func:`.finite_n.finite_n_fit_table` output.
    slope_n_atoms, physical_n_atoms : float, optional
        N1 (with 2 N1) and the large N of :func:`series_limit_and_slope`.

    Returns
    -------
    DataFrame
        ``fit`` plus a1_cumulant, a1_minus_cumulant_over_se ((a1 - a1_cumulant) / a1_se)
        and xi_inf_cumulant_minus_eq15.
    """
    ns = [float(slope_n_atoms), 2.0 * float(slope_n_atoms), float(physical_n_atoms)]
    out = fit.copy()
    a1_cum, limit = [], []
    for row in fit.itertuples():
        if row.collective_dephasing != 0:
            a1_cum.append(float("nan"))
            limit.append(float("nan"))
            continue
        table = two_level_cumulant_table(
            ns, row.z, row.optical_depth, row.gamma_d_add, row.pump_x, orders=[3]
        )
        xi_inf, a1 = series_limit_and_slope(ns, table["xi_cumulant"])
        a1_cum.append(a1)
        limit.append(xi_inf - float(table["xi_large_n"].iloc[0]))
    out["a1_cumulant"] = a1_cum
    out["a1_minus_cumulant_over_se"] = (out["a1"] - out["a1_cumulant"]) / out["a1_se"]
    out["xi_inf_cumulant_minus_eq15"] = limit
    why = "collective dephasing C, D: no cumulant values"
    note = out["note"].fillna("").astype(str)
    has_cd = out["collective_dephasing"] != 0
    out["note"] = np.where(has_cd, np.where(note == "", why, note + "; " + why), note)
    return out


def cumulant_limit_table(
    table: pd.DataFrame, slope_n_atoms: float, physical_n_atoms: float
) -> pd.DataFrame:
    """Large-N verdict per (optical_depth, x_repump): Eq. (30) at the physical N, and a1.

    xi(N) = xi_inf + a1/N + a2/N^2 + ...: the three terms solved from N1 =
    ``slope_n_atoms``, 2 N1 and the physical N (the neglected a3/N^3 moves a1 by about
    a3/N1^2); the same from 2 N1, 4 N1 and the physical N moves it four times less, so
    4/3 of the change between the two is a1's uncertainty (Richardson's estimate). Third
    order gives the exact a1 (module docstring); second order misses the three-atom
    cumulants' share.

    Parameters
    ----------
    table : DataFrame
        :func:`cumulant_steady_table` rows including N1, 2 N1, 4 N1 and the physical N.
    slope_n_atoms, physical_n_atoms : float
        N1 and the physical N.

    Returns
    -------
    DataFrame
        optical_depth, x_repump, xi_eq30, then per order k in the table xi_physical_k,
        error_physical_k (xi at the physical N - Eq. (30)), error_infinite_k (xi_inf -
        Eq. (30)), a1_k and a1_uncertainty_k, a1_over_d_k; and
        orders_difference_physical (order 3 - order 2 at the physical N, 0 up to
        rounding: the hierarchy closes at second order as N -> infinity).
    """
    n1, n2, n_phys = float(slope_n_atoms), 2.0 * float(slope_n_atoms), float(physical_n_atoms)
    rows = []
    for (d, x), part in table.groupby(["optical_depth", "x_repump"], sort=True):
        row = {"optical_depth": float(d), "x_repump": float(x)}
        row["xi_eq30"] = float(part["xi_eq30"].iloc[0])
        physical = {}
        for order, sub in part.groupby("order", sort=True):
            xi = dict(zip(sub["n_atoms"].astype(float), sub["xi_cumulant"], strict=True))
            missing = [v for v in (n1, n2, 2.0 * n2, n_phys) if v not in xi]
            if missing:
                raise ValueError(f"the table has no rows at N = {missing} (order {order})")
            xi_inf, a1 = series_limit_and_slope([n1, n2, n_phys], [xi[n1], xi[n2], xi[n_phys]])
            # the same through 2 N1, 4 N1: its change bounds the truncation of the series
            _, check_a1 = series_limit_and_slope(
                [n2, 2.0 * n2, n_phys], [xi[n2], xi[2.0 * n2], xi[n_phys]]
            )
            physical[int(order)] = xi[n_phys]
            row[f"xi_physical_{order}"] = xi[n_phys]
            row[f"error_physical_{order}"] = xi[n_phys] - row["xi_eq30"]
            row[f"error_infinite_{order}"] = xi_inf - row["xi_eq30"]
            row[f"a1_{order}"] = a1
            # the truncation falls as 1/N1^2: the error at N1 is 4/3 of the change
            row[f"a1_uncertainty_{order}"] = 4.0 / 3.0 * abs(check_a1 - a1)
            row[f"a1_over_d_{order}"] = a1 / d if d > 0 else float("nan")
        if 2 in physical and 3 in physical:
            row["orders_difference_physical"] = physical[3] - physical[2]
        row["physical_n_atoms"] = float(physical_n_atoms)
        row["slope_n_atoms"] = n1
        row["note"] = "" if d > 0 else "d = 0: no collective term, a1/d undefined"
        rows.append(row)
    return pd.DataFrame(rows)


def cumulant_validation_tables(
    setup: MultilevelSetup,
    check: dict,
    options: dict,
    exact: pd.DataFrame,
    exact_dynamics: pd.DataFrame,
    *,
    exact_fit: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The tables of the rule validation_cumulants: the check against the exact solves, the
    large-N verdict, and Fig. 8's dynamics.

    Parameters
    ----------
    setup : MultilevelSetup
        The scenario (as for the exact three-level check).
    check : dict
        validation.three_level (n_atoms, x_repump grid, optical_depth, gamma_d_add).
    options : dict
        validation.cumulants (orders, slope_n_atoms, physical_n_atoms).
    exact : DataFrame
        The exact three-level table on the same grid.
    exact_dynamics : DataFrame
        The exact three-level dynamics (:func:`.three_level.three_level_dynamics_table`).
    exact_fit : DataFrame, optional
        The exact solves' 1/N fit, put beside the limit (:func:`exact_fit_beside_limit`).

    Returns
    -------
    (DataFrame, DataFrame, DataFrame)
        :func:`cumulant_check_table` over the exact N plus N1, 2 N1, 4 N1 and the physical N;
        :func:`cumulant_limit_table`; :func:`cumulant_dynamics_table` at second order at
        N = 1 and the physical N (exact at both), with the exact xi_exact(t) beside it at
        N = 1.

    Raises
    ------
    RuntimeError
        If a steady state did not converge (the row with the largest residual named).
    """
    from ..config import grid_values

    slope, physical = float(options["slope_n_atoms"]), float(options["physical_n_atoms"])
    extra = {slope, 2.0 * slope, 4.0 * slope, physical}
    n_atoms = sorted({float(n) for n in check["n_atoms"]} | extra)
    table = cumulant_steady_table(
        setup,
        n_atoms,
        grid_values(check["x_repump"]),
        check["optical_depth"],
        float(check["gamma_d_add"]),
        orders=options["orders"],
    )
    if not table["converged"].all():
        worst = table.loc[table["residual"].idxmax()].to_dict()
        raise RuntimeError(f"the cumulant steady state did not converge at {worst}")
    dynamics = cumulant_dynamics_table(
        setup,
        [1.0, physical],  # exact at both: the check against the exact solve, and the limit
        grid_values(check["t"]),
        check["optical_depth"],
        float(check["gamma_d_add"]),
    )
    keys = ["optical_depth", "n_atoms", "t"]
    right = exact_dynamics[[*keys, "xi_exact"]].astype(float)
    dynamics = dynamics.merge(right, on=keys, how="left", validate="many_to_one")
    missing = dynamics["xi_exact"].isna()
    why = "no exact dynamics at this N"
    dynamics["note"] = np.where(
        missing,
        np.where(dynamics["note"] == "", why, dynamics["note"] + "; " + why),
        dynamics["note"],
    )
    limit = cumulant_limit_table(table, slope, physical)
    if exact_fit is not None:
        limit = exact_fit_beside_limit(limit, exact_fit)
    return cumulant_check_table(table, exact), limit, dynamics


def exact_fit_beside_limit(limit: pd.DataFrame, exact_fit: pd.DataFrame) -> pd.DataFrame:
    """The exact solves' 1/N fit (:func:`.three_level.three_level_fit_table`) beside the
    cumulant expansion's large-N verdict, per (optical_depth, x_repump).

    Adds a0_exact, a0_exact_uncertainty (the fit's N -> infinity error of Eq. (30)),
    a1_exact, a1_exact_uncertainty, exact_n_min, exact_n_max, and
    a1_exact_minus_cumulant_over_uncertainty (against the highest order's a1, whose own
    uncertainty is far smaller); nan where the fit has no uncertainty (three values of N),
    and the row's note says so.

    Parameters
    ----------
    limit : DataFrame
        :func:`cumulant_limit_table` output.
    exact_fit : DataFrame
        :func:`.three_level.three_level_fit_table` output on the same grid.

    Returns
    -------
    DataFrame
        ``limit`` with the columns above.
    """
    keys = ["optical_depth", "x_repump"]
    right = exact_fit[
        [*keys, "a0", "a0_uncertainty", "a1", "a1_uncertainty", "n_min", "n_max"]
    ].rename(
        columns={
            "a0": "a0_exact",
            "a0_uncertainty": "a0_exact_uncertainty",
            "a1": "a1_exact",
            "a1_uncertainty": "a1_exact_uncertainty",
            "n_min": "exact_n_min",
            "n_max": "exact_n_max",
        }
    )
    out = limit.merge(right, on=keys, how="left", validate="one_to_one")
    top = max(int(c.rsplit("_", 1)[1]) for c in limit.columns if c.startswith("a1_over_d_"))
    difference = out["a1_exact"] - out[f"a1_{top}"]
    out["a1_exact_minus_cumulant_over_uncertainty"] = difference / out["a1_exact_uncertainty"]
    why = "the exact fit has three values of N: no uncertainty"
    missing = out["a1_exact_uncertainty"].isna()
    note = out["note"] if "note" in out else pd.Series("", index=out.index)
    out["note"] = np.where(missing, np.where(note == "", why, note + "; " + why), note)
    return out


def two_level_cumulant_table(
    n_atoms,
    z: float,
    optical_depth: float,
    gamma_d_add: float = 0.0,
    pump_x: float = 0.0,
    *,
    orders=ORDERS,
) -> pd.DataFrame:
    """Steady xi of the two-level model (:mod:`.finite_n`) by the cumulant expansions.

    The two-level master equation of Sec. III.3 is the three-level one with |h> never
    reached: Gamma_cool D[sigma] (rate down -> up), Gamma_heat D[sigma^dag] (up -> down)
    and Gamma_d D[|down><down|] of Sec. III.4 (:func:`..two_level.rates.two_level_rates`).
    xi is Eq. (3): Sigma_J,2 / (|<J_x,I>| + |<J_x,II>|) = (Sigma_J,2 / N) / (n_up - n_down).
    Newton starts from the product state at Eq. (15)'s polarization for the smallest N.

    Parameters
    ----------
    n_atoms : sequence of float
        Atoms per ensemble.
    z : float
        Z >= 1.
    optical_depth : float
        d (held fixed while N varies).
    gamma_d_add, pump_x : float, optional
        Gamma_d^add (units of Gamma) and the pump parameter x of Sec. III.4.
    orders : sequence of int
        Expansion orders.

    Returns
    -------
    DataFrame
        order, n_atoms, xi_cumulant, xi_large_n (Eq. (15)), difference, polarization,
        residual, iterations, converged.
    """
    from ..two_level.rates import two_level_rates
    from ..two_level.steady_state import xi_steady_state

    two = two_level_rates(z, gamma_d_add, pump_x)
    zero = 0.0
    rates = ThreeLevelRates(
        up_down=float(two.heat),
        down_up=float(two.cool),
        up_h=zero,
        down_h=zero,
        h_up=zero,
        h_down=zero,
        up_up=zero,
        down_down=float(two.dephasing),
    )
    p_inf = float(two.polarization_steady)
    xi_large = float(xi_steady_state(z, optical_depth, gamma_d_add, pump_x))
    rows = []
    populations = [(1 + p_inf) / 2, (1 - p_inf) / 2, 0.0]
    for order in orders:
        solves = _steady_states_over_n(
            rates, float(optical_depth), z, 0.0, n_atoms, order, populations
        )
        for n, system, state in solves:
            q = cumulant_quantities(system, state.unknowns)
            polarization = q["n_up"] - q["n_down"]
            xi = q["sigma2"] / polarization
            rows.append(
                {
                    "order": int(order),
                    "n_atoms": n,
                    "xi_cumulant": xi,
                    "xi_large_n": xi_large,
                    "difference": xi - xi_large,
                    "polarization": polarization,
                    "residual": state.residual,
                    "iterations": state.iterations,
                    "converged": state.converged,
                }
            )
    return pd.DataFrame(rows)


def cumulant_trajectory(
    system: CumulantSystem, start: np.ndarray, t, *, rtol: float = 1e-10, atol: float = 1e-12
) -> np.ndarray:
    """Unknowns at the times ``t`` from ``start`` at t = 0 (the closed equations integrated).

    ``scipy.integrate.solve_ivp`` with BDF (the collective rate d makes the equations stiff)
    on the solved coordinates, complex, with the central-difference Jacobian; the error per
    step is held below rtol |c| + atol (c of order one, module docstring).

    Parameters
    ----------
    system : CumulantSystem
    start : ndarray
        Unknowns at t = 0 (e.g. :func:`product_state` of all atoms in |up>).
    t : array_like
        Non-decreasing times from 0, units of 1/Gamma.
    rtol, atol : float, optional
        Integrator tolerances.

    Returns
    -------
    ndarray, shape (len(t), size)

    Raises
    ------
    RuntimeError
        If the integrator fails.
    """
    t = np.asarray(t, dtype=float)
    solved = system.solved
    base = np.array(start, dtype=complex)

    def full(y):
        u = base.copy()
        u[solved] = y
        return u

    sol = solve_ivp(
        lambda _, y: system.derivative(full(y))[solved],
        (0.0, float(t[-1])),
        base[solved],
        method="BDF",
        t_eval=t,
        rtol=rtol,
        atol=atol,
        jac=lambda _, y: _jacobian(system, full(y), 1e-5),
    )
    if not sol.success:
        raise RuntimeError(f"cumulant dynamics failed: {sol.message}")
    out = np.repeat(base[None, :], t.size, axis=0)
    out[:, solved] = sol.y.T
    return out


def cumulant_dynamics_table(
    setup: MultilevelSetup, n_atoms, t, optical_depths, gamma_d_add: float, *, orders=(2,)
) -> pd.DataFrame:
    """xi_exp(t) without repump (Fig. 8) from the cumulant expansion, all atoms in |up> at t = 0.

    Beside it Eq. (28) (the paper's closed form, adiabatic in Sigma_J,2) and App. D's
    moment equations integrated (:func:`..multilevel.entanglement.xi_exp_moment_equations`),
    as in :func:`.three_level.three_level_dynamics_table`.

    Parameters
    ----------
    setup : MultilevelSetup
        The scenario (three-level reading as in :func:`.three_level.three_level_reading`).
    n_atoms : sequence of float
        Atoms per ensemble (any size).
    t : array_like
        Times in 1/Gamma from 0.
    optical_depths : sequence of float
        d.
    gamma_d_add : float
        Gamma_d^add in units of Gamma.
    orders : sequence of int, optional
        Expansion orders (default second: the N -> infinity limit is exact there).

    Returns
    -------
    DataFrame
        One row per (order, optical_depth, n_atoms, t): xi_cumulant, xi_eq28, error
        (xi_cumulant - xi_eq28), xi_moments (App. D), n_up, n_down and n_up_eq26, note.
    """
    from ..multilevel.entanglement import xi_exp_closed_form, xi_exp_moment_equations
    from .three_level import _scalar_rates, three_level_reading

    setup, note = three_level_reading(setup)
    t = np.asarray(t, dtype=float)
    pumped, opt = pumped_rates(setup.rates, 0.0, setup.options)
    _, prop = populations_at_optimum(setup.rates, opt, setup.options)
    z = float(setup.rates.z)
    point = _scalar_rates(pumped)
    rows = []
    for d in np.asarray(optical_depths, dtype=float):
        xi28, pops = xi_exp_closed_form(
            t, pumped, d, z, gamma_d_add, propagator=prop, F=setup.f_upper
        )
        moments = xi_exp_moment_equations(
            t, pumped, d, z, gamma_d_add, propagator=prop, F=setup.f_upper
        )[0]
        for order in orders:
            for n in n_atoms:
                system = CumulantSystem(
                    build_cumulant_model(float(n), point, float(d), z, gamma_d_add), int(order)
                )
                path = cumulant_trajectory(system, product_state(system, [1.0, 0.0, 0.0]), t)
                for k, tk in enumerate(t):
                    q, xi = _xi_exp(system, path[k], setup.f_upper)
                    rows.append(
                        {
                            "order": int(order),
                            "optical_depth": float(d),
                            "n_atoms": float(n),
                            "t": float(tk),
                            "gamma_d_add": float(gamma_d_add),
                            "xi_cumulant": xi,
                            "xi_eq28": float(np.ravel(xi28)[k]),
                            "error": xi - float(np.ravel(xi28)[k]),
                            "xi_moments": float(np.ravel(moments)[k]),
                            "n_up": q["n_up"],
                            "n_down": q["n_down"],
                            "n_up_eq26": float(pops[k, 0]),
                            "note": note,
                        }
                    )
    return pd.DataFrame(rows)


__all__ = [
    "ORDERS",
    "TYPES",
    "CumulantModel",
    "CumulantSteadyState",
    "CumulantSystem",
    "build_cumulant_model",
    "cumulant_check_table",
    "cumulant_dynamics_table",
    "cumulant_limit_table",
    "cumulant_quantities",
    "cumulant_steady_state",
    "cumulant_steady_table",
    "cumulant_trajectory",
    "cumulant_validation_tables",
    "exact_fit_beside_limit",
    "product_state",
    "series_limit_and_slope",
    "two_level_cumulant_table",
    "two_level_fit_against_cumulants",
]
