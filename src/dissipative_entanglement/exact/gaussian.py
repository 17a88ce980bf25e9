"""Exact second-moment (Gaussian / Lyapunov) route for the two-mode master equation, Eq. (2).

Quadratures and conventions (App. A): x = (a + a^dag)/sqrt2, p = -i(a - a^dag)/sqrt2, so
[x, p] = i and the vacuum variance is 1/2 per quadrature. R = (x_a, p_a, x_b, p_b),
[R_i, R_j] = i Omega_ij, covariance V_ij = <{dR_i, dR_j}>/2. The entanglement witness of
App. A is S = var(x_+) + var(p_-) with x_+ = (x_a + x_b)/sqrt2, p_- = (p_a - p_b)/sqrt2
(S < 1 certifies entanglement; S = 1 for the vacuum; the TMS steady state of Eq. (2) has
S = (mu - nu)^2 = e^{-2r}; the printed (mu - nu)^-2 is a misprint, docs/physics.md#open-readings).

Linear jump operators L_k = c_k . R give (standard result, derived in docs/exact_checks.md)
    d<R>/dt = A <R>,  dV/dt = A V + V A^T + D,
    A = Omega Im(M),  D = Omega Re(M) Omega^T,  M = sum_k conj(c_k) c_k^T.
Hermitian quadratic jump operators L = R^T H R / 2 (number dephasing a^dag a, and the
Holstein-Primakoff form of the collective dephasing operators C, D of App. C.2) are not
Gaussian, but the second moments still close: dV/dt gains gamma K(K(V))/2 with
K(V) = Omega H V + V (Omega H)^T. Both are solved exactly on the 10 (here 16) second moments:
steady state by a linear solve, time evolution by a matrix exponential.
"""

from __future__ import annotations

import numpy as np
import scipy.linalg as sla

__all__ = [
    "OMEGA",
    "covariance_evolution",
    "drift_diffusion",
    "epr_variance",
    "epr_variance_dephasing_closed_form",
    "epr_variance_thermal_closed_form",
    "moment_generator",
    "number_operator_matrix",
    "steady_covariance",
    "two_mode_jump_coefficients",
    "two_mode_steady_state",
]

OMEGA = np.array(
    [[0.0, 1.0, 0.0, 0.0], [-1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0], [0.0, 0.0, -1.0, 0.0]]
)
_A = np.array([1.0, 1j, 0.0, 0.0]) / np.sqrt(2.0)  # a = c . R
_B = np.array([0.0, 0.0, 1.0, 1j]) / np.sqrt(2.0)  # b


def two_mode_jump_coefficients(mu, nu, kappa_a=1.0, kappa_b=1.0, *, loss=0.0, gain=0.0):
    """Coefficient vectors c_k (L_k = c_k . R) of Eq. (2) plus thermal single-mode noise.

    Jump operators: sqrt(kappa_a) A~, sqrt(kappa_b) B~ with A~ = mu a + nu b^dag,
    B~ = mu b + nu a^dag as in Eq. (1), and sqrt(loss) a, sqrt(loss) b, sqrt(gain) a^dag,
    sqrt(gain) b^dag on both modes.

    Parameters
    ----------
    mu, nu : array_like
        Squeezing parameters (dimensionless, mu^2 - nu^2 = 1).
    kappa_a, kappa_b : array_like, optional
        kappa_A~ and kappa_B~ of Eq. (2) (default 1, the rate unit).
    loss, gain : array_like, optional
        Rates of D[a], D[b] and D[a^dag], D[b^dag] (same unit, default 0). All parameters
        broadcast together to a shape S.

    Returns
    -------
    ndarray of complex, shape S + (6, 4)
        One row c_k per jump operator, in the order A~, B~, a, b, a^dag, b^dag, against
        R = (x_a, p_a, x_b, p_b).
    """
    mu, nu, ka, kb, lo, ga = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (mu, nu, kappa_a, kappa_b, loss, gain))
    )
    e = (..., None)
    ad, bd = _A.conj(), _B.conj()
    rows = [
        np.sqrt(ka)[e] * (mu[e] * _A + nu[e] * bd),
        np.sqrt(kb)[e] * (mu[e] * _B + nu[e] * ad),
        np.sqrt(lo)[e] * _A,
        np.sqrt(lo)[e] * _B,
        np.sqrt(ga)[e] * ad,
        np.sqrt(ga)[e] * bd,
    ]
    return np.stack(rows, axis=-2)


def drift_diffusion(coefficients):
    """Drift A and diffusion D (both (..., 4, 4), real) of linear jump operators.

    Parameters
    ----------
    coefficients : array_like of complex, shape (..., K, 4)
        L_k = sum_j c_kj R_j, rates absorbed (c ~ sqrt(rate)).

    Returns
    -------
    A, D : ndarray, shape (..., 4, 4)
        A = Omega Im(M), D = Omega Re(M) Omega^T, M = sum_k conj(c_k) c_k^T; in the rate
        unit of the coefficients.
    """
    c = np.asarray(coefficients, dtype=complex)
    m = np.einsum("...ki,...kj->...ij", c.conj(), c)
    drift = OMEGA @ m.imag
    diffusion = OMEGA @ m.real @ OMEGA.T
    return drift, diffusion


