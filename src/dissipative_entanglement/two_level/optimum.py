"""xi_inf^opt: Eq. (15) minimised over the squeezing parameter Z (Fig. 4, claims C1-C3).

The minimiser works on whole arrays at once: a coarse scan of ln Z over [0, ln z_max],
a golden-section search inside the bracket around the best scan point (all points
advancing together) down to a bracket of 1e-3 in ln Z, then safeguarded Newton steps on
central differences (step 1e-4, kept inside the bracket) until every step is below
``xtol``. Newton converges quadratically from the 1e-3 bracket, so the returned Z_opt
satisfies |ln Z_opt - ln Z*| <= xtol (1e-8 by default, a relative error in Z), down to
the floor set by floating point:
near the minimum xi changes by ~ xi'' h^2 / 2 for a step h in ln Z, so steps below
~ sqrt(eps) ~ 1.5e-8 cannot be resolved and smaller xtol buys nothing. Because xi is
stationary at Z*, the error in xi_opt is of second order, at the level of rounding.
A minimum on the edge of [1, z_max] is returned exactly at the edge and flagged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .steady_state import xi_steady_state

_INV_PHI = (np.sqrt(5.0) - 1.0) / 2.0
_BLOCK = 1 << 12
_NEWTON_FROM = 1e-3  # golden-section bracket width at which Newton takes over
_NEWTON_STEP = 1e-4  # finite-difference step in ln Z
_NEWTON_MAX = 4


@dataclass(frozen=True)
class OptimizerOptions:
    """Options of :func:`xi_optimal` (config key ``two_level.optimizer``).

    Attributes
    ----------
    z_max : float
        Upper end of the Z search interval [1, z_max] (default 50).
    n_scan : int
        Number of log-spaced coarse scan points (>= 3, default 16).
    xtol : float
        Tolerance on ln Z, i.e. relative tolerance on Z (default 1e-8).
    """

    z_max: float = 50.0
    n_scan: int = 16
    xtol: float = 1e-8


@dataclass(frozen=True)
class OptimumResult:
    """Result arrays of :func:`xi_optimal`, each broadcast over the inputs.

    Attributes
    ----------
    xi_opt : ndarray
        Minimal xi_inf (dimensionless).
    z_opt : ndarray
        Minimising Z (dimensionless).
    at_boundary : ndarray of bool
        True where the minimum sits at Z = 1 or Z = z_max.
    """

    xi_opt: np.ndarray
    z_opt: np.ndarray
    at_boundary: np.ndarray


def xi_optimal(
    optical_depth, gamma_d_add=0.0, pump_x=0.0, options: OptimizerOptions = OptimizerOptions()
) -> OptimumResult:
    """Minimum over Z in [1, z_max] of xi_inf, Eq. (15), for whole arrays of (d, Gamma_d^add, x).

    Parameters
    ----------
    optical_depth : array_like
        Resonant optical depth d of one ensemble (dimensionless).
    gamma_d_add : array_like, optional
        Non-radiative dephasing Gamma_d^add in units of Gamma (default 0).
    pump_x : array_like, optional
        Pump parameter x (dimensionless, default 0: probe only). The three inputs broadcast
        together.
    options : OptimizerOptions, optional
        Search interval and tolerance.

    Returns
    -------
    OptimumResult
        ``xi_opt``, ``z_opt`` and ``at_boundary`` (True where the minimum sits at Z = 1 or
        Z = z_max, i.e. the interval, not the physics, fixed it), each of the broadcast
        shape of the inputs.

    Raises
    ------
    ValueError
        If ``options.n_scan < 3``.
    """
    if options.n_scan < 3:
        raise ValueError("n_scan must be >= 3")
    d, g, x = (
        a.ravel()
        for a in np.broadcast_arrays(
            np.asarray(optical_depth, dtype=float),
            np.asarray(gamma_d_add, dtype=float),
            np.asarray(pump_x, dtype=float),
        )
    )
    shape = np.broadcast_shapes(np.shape(optical_depth), np.shape(gamma_d_add), np.shape(pump_x))
    u_opt = np.empty(d.size)
    xi_opt = np.empty(d.size)
    at_boundary = np.empty(d.size, dtype=bool)
    # blocks keep the ~10 work arrays in cache; the loop is over blocks, not points
    for start in range(0, d.size, _BLOCK):
        sl = slice(start, start + _BLOCK)
        u_opt[sl], xi_opt[sl], at_boundary[sl] = _minimize_block(d[sl], g[sl], x[sl], options)
    return OptimumResult(
        xi_opt=xi_opt.reshape(shape),
        z_opt=np.exp(u_opt).reshape(shape),
        at_boundary=at_boundary.reshape(shape),
    )


def _minimize_block(d, g, x, options):
    """Scan + golden-section search on one block: (ln Z_opt, xi_opt, at_boundary)."""

    def f(u):
        return xi_steady_state(np.exp(u), d, g, x)

    grid = np.linspace(0.0, float(np.log(options.z_max)), options.n_scan)
    scan = f(grid[:, None])  # (n_scan, block): one broadcast evaluation
    best_i = np.argmin(scan, axis=0)

    lo = grid[np.clip(best_i - 1, 0, options.n_scan - 1)]
    hi = grid[np.clip(best_i + 1, 0, options.n_scan - 1)]
    c = hi - _INV_PHI * (hi - lo)
    e = lo + _INV_PHI * (hi - lo)
    fc, fe = f(c), f(e)
    width = 2.0 * (grid[1] - grid[0])
    target = max(options.xtol, _NEWTON_FROM)
    n_iter = max(int(np.ceil(np.log(target / width) / np.log(_INV_PHI))), 0)
    for _ in range(n_iter):
        left = fc <= fe  # minimum in [lo, e]: drop (e, hi]; else drop [lo, c) (ties: left)
        lo = np.where(left, lo, c)
        hi = np.where(left, e, hi)
        c, e = (
            np.where(left, hi - _INV_PHI * (hi - lo), e),
            np.where(left, c, lo + _INV_PHI * (hi - lo)),
        )
        value = f(np.where(left, c, e))  # one new evaluation per point and step
        fc, fe = np.where(left, value, fe), np.where(left, fc, value)

    # Newton on central differences, kept inside the bracket: quadratic convergence takes
    # the 1e-3 bracket to the rounding floor in two or three steps
    u = 0.5 * (lo + hi)
    h = _NEWTON_STEP
    for _ in range(_NEWTON_MAX):
        f_minus, f_0, f_plus = f(u - h), f(u), f(u + h)
        slope = (f_plus - f_minus) / (2 * h)
        curvature = (f_plus - 2 * f_0 + f_minus) / (h * h)
        ok = curvature > 0
        step = np.where(ok, -slope / np.where(ok, curvature, 1.0), 0.0)
        u = np.clip(u + step, lo, hi)
        if np.all(np.abs(step) <= options.xtol):
            break
    # the minimum is on an edge of [0, ln z_max] when the bracket still touches it and f
    # rises (falls) from that edge into the interval
    at_lower = (lo == grid[0]) & (f(grid[0] + h) >= f(np.full(d.shape, grid[0])))
    at_upper = (hi == grid[-1]) & (f(grid[-1] - h) >= f(np.full(d.shape, grid[-1])))
    u_opt = np.where(at_lower, grid[0], np.where(at_upper, grid[-1], u))
    return u_opt, f(u_opt), at_lower | at_upper
