"""Time evolution of the two-level model: App. C.1 moment equations and Eq. (14).

Consistent forms (docs/physics.md#open-readings): the J_x decay rate is
(Gamma_cool + Gamma_heat), as in App. C.1 and as P_2,inf of Eq. (15) requires (Sec. III.4
prints 1/2 of it), and the source of Sigma_J is N (Gamma~ + d P^2 (|mu| - |nu|)^2), as in
App. C.1 (Sec. III.4 prints only N d P^2 (|mu| - |nu|)^2). The start is a coherent spin
state along +x: P_2(0) = 1 and Sigma_J(0) = N, so xi(0) = 1.
"""

from __future__ import annotations

import numpy as np
from scipy.integrate import solve_ivp

from .rates import TwoLevelRates


def polarization_of_time(t, rates: TwoLevelRates, p0=1.0):
    """P_2(t) from d<J_x>/dt = -(Gamma_cool + Gamma_heat) <J_x> + N/2 (Gamma_cool - Gamma_heat).

    Exact solution of the linear App. C.1 equation with P_2 = 2 <J_x>/N and P_2(0) = p0.

    Parameters
    ----------
    t : array_like
        Times in 1/Gamma; broadcast with the rate arrays.
    rates : TwoLevelRates
        Single-particle rates in units of Gamma (:func:`~.rates.two_level_rates`).
    p0 : array_like, optional
        Initial polarization P_2(0) (dimensionless, default 1: coherent spin state).

    Returns
    -------
    ndarray
        P_2(t) (dimensionless), shape broadcast(t, rates).
    """
    t = np.asarray(t, dtype=float)
    p_inf = rates.polarization_steady
    return p_inf + (p0 - p_inf) * np.exp(-(rates.cool + rates.heat) * t)


def xi_closed_form(t, rates: TwoLevelRates, optical_depth):
    """xi(t) of Eq. (14): adiabatic following of P_2(t), from a coherent spin state.

    xi(t) = e^{-G t}/P_2 + (1/P_2)(Gamma~ + d P_2^2 (|mu|-|nu|)^2)/G (1 - e^{-G t}),
    G = Gamma~ + d P_2(t), with P_2(t) from :func:`polarization_of_time` (the paper writes
    P_2(t) inside the exponent, not its time integral; this is that printed form).

    Parameters
    ----------
    t : array_like
        Times in 1/Gamma; broadcast with the rate arrays and ``optical_depth``.
    rates : TwoLevelRates
        Single-particle rates in units of Gamma (Gamma~ = ``rates.total``).
    optical_depth : array_like
        Resonant optical depth d of one ensemble (dimensionless).

    Returns
    -------
    ndarray
        xi(t) (dimensionless), shape broadcast(t, rates, optical_depth); xi(0) = 1.
    """
    t = np.asarray(t, dtype=float)
    p = polarization_of_time(t, rates)
    d = np.asarray(optical_depth, dtype=float)
    ideal = (np.abs(rates.mu) - np.abs(rates.nu)) ** 2
    g = rates.total + d * p
    decay = np.exp(-g * t)
    return decay / p + (rates.total + d * p**2 * ideal) / g * (1.0 - decay) / p


def _moment_rhs(rates, optical_depth):
    cool, heat, total = rates.cool.ravel(), rates.heat.ravel(), rates.total.ravel()
    d = np.broadcast_to(optical_depth, rates.cool.shape).ravel()
    ideal = ((np.abs(rates.mu) - np.abs(rates.nu)) ** 2).ravel()
    n = cool.size

    def rhs(_t, y):
        p, s = y[:n], y[n:]
        dp = -(cool + heat) * p + (cool - heat)
        ds = -(total + d * p) * s + (total + d * p**2 * ideal)
        return np.concatenate([dp, ds])

    return rhs, n


def xi_moment_equations(
    t, rates: TwoLevelRates, optical_depth, *, method="DOP853", rtol=1e-10, atol=1e-12
):
    """xi(t) = Sigma_J / (N P_2) from numerically integrated App. C.1 moment equations.

    Integrates dP_2/dt = -(Gamma_cool + Gamma_heat) P_2 + (Gamma_cool - Gamma_heat) and
    d(Sigma_J/N)/dt = -(Gamma~ + d P_2) Sigma_J/N + Gamma~ + d P_2^2 (|mu| - |nu|)^2 with
    scipy ``solve_ivp`` (all parameter points in one system, no per-point loop),
    from P_2(0) = 1, Sigma_J(0)/N = 1 (coherent spin state).

    Parameters
    ----------
    t : array_like, shape (n_t,)
        Times in 1/Gamma, non-decreasing, t[0] >= 0.
    rates : TwoLevelRates
        Single-particle rates in units of Gamma, arrays of any shape S.
    optical_depth : array_like
        Resonant optical depth d (dimensionless), broadcastable to S.
    method, rtol, atol : optional
        Passed to ``scipy.integrate.solve_ivp`` (default DOP853, 1e-10, 1e-12).

    Returns
    -------
    xi, polarization : ndarray
        xi(t) and P_2(t) (dimensionless), each of shape (n_t,) + S.

    Raises
    ------
    RuntimeError
        If the integrator fails.
    """
    t = np.asarray(t, dtype=float)
    rhs, n = _moment_rhs(rates, optical_depth)
    y0 = np.ones(2 * n)
    sol = solve_ivp(rhs, (0.0, float(t[-1])), y0, t_eval=t, method=method, rtol=rtol, atol=atol)
    if not sol.success:
        raise RuntimeError(f"moment equations failed: {sol.message}")
    shape = (t.size, *rates.cool.shape)
    p = sol.y[:n].T.reshape(shape)
    s = sol.y[n:].T.reshape(shape)
    return s / p, p
