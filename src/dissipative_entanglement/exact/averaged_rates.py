"""Gaussian-averaged collective decay rates of App. B.2 (claim C12), by numerical quadrature.

Rates in units of Gamma; k_l_L = k_L L (L: Gaussian width, P(r) ~ exp(-r^2/L^2) per atom, so
the pair distance r_- = r - r' has the Gaussian weight exp(-r_-^2 / 2L^2) / ((2 pi)^3/2 L^3)).
Dipole p = x, probe k_L = k_L z (App. B.2). What is integrated (derived in docs/exact_checks.md):

Single ensemble, Eq. (37) with the Lehmberg kernels of Sec. III.2 and the angular integral done
analytically (j_n: spherical Bessel functions, a = k_L r_-, t = r_-/L):
    Gamma_ij = 3/sqrt(2 pi) int_0^inf t^2 e^{-t^2/2} K_gamma(k_L L t) dt,
    K_gamma = K_A + K_B,  K_A = j0 (j0 - j1/a) = j0 (2 j0 - j2)/3,  K_B = j1 j2 / a,
which is the paper's Gamma_ij,A (first bracket) and Gamma_ij,B (second bracket); and
    G_ij = 3/sqrt(2 pi) int_0^inf t^2 e^{-t^2/2} K_g(k_L L t) dt,
    K_g = y0 (2 j0 - j2)/3 + y1 j2 / a     (paper's G_ij,A + G_ij,B).
Independent exact form: writing gamma(r) = (3 Gamma / 8 pi) int dOmega_k (1 - (p.k)^2)
exp(i k_L k.r) (the Lehmberg kernel as an angular integral of plane waves), the Gaussian average
is a Gaussian in the momentum mismatch k_L (z + k), and
    Gamma_ij = (3/8) int_0^2 (v^2 - 2 v + 2) e^{-s v} dv
             = (3/4) [1/s - 1/s^2 + 1/s^3 - e^{-2s} (1/s + 1/s^2 + 1/s^3)],  s = (k_L L)^2,
so (3/4)/(k_L L)^2 has relative error 1/(k_L L)^2 + O((k_L L)^-4).
(The paper's leading term (3/4)(1 - e^{-2 k_L L})/(k_L L)^2 has a misprinted exponent: the
integral gives e^{-2 (k_L L)^2}.)

Inter-ensemble (second ensemble centred at R = R z, along the probe, as the paper's App. B.2
calculation assumes): the same with e^{-(r_- + R)^2/2L^2}; the angular integral gives complex
arguments a_c = k_L r_- + i r_- R / L^2:
    Gamma^{I,II} = 3/sqrt(2 pi) int t^2 e^{-(t^2 + rho^2)/2}
                   [j0(a)(j0(a_c) - j1(a_c)/a_c) + (j1(a)/a) j2(a_c)] dt,  rho = R/L,
and in k-space (3/8) int_0^2 (v^2 - 2v + 2) e^{-(s + i k_L R) v} dv. Without the dipole factor
(as the paper does) the bracket (v^2 - 2v + 2) becomes 2 and the result is the paper's
(3/4)(1 - e^{-2 s - 2 i k_L R}) / (s + i k_L R). The real part is the rate; it equals the
single-ensemble rate up to a relative 1/(1 + (R / (k_L L^2))^2) - 1, hence k_L >> R/L^2.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.integrate import quad_vec

__all__ = [
    "averaged_rate_table",
    "fit_power_law",
    "inter_ensemble_rate",
    "inter_ensemble_table",
    "pair_lamb_shift",
    "pair_rate",
    "pair_rate_closed_form",
    "pair_rate_exact",
]

_PREF = 3.0 / np.sqrt(2.0 * np.pi)


def _sph_j(n: int, z):
    """Spherical Bessel j_n(z), n = 0, 1, 2, for real or complex z (series for |z| < 1)."""
    z = np.asarray(z)
    small = np.abs(z) < 1.0
    zs = np.where(small, z, 0.5)
    # series z^n sum_k (-z^2/2)^k / (k! (2n + 2k + 1)!!), 10 terms: error < 1e-20 for |z| < 1
    ser = np.zeros_like(zs, dtype=np.result_type(zs, float))
    term = zs**n / np.prod(np.arange(1, 2 * n + 2, 2), dtype=float)
    for k in range(10):
        ser = ser + term
        term = term * (-(zs**2) / 2) / ((k + 1) * (2 * n + 2 * k + 3))
    zl = np.where(small, 1.0, z)
    s, c = np.sin(zl), np.cos(zl)
    if n == 0:
        big = s / zl
    elif n == 1:
        big = s / zl**2 - c / zl
    else:
        big = (3 / zl**2 - 1) * s / zl - 3 * c / zl**2
    return np.where(small, ser, big)


def _sph_y(n: int, a):
    a = np.asarray(a, dtype=float)
    s, c = np.sin(a), np.cos(a)
    if n == 0:
        return -c / a
    return -c / a**2 - s / a


def _kernel_gamma(a, part="total"):
    a = np.maximum(a, 1e-300)
    j0, j1, j2 = _sph_j(0, a), _sph_j(1, a), _sph_j(2, a)
    ka = j0 * (2 * j0 - j2) / 3
    kb = j1 * j2 / a
    return {"A": ka, "B": kb, "total": ka + kb}[part]


def _kernel_g(a):
    a = np.maximum(a, 1e-12)
    j0, j2 = _sph_j(0, a), _sph_j(2, a)
    return _sph_y(0, a) * (2 * j0 - j2) / 3 + _sph_y(1, a) * j2 / a


def _radial(fun, kl, t_max, epsabs, epsrel, limit):
    kl = np.atleast_1d(np.asarray(kl, dtype=float))

    def integrand(t):
        return t * t * np.exp(-t * t / 2) * fun(kl * t)

    # break points every half oscillation period of the fastest component (2 k_L L)
    n_pts = int(min(2000, max(10, np.ceil(t_max * np.max(kl) * 2 / np.pi))))
    pts = np.linspace(0, t_max, n_pts + 1)[1:-1]
    val, err = quad_vec(
        integrand, 0.0, t_max, epsabs=epsabs, epsrel=epsrel, limit=limit, points=pts
    )
    return _PREF * val, _PREF * err


def pair_rate(kl, *, part="total", t_max=12.0, epsabs=1e-14, epsrel=1e-10, limit=20000):
    """Gaussian-averaged pair rate Gamma_ij / Gamma by radial quadrature (App. B.2, Eq. (37)).

    Parameters
    ----------
    kl : array_like
        k_L L > 0 (dimensionless), any shape.
    part : {"total", "A", "B"}, optional
        ``"total"`` (default), ``"A"`` (paper's Gamma_ij,A) or ``"B"`` (Gamma_ij,B).
    t_max : float, optional
        Upper limit of r_-/L (the weight e^{-t^2/2} is < 1e-31 beyond 12).
    epsabs, epsrel, limit : optional
        Passed to ``scipy.integrate.quad_vec`` (vectorised over kl).

    Returns
    -------
    rate, error_estimate : ndarray
        Gamma_ij in units of Gamma and the quadrature error bound, each of the shape of
        ``kl`` (at least 1-D).
    """
    return _radial(lambda a: _kernel_gamma(a, part), kl, t_max, epsabs, epsrel, limit)


def pair_lamb_shift(kl, *, t_max=12.0, epsabs=1e-14, epsrel=1e-10, limit=20000):
    """Imaginary part G_ij / Gamma of the averaged rate (collective Lamb shift, App. B.2).

    Same quadrature as :func:`pair_rate` with the kernel K_g.

    Parameters
    ----------
    kl : array_like
        k_L L > 0 (dimensionless).
    t_max, epsabs, epsrel, limit : optional
        As in :func:`pair_rate`.

    Returns
    -------
    value, error_estimate : ndarray
        G_ij in units of Gamma and the quadrature error bound, shape of ``kl`` (at least 1-D).
    """
    return _radial(_kernel_g, kl, t_max, epsabs, epsrel, limit)


def pair_rate_exact(kl):
    """Exact Gamma_ij / Gamma from the k-space form (closed form; series for s < 0.5).

    Parameters
    ----------
    kl : array_like
        k_L L (dimensionless); s = (k_L L)^2.

    Returns
    -------
    ndarray
        Gamma_ij in units of Gamma, shape of ``kl``.
    """
    s = np.asarray(kl, dtype=float) ** 2
    return np.real(_kspace_closed(s + 0j, dipole=True))


def _kspace_closed(sigma, dipole=True):
    sigma = np.asarray(sigma, dtype=complex)
    small = np.abs(sigma) < 0.5
    sg = np.where(small, 1.0, sigma)
    e = np.exp(-2 * sg)
    if dipole:
        big = 0.75 * (1 / sg - 1 / sg**2 + 1 / sg**3 - e * (1 / sg + 1 / sg**2 + 1 / sg**3))
        poly = np.array([2.0, -2.0, 1.0])  # v^2 - 2 v + 2 as coefficients of v^0, v^1, v^2
    else:
        big = 0.75 * (1 - e) / sg
        poly = np.array([2.0, 0.0, 0.0])
    # series: (3/8) sum_m (-sigma)^m / m! int_0^2 v^m poly(v) dv, 40 terms
    ss = np.where(small, sigma, 0.0)
    ser = np.zeros_like(ss)
    fact = 1.0
    for m in range(40):
        if m > 0:
            fact *= m
        mom = sum(poly[p] * 2.0 ** (m + p + 1) / (m + p + 1) for p in range(3))
        ser = ser + (-ss) ** m / fact * mom
    ser = 3.0 / 8.0 * ser
    return np.where(small, ser, big)


def pair_rate_closed_form(kl):
    """Paper's result Gamma_ij / Gamma = (3/4) / (k_L L)^2 (Sec. III.3, App. B.2).

    Parameters
    ----------
    kl : array_like
        k_L L > 0 (dimensionless).

    Returns
    -------
    ndarray
        Gamma_ij in units of Gamma, shape of ``kl``.
    """
    return 0.75 / np.asarray(kl, dtype=float) ** 2


def inter_ensemble_rate(
    kl,
    r_over_l,
    *,
    dipole=True,
    method="radial",
    t_extra=12.0,
    epsabs=1e-14,
    epsrel=1e-10,
    limit=20000,
):
    """Complex averaged inter-ensemble rate <J_ij>^{I,II} / Gamma (real part = Gamma^{I,II}).

    Parameters
    ----------
    kl : array_like
        k_L L (dimensionless).
    r_over_l : float
        R / L (ensemble separation along the probe, dimensionless); keep <= ~5.
    dipole : bool, optional
        Include the dipole-pattern factors (True, default) or drop them as the paper does.
    method : {"radial", "closed"}, optional
        ``"radial"`` (default): quadrature of the radial integral with complex Bessel
        arguments (``quad_vec``, vectorised over kl); ``"closed"``: k-space closed form.
    t_extra : float, optional
        Radial range beyond R: the quadrature runs to r_-/L = R/L + t_extra (default 12).
    epsabs, epsrel, limit : optional
        Passed to ``scipy.integrate.quad_vec`` (``"radial"`` only).

    Returns
    -------
    ndarray of complex
        Rate in units of Gamma (real part: Gamma^{I,II}; imaginary part: the Lamb-shift
        term), shape of ``kl`` (at least 1-D).

    Raises
    ------
    ValueError
        For an unknown ``method``.
    """
    kl = np.atleast_1d(np.asarray(kl, dtype=float))
    rho = float(r_over_l)
    if method == "closed":
        return _kspace_closed(kl**2 + 1j * kl * rho, dipole=dipole)
    if method != "radial":
        raise ValueError(f"unknown method {method!r}")
    t_max = rho + t_extra

    def integrand(t):
        a = np.maximum(kl * t, 1e-300)
        ac = a + 1j * rho * t
        ja0, ja1 = _sph_j(0, a), _sph_j(1, a)
        jc0, jc1, jc2 = _sph_j(0, ac), _sph_j(1, ac), _sph_j(2, ac)
        acs = np.where(np.abs(ac) < 1e-300, 1.0, ac)
        if dipole:
            bracket = ja0 * (jc0 - jc1 / acs) + (ja1 / a) * jc2
        else:
            bracket = ja0 * jc0  # gamma -> (3/2) sin(a)/a, angular integral 4 pi j0(a_c)
        return t * t * np.exp(-(t * t + rho * rho) / 2) * bracket

    n_pts = int(min(2000, max(10, np.ceil(t_max * np.max(kl) * 2 / np.pi))))
    pts = np.linspace(0, t_max, n_pts + 1)[1:-1]
    val, _ = quad_vec(integrand, 0.0, t_max, epsabs=epsabs, epsrel=epsrel, limit=limit, points=pts)
    return _PREF * val


def averaged_rate_table(kl_values) -> pd.DataFrame:
    """Single-ensemble check of C12 over k_L L: quadrature, exact k-space form, (3/4)/(kL)^2.

    Parameters
    ----------
    kl_values : array_like, 1-D
        Values of k_L L (dimensionless).

    Returns
    -------
    pandas.DataFrame
        One row per k_L L. Columns: k_l_L, pair_rate_quadrature, quadrature_error,
        pair_rate_part_A, pair_rate_part_B, pair_rate_exact, pair_rate_paper,
        rel_error_paper (= paper/exact - 1), rel_error_leading (= 1/(k_L L)^2, its leading
        asymptotic term), lamb_shift, lamb_shift_over_rate. Rates and shifts in units of
        Gamma, the rest dimensionless.
    """
    kl = np.asarray(kl_values, dtype=float)
    tot, err = pair_rate(kl)
    part_a, _ = pair_rate(kl, part="A")
    part_b, _ = pair_rate(kl, part="B")
    g, _ = pair_lamb_shift(kl)
    exact = pair_rate_exact(kl)
    paper = pair_rate_closed_form(kl)
    return pd.DataFrame(
        dict(
            k_l_L=kl,
            pair_rate_quadrature=tot,
            quadrature_error=err,
            pair_rate_part_A=part_a,
            pair_rate_part_B=part_b,
            pair_rate_exact=exact,
            pair_rate_paper=paper,
            rel_error_paper=paper / exact - 1.0,
            rel_error_leading=1.0 / kl**2,
            lamb_shift=g,
            lamb_shift_over_rate=g / tot,
        )
    )


def inter_ensemble_table(kl_values, r_over_l_values) -> pd.DataFrame:
    """Inter-ensemble check of C12: Gamma^{I,II} versus the single-ensemble rate.

    Parameters
    ----------
    kl_values : array_like, 1-D
        Values of k_L L (dimensionless).
    r_over_l_values : iterable of float
        Values of R / L (dimensionless).

    Returns
    -------
    pandas.DataFrame
        One row per (R/L, k_L L), R/L outermost. Columns: k_l_L, R_over_L,
        inter_rate_quadrature (real part, with dipole factor), inter_rate_imag_quadrature
        (its imaginary part), inter_rate_closed (k-space closed form, real part),
        inter_rate_paper_form (no dipole factor, paper's closed form, real part),
        single_rate_exact, rel_diff_to_single (= inter/single - 1), kL_L2_over_R
        (= k_L L^2 / R, the paper's condition parameter; inf for R = 0). Rates in units of
        Gamma, the rest dimensionless.
    """
    frames = []
    kl = np.asarray(kl_values, dtype=float)
    for rho in r_over_l_values:
        quad = inter_ensemble_rate(kl, rho)
        closed = inter_ensemble_rate(kl, rho, method="closed")
        paper = inter_ensemble_rate(kl, rho, dipole=False, method="closed")
        single = pair_rate_exact(kl)
        frames.append(
            pd.DataFrame(
                dict(
                    k_l_L=kl,
                    R_over_L=float(rho),
                    inter_rate_quadrature=quad.real,
                    inter_rate_imag_quadrature=quad.imag,
                    inter_rate_closed=closed.real,
                    inter_rate_paper_form=paper.real,
                    single_rate_exact=single,
                    rel_diff_to_single=quad.real / single - 1.0,
                    kL_L2_over_R=kl / rho if rho > 0 else np.inf,
                )
            )
        )
    return pd.concat(frames, ignore_index=True)


def fit_power_law(x, y):
    """Least-squares fit |y| = c x^-p in log-log.

    Parameters
    ----------
    x, y : array_like
        Positive abscissae and non-zero ordinates of equal length.

    Returns
    -------
    c, p : float
        Prefactor and exponent.
    """
    slope, icpt = np.polyfit(np.log(np.asarray(x, float)), np.log(np.abs(np.asarray(y))), 1)
    return float(np.exp(icpt)), float(-slope)
