"""Rate equations of the three-level model |up>, |down>, |h> (Sec. IV.2, Eq. (26)).

Populations are fractions of the total atom number N of one ensemble, ordered
(N_up, N_down, N_h) / N along the last axis; rates are in units of Gamma and times in
1/Gamma. Every function takes a :class:`~dissipative_entanglement.multilevel.model.ThreeLevelRates`
whose fields broadcast to a grid shape ``S`` and works on the whole grid at once.

The last diagonal entry of M (docs/physics.md#open-readings)
-----------------------------------------------------------
The paper prints, in Eq. (26),

    "M = ( -(Gamma_up,down + Gamma_up,h)   Gamma_down,up   Gamma_h,up
           Gamma_up,down   -(Gamma_down,up + Gamma_down,h)   Gamma_h,down
           Gamma_up,h   Gamma_down,h   -2(Gamma_h,up + Gamma_h,down) )".

With the printed -2(Gamma_h,up + Gamma_h,down) the columns of M do not sum to zero: every
atom repumped from |h> would remove a second atom from the ensemble, so
N_up + N_down + N_h decays and, with any repump, the only steady state is N = 0. App. D,
the master equation behind Eq. (26), has one jump term per repump process, which gives
-(Gamma_h,up + Gamma_h,down), and the paper's own Fig. 7 (a true steady state with
xi_exp,inf ~ 0.9, which needs N_2,inf > 0) is only possible with it. Hence
``hh_entry="conserving"`` (the default, used for the figures) and ``hh_entry="printed"``
(the literal Eq. (26), kept to show the difference).

Methods
-------
- Steady state (:func:`steady_state`): the t -> infinity limit of exp(M t) N(0), in closed
  form. For the conserving M with a unique stationary state this is the vector of
  diagonal cofactors of M (matrix-tree theorem), normalised to the initial atom number;
  every term is a product of non-negative rates, so there is no cancellation.
- Time evolution (:func:`evolve`): for the conserving M the conserved part is the steady
  state and the rest evolves in the two-dimensional subspace sum(N) = 0 with a 2x2 matrix
  B, whose exponential has the closed form exp(B t) = e^{a t}[cosh(s t) 1 + sinh(s t)/s
  (B - a 1)], a = tr B / 2, s^2 = ((B_11 - B_22)/2)^2 + B_12 B_21 (cos/sin for s^2 < 0).
  This is exact up to rounding, also at degenerate eigenvalues (s -> 0), where an
  eigen-decomposition is ill-conditioned. For the printed M (not conserving) the default
  uses a batched numpy eigen-decomposition; ``method="expm"`` uses
  ``scipy.linalg.expm`` on the stack (slow, ~0.5 ms per matrix, but robust).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from scipy.linalg import expm

from .model import ThreeLevelRates

HhEntry = Literal["conserving", "printed"]
HH_ENTRIES = ("conserving", "printed")
EVOLVE_METHODS = ("auto", "closed_form", "eig", "expm")

#: All atoms in |up> (App. E: "Initially, all atoms are pumped to state |up>").
ALL_UP = (1.0, 0.0, 0.0)

_SERIES_CUT = 1e-3  # |x| below which sinh(x)/x and sin(x)/x use their Taylor series


def _check_hh_entry(hh_entry: str) -> None:
    if hh_entry not in HH_ENTRIES:
        raise ValueError(f"hh_entry must be one of {HH_ENTRIES}, got {hh_entry!r}")


def broadcast_rates(rates: ThreeLevelRates) -> ThreeLevelRates:
    """The same rates with every field a float array of the common broadcast shape.

    Parameters
    ----------
    rates : ThreeLevelRates
        Rates in units of Gamma, fields of broadcastable shapes.

    Returns
    -------
    ThreeLevelRates
        Fields as float arrays of the broadcast shape S (read-only broadcast views).
    """
    d = rates.as_dict()
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in d.values()))
    return ThreeLevelRates(**dict(zip(d, arrays, strict=True)))


def grid_shape(rates: ThreeLevelRates) -> tuple[int, ...]:
    """Broadcast shape S of the rate fields.

    Parameters
    ----------
    rates : ThreeLevelRates
        Rates in units of Gamma.

    Returns
    -------
    tuple of int
    """
    return np.broadcast_shapes(*(np.shape(v) for v in rates.as_dict().values()))


def rate_matrix(rates: ThreeLevelRates, *, hh_entry: HhEntry = "conserving") -> np.ndarray:
    """Rate matrix M of Eq. (26), d/dt (N_up, N_down, N_h) = M (N_up, N_down, N_h).

    Parameters
    ----------
    rates : ThreeLevelRates
        Single-particle rates Gamma_ab (|a> -> |b>) in units of Gamma, fields broadcast to
        a shape S. ``up_up`` and ``down_down`` do not change populations and do not enter M.
    hh_entry : {"conserving", "printed"}, optional
        Last diagonal entry: -(Gamma_h,up + Gamma_h,down) (default; columns sum to zero,
        atom number conserved) or the printed -2(Gamma_h,up + Gamma_h,down) of Eq. (26).
        See the module docstring for why the default.

    Returns
    -------
    ndarray, shape S + (3, 3)
        A stack of rate matrices, units of Gamma.
    """
    _check_hh_entry(hh_entry)
    r = broadcast_rates(rates)
    hh_factor = 1.0 if hh_entry == "conserving" else 2.0
    m = np.empty((*np.shape(r.up_down), 3, 3))
    m[..., 0, 0] = -(r.up_down + r.up_h)
    m[..., 0, 1] = r.down_up
    m[..., 0, 2] = r.h_up
    m[..., 1, 0] = r.up_down
    m[..., 1, 1] = -(r.down_up + r.down_h)
    m[..., 1, 2] = r.h_down
    m[..., 2, 0] = r.up_h
    m[..., 2, 1] = r.down_h
    m[..., 2, 2] = -hh_factor * (r.h_up + r.h_down)
    return m


def stationary_cofactors(rates: ThreeLevelRates) -> np.ndarray:
    """Unnormalised stationary vector of the conserving M of Eq. (26), shape S + (3,).

    The diagonal cofactors of M (matrix-tree theorem for a three-state rate process):

        pi_up   = G_du G_hu + G_du G_hd + G_dh G_hu
        pi_down = G_ud G_hu + G_ud G_hd + G_uh G_hd
        pi_h    = G_ud G_dh + G_uh G_du + G_uh G_dh

    (G_ab = Gamma_ab). M pi = 0 identically; every term is >= 0, so the result has no
    cancellation error. The sum is the product of the two non-zero eigenvalues of M.
    Without repump (G_hu = G_hd = 0) pi = (0, 0, pi_h): |h> is absorbing.

    Parameters
    ----------
    rates : ThreeLevelRates
        Rates in units of Gamma, fields broadcast to S.

    Returns
    -------
    ndarray, shape S + (3,)
        (pi_up, pi_down, pi_h), in units of Gamma^2.
    """
    r = broadcast_rates(rates)
    ud, du, uh, dh, hu, hd = r.up_down, r.down_up, r.up_h, r.down_h, r.h_up, r.h_down
    return np.stack(
        [
            du * hu + du * hd + dh * hu,
            ud * hu + ud * hd + uh * hd,
            ud * dh + uh * du + uh * dh,
        ],
        axis=-1,
    )


def _initial_array(initial, shape) -> np.ndarray:
    n0 = np.asarray(initial, dtype=float)
    if n0.shape[-1:] != (3,):
        raise ValueError("initial populations need a last axis of length 3 (N_up, N_down, N_h)")
    return np.broadcast_to(n0, (*np.broadcast_shapes(n0.shape[:-1], shape), 3))


def _zero_projector_general(m: np.ndarray, rates: ThreeLevelRates, hh_entry) -> np.ndarray:
    """Spectral projector P_0 = lim_{t->inf} exp(M t), for either hh_entry, shape S + (3, 3).

    Uses the characteristic polynomial lambda^3 - T lambda^2 + S2 lambda - D of M (the
    eigenvalue 0 of a rate matrix is semisimple and all others have negative real part):
    D != 0: P_0 = 0; D = 0, S2 != 0: P_0 = (M^2 - T M + S2)/S2; D = S2 = 0, T != 0:
    P_0 = (M - T)/(-T); M = 0: P_0 = 1. D and S2 are evaluated as sums of non-negative
    products of rates, so that their structural zeros are exact.
    """
    r = broadcast_rates(rates)
    ud, du, uh, dh, hu, hd = r.up_down, r.down_up, r.up_h, r.down_h, r.h_up, r.h_down
    h_out = hu + hd
    pi = stationary_cofactors(rates)
    if hh_entry == "conserving":
        det = np.zeros_like(h_out)
        s2 = pi.sum(axis=-1)
    else:  # M = M_conserving - h_out e_h e_h^T: det = -h_out * pi_h (cofactor expansion)
        det = -h_out * pi[..., 2]
        s2 = (
            2.0 * du * h_out
            + dh * (2.0 * hu + hd)
            + 2.0 * ud * h_out
            + uh * (hu + 2.0 * hd)
            + pi[..., 2]
        )
    tr = np.trace(m, axis1=-2, axis2=-1)
    eye = np.eye(3)
    m2 = m @ m
    with np.errstate(divide="ignore", invalid="ignore"):
        p_s2 = (m2 - tr[..., None, None] * m + s2[..., None, None] * eye) / s2[..., None, None]
        p_tr = (m - tr[..., None, None] * eye) / (-tr[..., None, None])
    p0 = np.where(
        (det != 0.0)[..., None, None],
        0.0,
        np.where(
            (s2 != 0.0)[..., None, None],
            p_s2,
            np.where((tr != 0.0)[..., None, None], p_tr, eye),
        ),
    )
    return p0


def steady_state(
    rates: ThreeLevelRates, *, initial=ALL_UP, hh_entry: HhEntry = "conserving"
) -> np.ndarray:
    """Steady-state populations (N_up, N_down, N_h)_inf / N of Eq. (26), closed form.

    The t -> infinity limit of the exact solution exp(M t) N(0). For the conserving M with
    a unique stationary state (the sum of the cofactors of :func:`stationary_cofactors` is
    > 0, e.g. any losses to |h>) this is pi / sum(pi) times the initial atom number,
    independent of the initial distribution. Without repump |h> is absorbing and the
    result is (0, 0, 1). Where the stationary state is not unique (no losses and no
    repump: |h> decoupled) the limit depends on ``initial`` and is computed from the
    spectral projector onto the kernel of M. With ``hh_entry="printed"`` and any repump,
    atoms are lost from |h> and the limit is N = 0.

    Parameters
    ----------
    rates : ThreeLevelRates
        Rates in units of Gamma, fields broadcast to S.
    initial : array_like, shape (..., 3), optional
        Initial (N_up, N_down, N_h) / N; default all in |up>.
    hh_entry : {"conserving", "printed"}, optional
        See :func:`rate_matrix`.

    Returns
    -------
    ndarray, shape broadcast(S, initial.shape[:-1]) + (3,)
        Populations as fractions of N.
    """
    _check_hh_entry(hh_entry)
    shape = grid_shape(rates)
    n0 = _initial_array(initial, shape)
    pi = stationary_cofactors(rates)
    total = pi.sum(axis=-1)
    unique = total > 0.0
    if hh_entry == "conserving" and np.all(unique):
        return pi / total[..., None] * n0.sum(axis=-1)[..., None]
    m = rate_matrix(rates, hh_entry=hh_entry)
    general = np.einsum("...ij,...j->...i", _zero_projector_general(m, rates, hh_entry), n0)
    if hh_entry == "printed":
        return general
    with np.errstate(divide="ignore", invalid="ignore"):
        cof = pi / total[..., None] * n0.sum(axis=-1)[..., None]
    return np.where(unique[..., None], cof, general)


class Propagator:
    """Exact solution N(t) = exp(M t) N(0) of Eq. (26) for a grid of rates, callable at any t.

    The coefficients are computed once, so that evaluating at many times (or at every step
    of an ODE solver) costs a few array operations. ``Propagator(rates)(t)`` has shape
    t.shape + S + (3,).

    Parameters
    ----------
    rates : ThreeLevelRates
        Rates in units of Gamma, fields broadcast to S.
    initial : array_like, shape (..., 3), optional
        (N_up, N_down, N_h)(0) / N, default all in |up>.
    hh_entry : {"conserving", "printed"}, optional
        See :func:`rate_matrix`.
    method : {"auto", "closed_form", "eig", "expm"}, optional
        "closed_form" (conserving M only): steady state + 2x2 exponential in closed form
        (module docstring), exact to rounding. "eig": batched numpy eigen-decomposition,
        accurate to ~ cond(V) * 1e-16 (V the eigenvector matrix; poor near degenerate
        eigenvalues). "expm": ``scipy.linalg.expm`` of the stack M t (robust, slow).
        "auto" (default): "closed_form" for the conserving M, "eig" for the printed one.

    Raises
    ------
    ValueError
        For an unknown ``hh_entry`` or ``method``, or "closed_form" with the printed M.
    """

    def __init__(
        self,
        rates: ThreeLevelRates,
        *,
        initial=ALL_UP,
        hh_entry: HhEntry = "conserving",
        method: str = "auto",
    ):
        _check_hh_entry(hh_entry)
        if method not in EVOLVE_METHODS:
            raise ValueError(f"method must be one of {EVOLVE_METHODS}, got {method!r}")
        if method == "auto":
            method = "closed_form" if hh_entry == "conserving" else "eig"
        if method == "closed_form" and hh_entry != "conserving":
            raise ValueError('method="closed_form" needs hh_entry="conserving"')
        self.method = method
        self.hh_entry = hh_entry
        r = broadcast_rates(rates)
        self.rates = r
        self._given = rates
        n0 = _initial_array(initial, grid_shape(r))
        self.shape = n0.shape[:-1]
        self.n0 = n0
        if method == "closed_form":
            self._setup_closed_form(r, n0)
        elif method == "eig":
            m = np.broadcast_to(rate_matrix(r, hh_entry=hh_entry), (*self.shape, 3, 3))
            lam, vec = np.linalg.eig(m)
            coef = np.linalg.solve(vec, n0[..., None].astype(complex))[..., 0]
            self._lam = lam
            self._modes = vec * coef[..., None, :]  # column k: c_k v_k
        else:
            self._m = np.broadcast_to(rate_matrix(r, hh_entry=hh_entry), (*self.shape, 3, 3))

    def _setup_closed_form(self, r: ThreeLevelRates, n0: np.ndarray) -> None:
        ud, du, uh, dh, hu, hd = r.up_down, r.down_up, r.up_h, r.down_h, r.h_up, r.h_down
        self._n_inf = steady_state(r, initial=n0)
        x0 = n0 - self._n_inf  # sum(x0) = 0: evolves in the 2-d subspace sum(N) = 0
        # B acts on (x_up, x_down), with x_h = -(x_up + x_down): B_ij = M_ij - M_i,h
        b11 = -(ud + uh) - hu
        b12 = du - hu
        b21 = ud - hd
        b22 = -(du + dh) - hd
        a = 0.5 * (b11 + b22)
        q = (0.5 * (b11 - b22)) ** 2 + b12 * b21  # s^2
        s = np.sqrt(np.abs(q))
        x_up, x_dn = x0[..., 0], x0[..., 1]
        # (B - a) x0 and x0 in the (up, down) coordinates
        self._x0 = np.stack([x_up, x_dn], axis=-1)
        self._bx0 = np.stack(
            [(b11 - a) * x_up + b12 * x_dn, b21 * x_up + (b22 - a) * x_dn], axis=-1
        )
        # slow eigenvalue from the product of eigenvalues (= sum of cofactors), no cancellation
        lam_fast = a - s
        prod = stationary_cofactors(r).sum(axis=-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            lam_slow = np.where(lam_fast != 0.0, prod / lam_fast, 0.0)
        self._a, self._q, self._s = a, q, s
        self._all_real = bool(np.all(q >= 0.0))
        self._lam_fast, self._lam_slow = lam_fast, lam_slow

    def relaxation_rates(self) -> tuple[np.ndarray, np.ndarray]:
        """(slowest, fastest) relaxation rates of the non-stationary modes, units of Gamma.

        Magnitudes of the real parts of the two non-zero eigenvalues of M (closed-form
        method only); a complex pair a +- i s gives |a| twice.

        Returns
        -------
        slow, fast : ndarray, shape S
            Rates in units of Gamma.

        Raises
        ------
        ValueError
            Unless ``method == "closed_form"``.
        """
        if self.method != "closed_form":
            raise ValueError('relaxation_rates needs method="closed_form"')
        real = self._q >= 0.0
        slow = np.where(real, -self._lam_slow, -self._a)
        fast = np.where(real, -self._lam_fast, -self._a)
        return slow, fast

    def __call__(self, t, *, outer: bool = True) -> np.ndarray:
        """Populations (N_up, N_down, N_h)(t) / N.

        Parameters
        ----------
        t : array_like
            Times in 1/Gamma (>= 0).
        outer : bool, optional
            True (default): every time at every grid point. False: t broadcasts against S
            (one time per grid point, or a leading time axis: t of shape (n,) + S).

        Returns
        -------
        ndarray
            Shape t.shape + S + (3,) for ``outer=True``, broadcast(t.shape, S) + (3,)
            otherwise; fractions of N.
        """
        t = np.asarray(t, dtype=float)
        tt = t.reshape(t.shape + (1,) * len(self.shape)) if outer else t
        if self.method == "closed_form":
            return self._call_closed_form(tt)
        if self.method == "eig":
            phase = np.exp(self._lam * tt[..., None])  # (..., 3 eigenvalues)
            out = np.einsum("...ik,...k->...i", self._modes, phase)
            return out.real
        mt = self._m * tt[..., None, None]
        return np.einsum("...ij,...j->...i", expm(mt), self.n0)

    def derivative(self, t) -> np.ndarray:
        """d/dt (N_up, N_down, N_h)(t) / N = M N(t), every time at every grid point.

        Parameters
        ----------
        t : array_like
            Times in 1/Gamma (>= 0).

        Returns
        -------
        ndarray, shape t.shape + S + (3,)
            Time derivative of the populations, in units of Gamma.
        """
        m = rate_matrix(self._given, hh_entry=self.hh_entry)
        return np.einsum("...ij,...j->...i", m, self(t))

    def _call_closed_form(self, tt: np.ndarray) -> np.ndarray:
        """exp(M t) N(0) = N_inf + [C(t) x0 + S(t) (B - a) x0] in the (up, down) coordinates.

        C = e^{a t} cosh(s t), S = e^{a t} sinh(s t)/s for s^2 = q >= 0 (for s t >= 1 as
        (e^{lam_slow t} +- e^{lam_fast t})/2(/s), which cannot overflow), and
        C = e^{a t} cos(s t), S = e^{a t} sin(s t)/s for q < 0; sinh(x)/x and sin(x)/x by
        their Taylor series for |x| < 1e-3.
        """
        a, s = self._a, self._s
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            st = s * tt
            eat = np.exp(a * tt)
            tiny = st < _SERIES_CUT
            st_safe = np.where(tiny, 1.0, st)
            st2 = st * st
            # q >= 0 (real eigenvalues a +- s)
            small = st < 1.0
            sinhc = np.where(
                tiny, 1.0 + st2 * (1.0 / 6.0 + st2 / 120.0), np.sinh(st_safe) / st_safe
            )
            e1 = np.exp(self._lam_slow * tt)
            e2 = np.exp(self._lam_fast * tt)
            c = np.where(small, eat * np.cosh(np.minimum(st, 1.0)), 0.5 * (e1 + e2))
            sh = np.where(small, eat * tt * sinhc, (e1 - e2) / (2.0 * s))
            if not self._all_real:  # q < 0 (complex pair a +- i s)
                sinc = np.where(
                    tiny, 1.0 - st2 * (1.0 / 6.0 - st2 / 120.0), np.sin(st_safe) / st_safe
                )
                real = self._q >= 0.0
                c = np.where(real, c, eat * np.cos(st))
                sh = np.where(real, sh, eat * tt * sinc)
        x = c[..., None] * self._x0 + sh[..., None] * self._bx0
        x_h = -(x[..., 0] + x[..., 1])
        return self._n_inf + np.concatenate([x, x_h[..., None]], axis=-1)


def evolve(
    t,
    rates: ThreeLevelRates,
    *,
    initial=ALL_UP,
    hh_entry: HhEntry = "conserving",
    method: str = "auto",
) -> np.ndarray:
    """Exact populations (N_up, N_down, N_h)(t) / N solving Eq. (26), dN/dt = M N.

    Parameters
    ----------
    t : array_like
        Times in 1/Gamma (any shape T, t >= 0).
    rates : ThreeLevelRates
        Rates in units of Gamma, fields broadcast to S.
    initial : array_like, shape (..., 3), optional
        (N_up, N_down, N_h)(0) / N; default all in |up> (App. E).
    hh_entry : {"conserving", "printed"}, optional
        See :func:`rate_matrix`.
    method : {"auto", "closed_form", "eig", "expm"}, optional
        See :class:`Propagator`.

    Returns
    -------
    ndarray, shape T + S + (3,)
        Populations as fractions of N.
    """
    return Propagator(rates, initial=initial, hh_entry=hh_entry, method=method)(t)