def number_operator_matrix(mode: str, weight=1.0):
    """H (4x4) with L = R^T H R / 2 = weight * (n_mode + 1/2), mode 'a' or 'b'.

    Parameters
    ----------
    mode : {"a", "b"}
        The mode whose number operator is represented.
    weight : float or array_like, optional
        Prefactor (default 1).

    Returns
    -------
    ndarray, shape (4, 4)
        Real symmetric H in the (x_a, p_a, x_b, p_b) basis.
    """
    h = np.zeros((4, 4))
    sl = slice(0, 2) if mode == "a" else slice(2, 4)
    h[sl, sl] = np.eye(2)
    return weight * h


def moment_generator(drift, dephasing=None):
    """Generator G of the second moments: d vec(V)/dt = G vec(V) + vec(D) (row-major vec).

    Parameters
    ----------
    drift : array_like, shape (..., 4, 4)
        Drift matrix A.
    dephasing : list of (rate, H), optional
        Quadratic jump operators L = R^T H R / 2, H real symmetric (..., 4, 4), at the given
        rate (broadcast); each adds rate * K(K(V)) / 2, K(V) = Omega H V + V (Omega H)^T.

    Returns
    -------
    ndarray, shape (..., 16, 16)
        Real generator, in the rate unit of the inputs.
    """
    drift = np.asarray(drift, dtype=float)
    eye = np.eye(4)
    gen = _kron(drift, eye) + _kron(eye, drift)
    for rate, h in dephasing or []:
        g = OMEGA @ np.asarray(h, dtype=float)
        k = _kron(g, eye) + _kron(eye, g)
        gen = gen + 0.5 * np.asarray(rate, dtype=float)[..., None, None] * (k @ k)
    return gen


def _kron(x, y):
    x, y = np.broadcast_arrays(x, y) if x.ndim == y.ndim else (x, y)
    return np.einsum("...ij,...kl->...ikjl", x, y).reshape(
        *np.broadcast_shapes(x.shape[:-2], y.shape[:-2]), 16, 16
    )


def steady_covariance(drift, diffusion, dephasing=None, *, method="kron"):
    """Steady covariance V of dV/dt = A V + V A^T + D [+ dephasing terms].

    Parameters
    ----------
    drift, diffusion : array_like, shape (..., 4, 4)
        A and D (broadcast together).
    dephasing : list of (rate, H), optional
        See :func:`moment_generator`.
    method : {"kron", "lyapunov"}, optional
        ``"kron"`` (default): batched linear solve of G vec(V) = -vec(D) with
        ``numpy.linalg.solve`` (vectorised over all parameter points). ``"lyapunov"``:
        ``scipy.linalg.solve_continuous_lyapunov(A, -D)`` point by point (no dephasing terms).

    Returns
    -------
    ndarray, shape (..., 4, 4)
        Symmetric V (dimensionless; vacuum: identity / 2).

    Raises
    ------
    ValueError
        For an unknown ``method`` or dephasing terms with ``"lyapunov"``.
    """
    drift = np.asarray(drift, dtype=float)
    diffusion = np.asarray(diffusion, dtype=float)
    shape = np.broadcast_shapes(drift.shape, diffusion.shape)
    if method == "kron":
        gen = moment_generator(drift, dephasing)
        batch = np.broadcast_shapes(gen.shape[:-2], shape[:-2])
        gen = np.broadcast_to(gen, (*batch, 16, 16))
        rhs = -np.broadcast_to(diffusion, (*batch, 4, 4)).reshape(*batch, 16, 1)
        v = np.linalg.solve(gen, rhs).reshape(*batch, 4, 4)
    elif method == "lyapunov":
        if dephasing:
            raise ValueError("method='lyapunov' does not take dephasing terms")
        a = np.broadcast_to(drift, shape).reshape(-1, 4, 4)
        d = np.broadcast_to(diffusion, shape).reshape(-1, 4, 4)
        v = np.stack([sla.solve_continuous_lyapunov(ai, -di) for ai, di in zip(a, d, strict=True)])
        v = v.reshape(shape)
    else:
        raise ValueError(f"unknown method {method!r}")
    return 0.5 * (v + np.swapaxes(v, -1, -2))


def covariance_evolution(t, drift, diffusion, v0, dephasing=None):
    """V(t) from V(0) = v0: vec V(t) = e^{G t} (vec V0 - vec V_inf) + vec V_inf (exact).

    Uses the batched ``scipy.linalg.expm`` over t.

    Parameters
    ----------
    t : array_like, shape (n_t,)
        Times, in the inverse of the rate unit of ``drift`` (1/kappa).
    drift, diffusion, v0 : array_like, shape (4, 4)
        A, D and the initial covariance (a single parameter point).
    dephasing : list of (rate, H), optional
        See :func:`moment_generator`.

    Returns
    -------
    ndarray, shape (n_t, 4, 4)
        Symmetric V(t).
    """
    t = np.asarray(t, dtype=float)
    gen = moment_generator(drift, dephasing)
    v_inf = steady_covariance(drift, diffusion, dephasing).reshape(16)
    prop = sla.expm(t[:, None, None] * gen[None])
    vt = v_inf + prop @ (np.asarray(v0, dtype=float).reshape(16) - v_inf)
    vt = vt.reshape(-1, 4, 4)
    return 0.5 * (vt + np.swapaxes(vt, -1, -2))


