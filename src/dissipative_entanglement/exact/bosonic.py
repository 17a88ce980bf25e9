"""Two bosonic modes driven by Eq. (2): truncated-Fock-space steady states (App. A, claim C10).

Jump operators sqrt(kappa) A~, sqrt(kappa) B~ with A~ = mu a + nu b^dag, B~ = mu b + nu a^dag
as in Eq. (1), mu = cosh r, nu = sinh r, on a Fock space truncated at n_cut quanta per mode
(states |0>..|n_cut - 1>). Optional single-mode noise: sqrt(loss) a, sqrt(loss) b,
sqrt(gain) a^dag, sqrt(gain) b^dag and number dephasing sqrt(dephasing) a^dag a, b^dag b.

Target state: A~|psi> = B~|psi> = 0 gives |psi> = sum_n c_n |n, n> with
c_{n+1} = -(nu/mu) c_n, i.e. c_n = (-tanh r)^n / cosh r (the sign follows from
A~|psi> = 0, the coefficient of |n, n+1> being sqrt(n+1)(mu c_{n+1} + nu c_n)).

Truncation: the truncated TMS |psi_cut> (n < n_cut, renormalised) is annihilated exactly by the
truncated A~ and B~ (the only term that would leave the space, nu c_{n_cut-1} b^dag|..., n_cut-1>,
is zero for the truncated b^dag), so it is the steady state of the truncated model and the
fidelity with the untruncated TMS is exactly 1 - tanh(r)^(2 n_cut) (the tail weight).

Rates (kappa, loss, gain, dephasing) share one arbitrary unit (e.g. Gamma); steady states
and variances do not depend on it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "bosonic_convergence",
    "bosonic_noise_comparison",
    "bosonic_steady_state",
    "epr_variance_fock",
    "epr_variance_truncated_tms",
    "liouvillian_zero_eigenvalues",
    "tms_state",
    "tms_state_qutip",
    "two_mode_liouvillian",
]


def _ops(n_cut):
    import qutip as qt

    a = qt.tensor(qt.destroy(n_cut), qt.qeye(n_cut))
    b = qt.tensor(qt.qeye(n_cut), qt.destroy(n_cut))
    return a, b


def _c_ops(mu, nu, n_cut, kappa, loss, gain, dephasing):
    a, b = _ops(n_cut)
    c = [np.sqrt(kappa) * (mu * a + nu * b.dag()), np.sqrt(kappa) * (mu * b + nu * a.dag())]
    if loss:
        c += [np.sqrt(loss) * a, np.sqrt(loss) * b]
    if gain:
        c += [np.sqrt(gain) * a.dag(), np.sqrt(gain) * b.dag()]
    if dephasing:
        c += [np.sqrt(dephasing) * a.dag() * a, np.sqrt(dephasing) * b.dag() * b]
    return c


def two_mode_liouvillian(mu, nu, n_cut, kappa=1.0, *, loss=0.0, gain=0.0, dephasing=0.0):
    """qutip Liouvillian of Eq. (2) (+ optional noise) on the n_cut x n_cut Fock space.

    Parameters
    ----------
    mu, nu : float
        Squeezing parameters, mu^2 - nu^2 = 1 (dimensionless).
    n_cut : int
        Fock levels per mode.
    kappa : float, optional
        kappa_A~ = kappa_B~ of Eq. (2) (default 1, the rate unit).
    loss, gain, dephasing : float, optional
        Rates of D[a], D[b]; D[a^dag], D[b^dag]; D[a^dag a], D[b^dag b] (default 0).

    Returns
    -------
    qutip.Qobj
        Superoperator of dimension n_cut^4, rates in the unit of ``kappa``.
    """
    import qutip as qt

    return qt.liouvillian(None, _c_ops(mu, nu, n_cut, kappa, loss, gain, dephasing))


def tms_state(r, n_cut):
    """Explicit TMS ket sum_{n < n_cut} (-tanh r)^n / cosh r |n, n> (not renormalised).

    Parameters
    ----------
    r : float
        Squeezing parameter r = ln Z (mu = cosh r, nu = sinh r).
    n_cut : int
        Fock levels per mode.

    Returns
    -------
    qutip.Qobj
        Ket on the two-mode space, dims [[n_cut, n_cut], [1, 1]].
    """
    import qutip as qt

    n = np.arange(n_cut)
    coef = (-np.tanh(r)) ** n / np.cosh(r)
    vec = np.zeros(n_cut * n_cut, dtype=complex)
    vec[n * n_cut + n] = coef
    return qt.Qobj(vec, dims=[[n_cut, n_cut], [1, 1]])


def tms_state_qutip(r, n_cut, n_big=None):
    """TMS from ``qutip.squeezing(a, b, z) |0,0>``, built on n_big levels and cut to n_cut.

    qutip defines S(z) = exp((conj(z) a b - z a^dag b^dag)/2); z = 2 r reproduces the sign
    convention A~|psi> = 0 of Eq. (1) (coefficients (-tanh r)^n). Cross-check of
    :func:`tms_state`.

    Parameters
    ----------
    r : float
        Squeezing parameter r = ln Z.
    n_cut : int
        Fock levels per mode of the returned ket.
    n_big : int, optional
        Levels per mode on which the exponential is built (default 4 n_cut + 20); controls
        the truncation error of the exponent.

    Returns
    -------
    qutip.Qobj
        Ket, dims [[n_cut, n_cut], [1, 1]] (not renormalised).
    """
    import qutip as qt

    n_big = 4 * n_cut + 20 if n_big is None else n_big
    a, b = _ops(n_big)
    psi = qt.squeezing(a, b, 2.0 * r) * qt.tensor(qt.basis(n_big, 0), qt.basis(n_big, 0))
    full = psi.full().reshape(n_big, n_big)[:n_cut, :n_cut].reshape(-1)
    return qt.Qobj(full, dims=[[n_cut, n_cut], [1, 1]])


def epr_variance_fock(rho):
    """var(x_+) + var(p_-) of a two-mode qutip state (vacuum variance 1/2 per quadrature).

    The state is first embedded in a space with one more level per mode, so that the
    quadratic operators x^2, p^2 act exactly on it (in the truncated space a a^dag is wrong
    on the top level).

    Parameters
    ----------
    rho : qutip.Qobj
        Two-mode density matrix with dims [[n, n], [n, n]].

    Returns
    -------
    float
        S = var(x_+) + var(p_-) (dimensionless; S < 1 certifies entanglement, App. A).
    """
    import qutip as qt

    n_cut = rho.dims[0][0]
    big = n_cut + 1
    full = np.zeros((big, big, big, big), dtype=complex)
    full[:n_cut, :n_cut, :n_cut, :n_cut] = rho.full().reshape(n_cut, n_cut, n_cut, n_cut)
    rho_big = qt.Qobj(full.reshape(big * big, big * big), dims=[[big, big], [big, big]])
    a, b = _ops(big)
    xa, xb = (a + a.dag()) / np.sqrt(2), (b + b.dag()) / np.sqrt(2)
    pa, pb = -1j * (a - a.dag()) / np.sqrt(2), -1j * (b - b.dag()) / np.sqrt(2)
    xp, pm = (xa + xb) / np.sqrt(2), (pa - pb) / np.sqrt(2)

    def var(o):
        return qt.expect(o * o, rho_big) - qt.expect(o, rho_big) ** 2

    return float(np.real(var(xp) + var(pm)))


def epr_variance_truncated_tms(mu, nu, n_cut):
    """Exact var(x_+) + var(p_-) of the renormalised truncated TMS (finite sums).

    With w_n = (1 - q) q^n, q = tanh^2 r, W = 1 - q^n_cut:
    S_cut = [sum_{n<n_cut} w_n (1 + 2n) - 2 t sum_{n<n_cut-1} (n + 1) w_n] / W, t = tanh r;
    for n_cut -> infinity this is (mu - nu)^2.

    Parameters
    ----------
    mu, nu : float
        Squeezing parameters, mu^2 - nu^2 = 1 (dimensionless).
    n_cut : int
        Fock levels per mode.

    Returns
    -------
    float
        S_cut (dimensionless).
    """
    t = nu / mu
    q = t * t
    n = np.arange(n_cut)
    w = (1 - q) * q**n
    big_w = w.sum()
    corr = 2 * t * np.sum((n[:-1] + 1) * w[:-1])
    return float((np.sum(w * (1 + 2 * n)) - corr) / big_w)


def bosonic_steady_state(
    mu, nu, n_cut, kappa=1.0, *, loss=0.0, gain=0.0, dephasing=0.0, method="direct"
):
    """Steady state of Eq. (2) (+ noise) on the truncated Fock space, ``qutip.steadystate``.

    Parameters
    ----------
    mu, nu, n_cut, kappa, loss, gain, dephasing
        As in :func:`two_mode_liouvillian`.
    method : str, optional
        Passed to ``qutip.steadystate`` (default ``"direct"``).

    Returns
    -------
    qutip.Qobj
        Two-mode density matrix, dims [[n_cut, n_cut], [n_cut, n_cut]].
    """
    import qutip as qt

    return qt.steadystate(
        two_mode_liouvillian(mu, nu, n_cut, kappa, loss=loss, gain=gain, dephasing=dephasing),
        method=method,
    )


def liouvillian_zero_eigenvalues(mu, nu, n_cut, kappa=1.0, *, tol=1e-9):
    """Uniqueness check: eigenvalues of the truncated Liouvillian (dense ``scipy.linalg.eigvals``).

    Keep n_cut <= 8 (dimension n_cut^4).

    Parameters
    ----------
    mu, nu : float
        Squeezing parameters, mu^2 - nu^2 = 1.
    n_cut : int
        Fock levels per mode.
    kappa : float, optional
        Rate of Eq. (2) (default 1, the rate unit).
    tol : float, optional
        Eigenvalues with |lambda| < tol * kappa count as zero (default 1e-9).

    Returns
    -------
    n_zero : int
        Number of (numerically) zero eigenvalues; 1 for a unique steady state.
    gap : float
        Smallest |Re lambda| among the others (the spectral gap), unit of ``kappa``.
    """
    import scipy.linalg as sla

    liou = two_mode_liouvillian(mu, nu, n_cut, kappa).full()
    ev = sla.eigvals(liou)
    small = np.abs(ev) < tol * kappa
    return int(small.sum()), float(np.min(np.abs(ev[~small].real)))


def bosonic_convergence(z, cutoffs, kappa=1.0, *, method="direct") -> pd.DataFrame:
    """Fock steady state of Eq. (2) versus cutoff: fidelity with the TMS and EPR variance.

    Parameters
    ----------
    z : float
        Z = e^r >= 1 (mu = cosh r, nu = sinh r), dimensionless.
    cutoffs : iterable of int
        Values of n_cut (levels per mode).
    kappa : float, optional
        Rate of Eq. (2) (default 1; the results do not depend on it).
    method : str, optional
        Passed to ``qutip.steadystate`` (default ``"direct"``).

    Returns
    -------
    pandas.DataFrame
        One row per cutoff, columns n_cut, fidelity (|<TMS|rho|TMS>| with the untruncated
        TMS projected on the space), infidelity, tail_weight (tanh^(2 n_cut) r),
        epr_variance (Fock), epr_variance_truncated_tms (exact finite sum),
        epr_variance_exact ((mu - nu)^2 = 1/Z^2), trace, min_eigenvalue (of rho); all
        dimensionless.
    """
    r = float(np.log(z))
    mu, nu = np.cosh(r), np.sinh(r)
    rows = []
    for n_cut in cutoffs:
        rho = bosonic_steady_state(mu, nu, int(n_cut), kappa, method=method)
        psi = tms_state(r, int(n_cut))
        fid = float(np.real(psi.dag() * rho * psi))
        rows.append(
            dict(
                n_cut=int(n_cut),
                fidelity=fid,
                infidelity=1.0 - fid,
                tail_weight=float(np.tanh(r) ** (2 * int(n_cut))),
                epr_variance=epr_variance_fock(rho),
                epr_variance_truncated_tms=epr_variance_truncated_tms(mu, nu, int(n_cut)),
                epr_variance_exact=float((mu - nu) ** 2),
                trace=float(np.real(rho.tr())),
                min_eigenvalue=float(np.min(np.linalg.eigvalsh(rho.full()))),
            )
        )
    return pd.DataFrame(rows)


def bosonic_noise_comparison(
    z, n_cut, kappa=1.0, *, loss=0.0, gain=0.0, dephasing=0.0, method="direct"
) -> dict:
    """Fock steady state with single-mode noise versus the exact second-moment route.

    Parameters
    ----------
    z : float
        Z = e^r >= 1 (dimensionless).
    n_cut : int
        Fock levels per mode.
    kappa, loss, gain, dephasing : float, optional
        Rates as in :func:`two_mode_liouvillian` (one common unit).
    method : str, optional
        Passed to ``qutip.steadystate`` (default ``"direct"``).

    Returns
    -------
    dict
        ``epr_fock``, ``epr_moments``, ``epr_closed_form`` (floats) and ``n_cut``:
        epr_moments from :func:`gaussian.two_mode_steady_state`; epr_closed_form is the
        Eq. (15)-shaped formula :func:`gaussian.epr_variance_thermal_closed_form` when
        dephasing = 0, the dephasing formula when loss = gain = 0, else NaN.
    """
    from .gaussian import (
        epr_variance_dephasing_closed_form,
        epr_variance_thermal_closed_form,
        two_mode_steady_state,
    )

    r = float(np.log(z))
    mu, nu = np.cosh(r), np.sinh(r)
    rho = bosonic_steady_state(
        mu, nu, n_cut, kappa, loss=loss, gain=gain, dephasing=dephasing, method=method
    )
    s_mom, _ = two_mode_steady_state(mu, nu, kappa, loss=loss, gain=gain, dephasing=dephasing)
    if dephasing == 0:
        cf = float(epr_variance_thermal_closed_form(mu, nu, kappa, loss, gain))
    elif loss == 0 and gain == 0:
        cf = float(epr_variance_dephasing_closed_form(mu, nu, kappa, dephasing))
    else:
        cf = float("nan")
    return dict(
        epr_fock=epr_variance_fock(rho),
        epr_moments=float(s_mom),
        epr_closed_form=cf,
        n_cut=int(n_cut),
    )
