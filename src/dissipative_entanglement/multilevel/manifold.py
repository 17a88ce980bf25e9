"""Rate equations with every sublevel of the lower ground manifold (``h_return="lower_manifold"``).

The three-level model of Eq. (26) keeps one state of the lower manifold F_low = I - 1/2,
|h> = |F_low, F_low> (ensemble I; Sec. IV.1, Fig. 6; Cs: |3,3>). The probe, however,
moves atoms inside F_low and back to F_up from every sublevel, and the repump (D1,
sigma+, F_low -> F' = F_up; App. E) empties every sublevel of F_low. Keeping the probe's
returns |h> -> |up>, |down> while dropping its redistribution inside F_low returns atoms
that the model could not hold (docs/physics.md#r12). This module is the consistent
alternative: the populations of |up>, |down> and all 2 F_low + 1 sublevels |F_low, m>
obey the linear rate equations

    dN_b/dt = sum_(a != b) Gamma_ab N_a - (sum_(c != a) Gamma_bc) N_b    (2 F_low + 3 states),

with Gamma_ab the single-atom rates of the probe, pump and repump between these sublevels
(:mod:`.rates`, the same matrices the three-level model picks its entries from). Rates
into the F_up sublevels other than |up>, |down> follow the ``leakage`` reading as in the
three-level model: "neglect" drops them, "into_h" adds them to the rate into |h>.

The spin variables only see |up> and |down> (Eqs. (17)–(19), (28)): they need
(N_up, N_down, N_low)(t) and the rates out of |up> and |down>, in which Gamma_up,h and
Gamma_down,h now sum over every |F_low, m> (e.g. Cs |4,4> -> |3,2>, C6's 0.02). Both are
provided here: :func:`three_level_view` (for Gamma-bar) and :class:`ManifoldPropagator` /
:func:`manifold_steady_state` (populations, reduced by :func:`reduce_populations`).
State order: |up>, |down>, then F_low starting at |h> (m = F_low, ..., -F_low for
ensemble I, mirrored for ensemble II), so index 2 is |h>. The name of the reading was
"lower_manifold" while only Cs-133 (F_low = 3) ran it.
"""

from __future__ import annotations

import numpy as np

from ..atoms.couplings import ground_index, three_level_states
from ..atoms.species import as_species
from .model import ThreeLevelRates


def manifold_size(species) -> int:
    """Number of states of the model: |up>, |down> and the 2 F_low + 1 sublevels of F_low.

    Parameters
    ----------
    species : Species or str
        The atoms.

    Returns
    -------
    int
    """
    return 2 + 2 * as_species(species).f_lower + 1


def manifold_states(species, ensemble: str = "I") -> tuple[tuple[int, int], ...]:
    """(F, m) of the model's states in order: |up>, |down>, then F_low from |h> on.

    Parameters
    ----------
    species : Species or str
        The atoms.
    ensemble : {"I", "II"}, optional
        Ensemble I (default) or II (mirrored, m -> -m; Sec. IV.1).

    Returns
    -------
    tuple of (int, int)
        :func:`manifold_size` ground sublevels (F, m).
    """
    f_low = as_species(species).f_lower
    s = three_level_states(species, ensemble)
    sign = 1 if s["h"][1] > 0 else -1
    lower = tuple((f_low, sign * m) for m in range(f_low, -f_low - 1, -1))
    return (s["up"], s["down"], *lower)


def reduce_matrix(species, matrix, ensemble: str = "I", leakage: str = "neglect") -> np.ndarray:
    """The ground-state rate matrix restricted to the model's states.

    Parameters
    ----------
    species : Species or str
        The atoms.
    matrix : array_like, shape (..., n_ground, n_ground)
        Element [a, b] the rate |a> -> |b> in units of Gamma (states ordered as
        :func:`dissipative_entanglement.atoms.couplings.ground_states`), e.g. the probe
        matrix of :func:`.rates.ground_rate_matrices`.
    ensemble : {"I", "II"}, optional
        Which states are |up>, |down>, |h> (default "I").
    leakage : {"neglect", "into_h"}, optional
        Rates into F_up sublevels other than |up>, |down>: dropped (default) or added
        to the rate into |h> (``MultilevelOptions.leakage``).

    Returns
    -------
    ndarray, shape (..., n, n), n = :func:`manifold_size`
        Element [a, b] the rate a -> b in units of Gamma (diagonal: the elastic rates).
    """
    sp = as_species(species)
    matrix = np.asarray(matrix, dtype=float)
    keep = [ground_index(sp, *s) for s in manifold_states(sp, ensemble)]
    out = matrix[..., keep, :][..., :, keep].copy()
    if leakage == "into_h":
        others = [ground_index(sp, sp.f_upper, m) for m in range(-sp.f_upper, sp.f_upper + 1)]
        others = [k for k in others if k not in keep]
        out[..., :, 2] += matrix[..., keep, :][..., :, others].sum(axis=-1)
    return out


def generator(rate_matrix) -> np.ndarray:
    """Generator G of dN/dt = G N for a rate matrix (element [a, b]: rate a -> b).

    Parameters
    ----------
    rate_matrix : array_like, shape (..., n, n)
        Single-atom rates in units of Gamma; the diagonal (elastic) is ignored.

    Returns
    -------
    ndarray, shape (..., n, n)
        G[b, a] = Gamma_ab (a != b), G[a, a] = -sum_(b != a) Gamma_ab; columns sum to 0.
    """
    r = np.asarray(rate_matrix, dtype=float)
    off = r * (1.0 - np.eye(r.shape[-1]))
    g = np.swapaxes(off, -1, -2).copy()
    idx = np.arange(r.shape[-1])
    g[..., idx, idx] = -off.sum(axis=-1)
    return g


