"""Experimentally measurable entanglement xi_exp of the three-level model (Sec. IV.2, App. D).

Notation (Sec. IV.2): populations are fractions of the atom number N of one ensemble,
N_2 = N_up + N_down, P_2 = (N_up - N_down) / N_2, d(t) = d N_2(t) / N, and

    Gamma-bar = Gamma_up,down + Gamma_down,up + Gamma_up,h + Gamma_down,h
                + Gamma_up,up + Gamma_down,down + Gamma_d^add                (Sec. IV.2)

(the repump rates Gamma_h,up, Gamma_h,down do not enter, App. D; App. E prints the last
term as "+ r", read as the non-radiative dephasing Gamma_d^add of Sec. IV.2). The rates
are the total single-particle rates (probe + pump + repump, see ``model.combine_rates``),
in units of Gamma; times are in 1/Gamma. Only (mu - nu)^2 = 1/Z^2 enters (mu, nu > 0,
Sec. IV.1), so the squeezing parameter Z is an input.

Measured quantities of the spin of the upper ground manifold F = F_up = I + 1/2 (F = 4
for Cs; every function takes F from the species, no default), Eqs. (17)–(19):
2 <J_x>_exp = N_2 (P_2 + 2F - 1), Sigma_J,exp = 2F Sigma_J,2 + 2(2F - 1) N_down,
xi_exp = Sigma_J,exp / (2 |<J_x>_exp|). Initially all atoms are in |up> (App. E), a
coherent spin state with Sigma_J,2(0) = N_2(0) = N, so xi_exp(0) = 1.

Four ways to xi_exp, all vectorised over the parameter grid:

- :func:`xi_exp_long_time`: Eq. (30) at given populations;
- :func:`xi_exp_steady_state`: Eq. (30) at the steady state of Eq. (26);
- :func:`xi_exp_closed_form`: Eq. (28) as printed (P_2(t), d(t) inside the exponent)
  with Eqs. (17)–(19), populations from the exact solution of Eq. (26);
- :func:`xi_exp_moment_equations`: the moment equations of App. D, Eqs. (42) and (43),
  integrated with ``scipy.integrate.solve_ivp``, all grid points in one system.
"""

from __future__ import annotations

import numpy as np
from scipy.integrate import solve_ivp
from scipy.sparse import diags_array

from .model import ThreeLevelRates
from .rate_equations import HhEntry, Propagator, broadcast_rates, steady_state

#: Integrator of the App. D moment equations: implicit (the fast rate Gbar + d P_2 makes
#: the problem stiff over the slow loss times), tolerances on u = Sigma_J,2 / N_2 ~ 1.
ODE_SETTINGS = {"method": "BDF", "rtol": 1e-10, "atol": 1e-12}


def gamma_bar(rates: ThreeLevelRates, gamma_d_add=0.0) -> np.ndarray:
    """Gamma-bar of Sec. IV.2, defined below Eq. (28); repump rates excluded (App. D).

    Gamma-bar = G_ud + G_du + G_uh + G_dh + G_uu + G_dd + Gamma_d^add.

    Parameters
    ----------
    rates : ThreeLevelRates
        Total single-particle rates in units of Gamma, fields broadcast to a shape R.
    gamma_d_add : array_like, optional
        Non-radiative dephasing Gamma_d^add in units of Gamma (default 0).

    Returns
    -------
    ndarray
        Gamma-bar in units of Gamma, shape broadcast(R, gamma_d_add).
    """
    r = broadcast_rates(rates)
    return (
        r.up_down
        + r.down_up
        + r.up_h
        + r.down_h
        + r.up_up
        + r.down_down
        + np.asarray(gamma_d_add, dtype=float)
    )