def epr_variance(cov):
    """S = var(x_+) + var(p_-) from covariance (..., 4, 4) in (x_a, p_a, x_b, p_b) order.

    Parameters
    ----------
    cov : array_like, shape (..., 4, 4)
        Covariance V.

    Returns
    -------
    ndarray, shape (...)
        S (dimensionless; 1 for the vacuum, < 1 certifies entanglement, App. A).
    """
    cov = np.asarray(cov)
    var_xp = 0.5 * (cov[..., 0, 0] + cov[..., 2, 2] + 2 * cov[..., 0, 2])
    var_pm = 0.5 * (cov[..., 1, 1] + cov[..., 3, 3] - 2 * cov[..., 1, 3])
    return var_xp + var_pm


def two_mode_steady_state(mu, nu, kappa=1.0, *, loss=0.0, gain=0.0, dephasing=0.0, method="kron"):
    """Steady var(x_+) + var(p_-) of Eq. (2) with optional noise, by the second-moment route.

    Parameters
    ----------
    mu, nu : array_like
        Squeezing parameters (dimensionless, mu^2 - nu^2 = 1).
    kappa : array_like, optional
        kappa = kappa_A~ = kappa_B~ (default 1, the rate unit).
    loss, gain : array_like, optional
        Rates of D[a], D[b] and D[a^dag], D[b^dag] (same unit, default 0).
    dephasing : array_like, optional
        Rate of D[a^dag a] and of D[b^dag b] (each mode, default 0). All parameters
        broadcast together to a shape S.
    method : {"kron", "lyapunov"}, optional
        As in :func:`steady_covariance` ("kron" needed for dephasing).

    Returns
    -------
    S : ndarray, shape S
        var(x_+) + var(p_-) (dimensionless).
    V : ndarray, shape S + (4, 4)
        Steady covariance.
    """
    coef = two_mode_jump_coefficients(mu, nu, kappa, kappa, loss=loss, gain=gain)
    drift, diff = drift_diffusion(coef)
    deph = np.asarray(dephasing, dtype=float)
    terms = None
    if np.any(deph != 0):
        terms = [(deph, number_operator_matrix("a")), (deph, number_operator_matrix("b"))]
    cov = steady_covariance(drift, diff, terms, method=method)
    return epr_variance(cov), cov


def epr_variance_thermal_closed_form(mu, nu, kappa=1.0, loss=0.0, gain=0.0):
    """Closed form with thermal noise: S = (gamma S_n + kappa (mu - nu)^2) / (gamma + kappa).

    gamma = loss - gain > 0 is the noise relaxation rate of the second moments and
    S_n = (loss + gain)/(loss - gain) the noise-only steady value; this is the structure of
    Eq. (15) with kappa <-> d Gamma P_2, gamma <-> Gamma~, S_n <-> 1/P_2. For loss = gain = 0
    it is (mu - nu)^2.

    Parameters
    ----------
    mu, nu : array_like
        Squeezing parameters (dimensionless).
    kappa, loss, gain : array_like, optional
        Rates in one common unit (defaults 1, 0, 0). All parameters broadcast together.

    Returns
    -------
    ndarray
        S (dimensionless) of the broadcast shape.
    """
    mu, nu, kappa, loss, gain = (np.asarray(v, dtype=float) for v in (mu, nu, kappa, loss, gain))
    gamma = loss - gain
    ideal = (mu - nu) ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        s_n = np.where(gamma > 0, (loss + gain) / np.where(gamma > 0, gamma, 1.0), 0.0)
    return (gamma * s_n + kappa * ideal) / (gamma + kappa)


def epr_variance_dephasing_closed_form(mu, nu, kappa=1.0, dephasing=0.0):
    """Closed form with number dephasing D[a^dag a], D[b^dag b] at rate gamma_phi each.

    n_a = n_b = nu^2 is unchanged and <ab> relaxes to -mu nu kappa / (kappa + gamma_phi), so
    S = 1 + 2 nu^2 - 2 mu nu kappa / (kappa + gamma_phi): dephasing only erodes the
    inter-mode correlation, unlike the Eq. (15) structure.

    Parameters
    ----------
    mu, nu : array_like
        Squeezing parameters (dimensionless).
    kappa : array_like, optional
        Rate of Eq. (2) (default 1, the rate unit).
    dephasing : array_like, optional
        gamma_phi, same unit (default 0). All parameters broadcast together.

    Returns
    -------
    ndarray
        S (dimensionless) of the broadcast shape.
    """
    mu, nu, kappa, g = (np.asarray(v, dtype=float) for v in (mu, nu, kappa, dephasing))
    return 1.0 + 2.0 * nu**2 - 2.0 * mu * nu * kappa / (kappa + g)