def manifold_steady_state(rate_matrix) -> np.ndarray:
    """Stationary populations (fractions of N) of the rate equations of a rate matrix.

    Solves G N = 0 with sum(N) = 1 (the last row of G replaced by ones), batched.

    Parameters
    ----------
    rate_matrix : array_like, shape (..., n, n)
        Single-atom rates in units of Gamma (:func:`reduce_matrix`).

    Returns
    -------
    ndarray, shape (..., n)
        The stationary populations; NaN where the stationary state is not unique
        (singular system, e.g. an absorbing state set).
    """
    g = generator(rate_matrix)
    a = g.copy()
    a[..., -1, :] = 1.0
    rhs = np.zeros(a.shape[:-1])
    rhs[..., -1] = 1.0
    unique = np.linalg.cond(a) < 1e12  # singular: no unique stationary state
    safe = np.where(unique[..., None, None], a, np.eye(a.shape[-1]))
    n = np.linalg.solve(safe, rhs[..., None])[..., 0]
    return np.where(unique[..., None], n, np.nan)


def reduce_populations(populations) -> np.ndarray:
    """(N_up, N_down, N_low) from the populations of every state (last axis).

    Parameters
    ----------
    populations : array_like, shape (..., n)
        Populations in the order of :func:`manifold_states` (fractions of N).

    Returns
    -------
    ndarray, shape (..., 3)
        (N_up, N_down, sum over F_low) / N, the populations of Eq. (26) with |h> read as
        the whole lower manifold.
    """
    p = np.asarray(populations, dtype=float)
    return np.stack([p[..., 0], p[..., 1], p[..., 2:].sum(axis=-1)], axis=-1)


def three_level_view(rate_matrix) -> ThreeLevelRates:
    """Rates out of |up> and |down> in the fields of the three-level model (Gamma-bar).

    Gamma_up,h and Gamma_down,h are summed over every |F_low, m>. The returns from |h>
    (``h_up``, ``h_down``) are NaN: with the whole manifold there is no single rate out of
    "|h>", and a three-level function that used them would silently be the half-model.

    Parameters
    ----------
    rate_matrix : array_like, shape (..., n, n)
        Single-atom rates in units of Gamma (:func:`reduce_matrix`).

    Returns
    -------
    ThreeLevelRates
        up_down, down_up, up_h, down_h, up_up, down_down in units of Gamma; h_up, h_down NaN.
    """
    r = np.asarray(rate_matrix, dtype=float)
    nan = np.full(r.shape[:-2], np.nan)
    return ThreeLevelRates(
        up_down=r[..., 0, 1],
        down_up=r[..., 1, 0],
        up_h=r[..., 0, 2:].sum(axis=-1),
        down_h=r[..., 1, 2:].sum(axis=-1),
        h_up=nan,
        h_down=nan,
        up_up=r[..., 0, 0],
        down_down=r[..., 1, 1],
    )


class ManifoldPropagator:
    """N(t) = exp(G t) N(0) of the manifold rate equations, reduced to (N_up, N_down, N_low).

    The same interface as :class:`.rate_equations.Propagator`: ``prop(t)`` has shape
    t.shape + S + (3,), ``prop.derivative(t)`` the time derivative, ``prop.shape`` is S.
    Batched eigen-decomposition of G (accurate to about cond(V) 1e-16; the tests compare
    it with ``scipy.integrate.solve_ivp``).

    Parameters
    ----------
    rate_matrix : array_like, shape S + (n, n)
        Single-atom rates in units of Gamma.
    initial : array_like, shape (n,), optional
        Populations at t = 0, default all atoms in |up> (App. E: "Initially, all atoms
        are pumped to state |up>").
    """

    def __init__(self, rate_matrix, *, initial=None):
        g = generator(rate_matrix)
        self.shape = g.shape[:-2]
        if initial is None:
            initial = np.eye(g.shape[-1])[0]
        n0 = np.broadcast_to(np.asarray(initial, dtype=float), g.shape[:-1])
        lam, vec = np.linalg.eig(g)
        coef = np.linalg.solve(vec, n0[..., None].astype(complex))[..., 0]
        self._lam = lam
        self._modes = vec * coef[..., None, :]  # column k: c_k v_k

    def _full(self, t, order: int) -> np.ndarray:
        t = np.asarray(t, dtype=float)
        tt = t.reshape(t.shape + (1,) * len(self.shape))
        weight = self._lam**order * np.exp(self._lam * tt[..., None])
        return np.einsum("...ik,...k->...i", self._modes, weight).real

    def __call__(self, t, *, outer: bool = True) -> np.ndarray:
        """(N_up, N_down, N_low)(t) / N at every time t (units 1/Gamma) and grid point.

        Parameters
        ----------
        t : array_like
            Times in 1/Gamma (>= 0).
        outer : bool, optional
            Only True (every time at every grid point) is supported.

        Returns
        -------
        ndarray, shape t.shape + S + (3,)
            Fractions of N.
        """
        if not outer:
            raise ValueError("ManifoldPropagator evaluates every time at every grid point")
        return reduce_populations(self._full(t, 0))

    def derivative(self, t) -> np.ndarray:
        """d/dt (N_up, N_down, N_low)(t) / N, shape t.shape + S + (3,), units of Gamma.

        Parameters
        ----------
        t : array_like
            Times in 1/Gamma (>= 0).

        Returns
        -------
        ndarray
            Time derivative of :meth:`__call__`, in units of Gamma.
        """
        return reduce_populations(self._full(t, 1))
