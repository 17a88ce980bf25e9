"""Rate equations with every sublevel of the F = 3 manifold (``h_return = "f3_manifold"``).

The three-level model of Eq. (26) keeps one state of the lower manifold, |h> = |3,3>
(ensemble I; Sec. IV.1, Fig. 6). The probe, however, moves atoms inside F = 3 and back to
F = 4 from every sublevel, and the repump (D1, sigma+, F=3 -> F'=4; App. E) empties every
sublevel of F = 3. Keeping the probe's returns |3,3> -> |4,4>, |4,3> while dropping its
redistribution inside F = 3 returns atoms that the model could not hold
(docs/physics.md#r12). This module is the consistent alternative: the populations of
|up>, |down> and all seven |3,m> obey the linear rate equations

    dN_b/dt = sum_(a != b) Gamma_ab N_a - (sum_(c != a) Gamma_bc) N_b        (9 states),

with Gamma_ab the single-atom rates of the probe, pump and repump between these sublevels
(:mod:`.rates`, the same matrices the three-level model picks its entries from). Rates
into the F = 4 sublevels other than |up>, |down> follow the ``leakage`` reading as in the
three-level model: "neglect" drops them, "into_h" adds them to the rate into |h>.

The spin variables only see |up> and |down> (Eqs. (17)–(19), (28)): they need
(N_up, N_down, N_F=3)(t) and the rates out of |up> and |down>, in which Gamma_up,h and
Gamma_down,h now sum over every |3,m> (e.g. |4,4> -> |3,2>, C6's 0.02). Both are
provided here: :func:`three_level_view` (for Gamma-bar) and :class:`ManifoldPropagator` /
:func:`manifold_steady_state` (populations, reduced by :func:`reduce_populations`).
State order: |up>, |down>, then F = 3 starting at |h> (m = 3, 2, ..., -3 for ensemble I,
mirrored for ensemble II), so index 2 is |h>.
"""

from __future__ import annotations

import numpy as np

from .atomic_data import F_LOWER, F_UPPER
from .couplings import ground_index, three_level_states
from .model import ThreeLevelRates

#: number of states: |up>, |down> and the 2 F_LOWER + 1 sublevels of F = 3
MANIFOLD_SIZE = 2 + 2 * F_LOWER + 1
#: |up> only (App. E: "Initially, all atoms are pumped to state |up>")
ALL_UP_MANIFOLD = tuple(1.0 if k == 0 else 0.0 for k in range(MANIFOLD_SIZE))


def manifold_states(ensemble: str = "I") -> tuple[tuple[int, int], ...]:
    """(F, m) of the model's states in order: |up>, |down>, then F = 3 from |h> on.

    Parameters
    ----------
    ensemble : {"I", "II"}, optional
        Ensemble I (default) or II (mirrored, m -> -m; Sec. IV.1).

    Returns
    -------
    tuple of (int, int)
        ``MANIFOLD_SIZE`` ground sublevels (F, m) of 6S1/2.
    """
    s = three_level_states(ensemble)
    sign = 1 if s["h"][1] > 0 else -1
    lower = tuple((F_LOWER, sign * m) for m in range(F_LOWER, -F_LOWER - 1, -1))
    return (s["up"], s["down"], *lower)


def reduce_matrix(matrix, ensemble: str = "I", leakage: str = "neglect") -> np.ndarray:
    """The 16 x 16 ground-state rate matrix restricted to the model's states.

    Parameters
    ----------
    matrix : array_like, shape (..., 16, 16)
        Element [a, b] the rate |a> -> |b> in units of Gamma (states ordered as
        :func:`.couplings.ground_states`), e.g. :func:`.rates.probe_rate_matrix`.
    ensemble : {"I", "II"}, optional
        Which states are |up>, |down>, |h> (default "I").
    leakage : {"neglect", "into_h"}, optional
        Rates into F = 4 sublevels other than |up>, |down>: dropped (default) or added
        to the rate into |h> (``CesiumOptions.leakage``).

    Returns
    -------
    ndarray, shape (..., MANIFOLD_SIZE, MANIFOLD_SIZE)
        Element [a, b] the rate a -> b in units of Gamma (diagonal: the elastic rates).
    """
    matrix = np.asarray(matrix, dtype=float)
    keep = [ground_index(*s) for s in manifold_states(ensemble)]
    out = matrix[..., keep, :][..., :, keep].copy()
    if leakage == "into_h":
        others = [ground_index(F_UPPER, m) for m in range(-F_UPPER, F_UPPER + 1)]
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
    """(N_up, N_down, N_F=3) from the populations of every state (last axis).

    Parameters
    ----------
    populations : array_like, shape (..., MANIFOLD_SIZE)
        Populations in the order of :func:`manifold_states` (fractions of N).

    Returns
    -------
    ndarray, shape (..., 3)
        (N_up, N_down, sum of F = 3) / N, the populations of Eq. (26) with |h> read as
        the whole lower manifold.
    """
    p = np.asarray(populations, dtype=float)
    return np.stack([p[..., 0], p[..., 1], p[..., 2:].sum(axis=-1)], axis=-1)


def three_level_view(rate_matrix) -> ThreeLevelRates:
    """Rates out of |up> and |down> in the fields of the three-level model (Gamma-bar).

    Gamma_up,h and Gamma_down,h are summed over every |3,m>. The returns from |h>
    (``h_up``, ``h_down``) are NaN: with the whole manifold there is no single rate out of
    "|h>", and a three-level function that used them would silently be the half-model.

    Parameters
    ----------
    rate_matrix : array_like, shape (..., MANIFOLD_SIZE, MANIFOLD_SIZE)
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
    """N(t) = exp(G t) N(0) of the manifold rate equations, reduced to (N_up, N_down, N_F=3).

    The same interface as :class:`.rate_equations.Propagator`: ``prop(t)`` has shape
    t.shape + S + (3,), ``prop.derivative(t)`` the time derivative, ``prop.shape`` is S.
    Batched eigen-decomposition of G (accurate to about cond(V) 1e-16; the tests compare
    it with ``scipy.integrate.solve_ivp``).

    Parameters
    ----------
    rate_matrix : array_like, shape S + (MANIFOLD_SIZE, MANIFOLD_SIZE)
        Single-atom rates in units of Gamma.
    initial : array_like, shape (MANIFOLD_SIZE,), optional
        Populations at t = 0, default all atoms in |up>.
    """

    def __init__(self, rate_matrix, *, initial=ALL_UP_MANIFOLD):
        g = generator(rate_matrix)
        self.shape = g.shape[:-2]
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
        """(N_up, N_down, N_F=3)(t) / N at every time t (units 1/Gamma) and grid point.

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
        """d/dt (N_up, N_down, N_F=3)(t) / N, shape t.shape + S + (3,), units of Gamma.

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