def two_level_quantities(populations) -> tuple[np.ndarray, np.ndarray]:
    """(N_2 / N, P_2) of the subsystem {|up>, |down>} (Sec. IV.2) from populations (..., 3).

    Parameters
    ----------
    populations : array_like, shape (..., 3)
        (N_up, N_down, N_h) / N.

    Returns
    -------
    n2, p2 : ndarray, shape (...)
        N_2 / N and P_2 (dimensionless); P_2 is NaN where N_2 = 0.
    """
    n = np.asarray(populations, dtype=float)
    n2 = n[..., 0] + n[..., 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        p2 = (n[..., 0] - n[..., 1]) / n2
    return n2, p2


def _ideal(z) -> np.ndarray:
    """(mu - nu)^2 = 1/Z^2 (Sec. IV.1, Z = (mu - nu)^-1)."""
    z = np.asarray(z, dtype=float)
    if np.any(z < 1.0):
        raise ValueError(f"Z must be >= 1, got min {np.min(z)!r}")
    return 1.0 / (z * z)


def xi_exp_from_sigma(sigma2, populations, *, F: int) -> np.ndarray:
    """xi_exp = Sigma_J,exp / (2 |<J_x>_exp|) from Sigma_J,2 / N and populations, Eqs. (17)–(19).

    Eq. (19): Sigma_J,exp = 2F Sigma_J,2 + 2(2F - 1) N_down, and
    Eq. (17): 2 J_x,exp = 2 J_x,2 + (2F - 1) N_2 = N_2 (P_2 + 2F - 1).

    Parameters
    ----------
    sigma2 : array_like
        Sigma_J,2 / N of Eq. (28), dimensionless.
    populations : array_like, shape (..., 3)
        (N_up, N_down, N_h) / N, broadcast with sigma2.
    F : int
        Total angular momentum F_up of the encoding manifold (4 for Cs, Sec. IV.1).

    Returns
    -------
    ndarray
        xi_exp (dimensionless), shape broadcast(sigma2, populations[..., 0]); NaN where
        N_2 = 0.
    """
    n = np.asarray(populations, dtype=float)
    n2, p2 = two_level_quantities(n)
    sigma_exp = 2.0 * F * np.asarray(sigma2, dtype=float) + 2.0 * (2.0 * F - 1.0) * n[..., 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        return sigma_exp / np.abs(n2 * (p2 + 2.0 * F - 1.0))


def xi_exp_long_time(populations, gamma_bar, optical_depth, z, *, F: int) -> np.ndarray:
    """Long-time xi_exp^lt of Eq. (30) at given populations.

    xi_exp^lt = (Gbar + d(t) P_2^2 (mu - nu)^2) / (Gbar + d(t) P_2) * 2F / (P_2 + 2F - 1)
              + N_down / N_2 * 2(2F - 1) / (P_2 + 2F - 1),   d(t) = d N_2 / N

    Parameters
    ----------
    populations : array_like, shape (..., 3)
        (N_up, N_down, N_h) / N.
    gamma_bar : array_like
        Gamma-bar in units of Gamma (:func:`gamma_bar`).
    optical_depth : array_like
        Resonant optical depth d of one ensemble (dimensionless, Sec. III.3).
    z : array_like
        Z = (mu - nu)^-1 >= 1 (dimensionless).
    F : int
        F_up of the species (Eqs. (17)–(19)).

    Returns
    -------
    ndarray
        xi_exp^lt (dimensionless) broadcast over the inputs; NaN where N_2 = 0.

    Raises
    ------
    ValueError
        If any Z < 1.
    """
    n = np.asarray(populations, dtype=float)
    n2, p2 = two_level_quantities(n)
    gb = np.asarray(gamma_bar, dtype=float)
    dt = np.asarray(optical_depth, dtype=float) * n2
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (gb + dt * p2**2 * _ideal(z)) / (gb + dt * p2)
        denom = p2 + 2.0 * F - 1.0
        return ratio * 2.0 * F / denom + n[..., 1] / n2 * 2.0 * (2.0 * F - 1.0) / denom


def xi_exp_steady_state(
    rates: ThreeLevelRates,
    optical_depth,
    z,
    gamma_d_add=0.0,
    *,
    F: int,
    hh_entry: HhEntry = "conserving",
) -> np.ndarray:
    """Steady-state xi_exp,inf: Eq. (30) at the steady populations of Eq. (26) (Fig. 7).

    Parameters
    ----------
    rates : ThreeLevelRates
        Total rates (probe + pump + repump) in units of Gamma.
    optical_depth : array_like
        Optical depth d (dimensionless), broadcast with the rate grid.
    z : array_like
        Z = (mu - nu)^-1 >= 1 (dimensionless), broadcast with the rate grid.
    gamma_d_add : array_like, optional
        Gamma_d^add in units of Gamma (default 0), broadcast with the rate grid.
    F : int
        F_up of the species (Eqs. (17)–(19)).
    hh_entry : {"conserving", "printed"}, optional
        See ``rate_equations.rate_matrix``.

    Returns
    -------
    ndarray
        xi_exp,inf (dimensionless) of the broadcast shape; NaN where N_2,inf = 0 (no
        repump: all atoms end in |h>, App. E).
    """
    n_inf = steady_state(rates, hh_entry=hh_entry)
    return xi_exp_long_time(n_inf, gamma_bar(rates, gamma_d_add), optical_depth, z, F=F)


def sigma2_closed_form(t, populations, gamma_bar, optical_depth, z) -> np.ndarray:
    """Sigma_J,2(t) / N of Eq. (28), as printed, from a coherent spin state with N_2(0) = N.

    Sigma_J,2 = N_2(0) e^{-G(t) t} + N_2(t) (Gbar + d(t) P_2(t)^2 (mu - nu)^2) / G(t)
                * (1 - e^{-G(t) t}),   G(t) = Gbar + d(t) P_2(t),   d(t) = d N_2(t)/N

    (P_2(t) and d(t) inside the exponent, not their time integrals: adiabatic following,
    Sec. IV.2).

    Parameters
    ----------
    t : array_like
        Times in 1/Gamma; broadcasts against ``populations[..., 0]``.
    populations : array_like, shape (..., 3)
        (N_up, N_down, N_h)(t) / N.
    gamma_bar : array_like
        Gamma-bar in units of Gamma.
    optical_depth : array_like
        Optical depth d (dimensionless).
    z : array_like
        Z = (mu - nu)^-1 >= 1 (dimensionless).

    Returns
    -------
    ndarray
        Sigma_J,2 / N (dimensionless) of the broadcast shape.
    """
    t = np.asarray(t, dtype=float)
    n2, p2 = two_level_quantities(populations)
    gb = np.asarray(gamma_bar, dtype=float)
    dt = np.asarray(optical_depth, dtype=float) * n2
    g = gb + dt * p2
    decay = np.exp(-g * t)
    with np.errstate(divide="ignore", invalid="ignore"):
        return decay + n2 * (gb + dt * p2**2 * _ideal(z)) / g * (1.0 - decay)


def _time_populations(prop: Propagator, t: np.ndarray, shape) -> np.ndarray:
    """prop(t) of shape (len(t),) + R + (3,) broadcast to (len(t),) + S + (3,)."""
    n_t = prop(t)
    pad = len(shape) - len(prop.shape)
    n_t = n_t.reshape((t.size,) + (1,) * pad + n_t.shape[1:])
    return np.broadcast_to(n_t, (t.size, *shape, 3))


def _grid_time(t) -> np.ndarray:
    t = np.asarray(t, dtype=float)
    if t.ndim != 1 or np.any(t < 0.0) or np.any(np.diff(t) < 0.0):
        raise ValueError("t must be a 1-D non-decreasing array of times >= 0 (units 1/Gamma)")
    return t


def xi_exp_closed_form(
    t,
    rates: ThreeLevelRates,
    optical_depth,
    z,
    gamma_d_add=0.0,
    *,
    hh_entry: HhEntry = "conserving",
    propagator=None,
    F: int,
) -> tuple[np.ndarray, np.ndarray]:
    """xi_exp(t) from Eq. (28) (as printed) and Eqs. (17)–(19), all atoms in |up> at t = 0.

    Parameters
    ----------
    t : array_like, shape (n_t,)
        Times in 1/Gamma, non-decreasing, >= 0.
    rates : ThreeLevelRates
        Total rates in units of Gamma, fields broadcast to R.
    optical_depth, z, gamma_d_add : array_like
        d and Z (dimensionless) and Gamma_d^add (units of Gamma, default 0), broadcast with
        R to the grid shape S.
    hh_entry : {"conserving", "printed"}, optional
        See ``rate_equations.rate_matrix``.
    propagator : callable, optional
        The populations (N_up, N_down, N_h)(t) / N, with the interface of
        :class:`.rate_equations.Propagator` (default: that of Eq. (26) for ``rates``;
        :class:`.manifold.ManifoldPropagator` for the lower-manifold model).
    F : int
        Total angular momentum F_up = I + 1/2 of the encoding manifold in
        Eqs. (17)–(19) (4 for Cs).

    Returns
    -------
    xi_exp : ndarray, shape (n_t,) + S
        Dimensionless; xi_exp(0) = 1.
    populations : ndarray, shape (n_t,) + S + (3,)
        (N_up, N_down, N_h)(t) / N, the exact solution of Eq. (26).

    Raises
    ------
    ValueError
        If ``t`` is not 1-D, non-decreasing and >= 0.
    """
    t = _grid_time(t)
    gb = gamma_bar(rates, gamma_d_add)
    shape = np.broadcast_shapes(gb.shape, np.shape(optical_depth), np.shape(z))
    prop = Propagator(rates, hh_entry=hh_entry) if propagator is None else propagator
    n_t = _time_populations(prop, t, shape)
    tt = t.reshape((t.size,) + (1,) * len(shape))
    sigma2 = sigma2_closed_form(tt, n_t, gb, optical_depth, z)
    return xi_exp_from_sigma(sigma2, n_t, F=F), n_t


def xi_exp_moment_equations(
    t,
    rates: ThreeLevelRates,
    optical_depth,
    z,
    gamma_d_add=0.0,
    *,
    hh_entry: HhEntry = "conserving",
    full_output: bool = False,
    propagator=None,
    F: int,
) -> tuple:
    """xi_exp(t) from the moment equations of App. D, Eqs. (42) and (43), integrated numerically.

    Summing Eqs. (42) and (43) and multiplying by 2 (Sigma_J,2 = 2(<J_y,+^2> + <J_z,-^2>)):

        d Sigma_J,2/dt = -(Gbar + d(t) P_2(t)) Sigma_J,2
                         + N_2(t) (Gbar + d(t) P_2(t)^2 (mu - nu)^2),

    with N_2(t), P_2(t) from the exact solution of Eq. (26) (no adiabatic approximation),
    Sigma_J,2(0) = N (coherent spin state, all atoms in |up>), then Eqs. (17)–(19).

    Integrated variable: u = Sigma_J,2 / N_2, the same equation after an exact change of
    variables, du/dt = -(Gbar + d(t) P_2 + N_2'/N_2) u + Gbar + d(t) P_2^2 (mu - nu)^2
    with N_2' = (M N)_up + (M N)_down from Eq. (26). u stays of order one while N_2 decays
    (no repump: N_2 -> 0), so the relative tolerance bounds the relative error of xi_exp at
    all times. Integrator: ``ODE_SETTINGS`` (BDF, rtol 1e-10, atol 1e-12 on u ~ 1).
    All grid points form one system for ``scipy.integrate.solve_ivp`` (no per-point loop);
    the Jacobian is diagonal and is passed as a sparse matrix to the implicit methods (the
    fast rate Gbar + d P_2 ~ 10-100 Gamma makes the problem stiff over the slow loss times).

    Parameters
    ----------
    t : array_like, shape (n_t,)
        Times in 1/Gamma, non-decreasing, >= 0.
    rates, optical_depth, z, gamma_d_add, hh_entry
        As in :func:`xi_exp_closed_form`.
    full_output : bool, optional
        If True, also return the ``solve_ivp`` result (step count, statistics).
    propagator : callable, optional
        As in :func:`xi_exp_closed_form`; it must also give ``derivative(t)``.
    F : int
        As in :func:`xi_exp_closed_form`.

    Returns
    -------
    xi_exp : ndarray, shape (n_t,) + S
        Dimensionless.
    sigma2 : ndarray, shape (n_t,) + S
        Sigma_J,2 / N (dimensionless).
    populations : ndarray, shape (n_t,) + S + (3,)
        (N_up, N_down, N_h)(t) / N.
    sol : scipy.integrate.OdeResult
        Only with ``full_output``.

    Raises
    ------
    RuntimeError
        If the integrator fails.
    """
    t = _grid_time(t)
    gb = gamma_bar(rates, gamma_d_add)
    shape = np.broadcast_shapes(gb.shape, np.shape(optical_depth), np.shape(z))
    size = int(np.prod(shape, dtype=int))
    prop = Propagator(rates, hh_entry=hh_entry) if propagator is None else propagator
    gbar = np.broadcast_to(gb, shape).ravel()
    depth = np.broadcast_to(np.asarray(optical_depth, dtype=float), shape).ravel()
    ideal = np.broadcast_to(_ideal(z), shape).ravel()

    def coefficients(time):
        """(decay rate, source) of du/dt = -decay u + source at one time, flat arrays."""
        n = prop(time)
        dn = prop.derivative(time)
        n = np.broadcast_to(n, (*shape, 3)).reshape(size, 3)
        dn = np.broadcast_to(dn, (*shape, 3)).reshape(size, 3)
        n2 = n[:, 0] + n[:, 1]
        p2 = (n[:, 0] - n[:, 1]) / n2
        dt = depth * n2
        decay = gbar + dt * p2 + (dn[:, 0] + dn[:, 1]) / n2
        return decay, gbar + dt * p2 * p2 * ideal

    def rhs(time, u):
        decay, source = coefficients(time)
        return source - decay * u

    def jac(time, _u):
        return diags_array(-coefficients(time)[0])

    y0 = np.ones(size)  # Sigma_J,2(0) = N_2(0) (coherent spin state): u(0) = 1
    sol = solve_ivp(rhs, (0.0, float(t[-1])), y0, t_eval=t, jac=jac, **ODE_SETTINGS)
    if not sol.success:
        raise RuntimeError(f"moment equations (App. D, Eqs. (42)–(43)) failed: {sol.message}")
    n_t = _time_populations(prop, t, shape)
    sigma2 = sol.y.T.reshape((t.size, *shape)) * (n_t[..., 0] + n_t[..., 1])
    xi = xi_exp_from_sigma(sigma2, n_t, F=F)
    return (xi, sigma2, n_t, sol) if full_output else (xi, sigma2, n_t)
