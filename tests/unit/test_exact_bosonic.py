"""C10 (App. A): TMS is the unique steady state of Eq. (2); Fock route vs second-moment route."""

import numpy as np
import pytest

from dissipative_entanglement.exact import bosonic as bo
from dissipative_entanglement.exact import gaussian as ga

Z = 1.5
R = np.log(Z)
MU, NU = np.cosh(R), np.sinh(R)


def test_tms_sign_convention_and_qutip_squeezer():
    # A~ |psi> = 0 with c_n = (-tanh r)^n / cosh r; qutip's squeezer with z = 2r agrees
    psi = bo.tms_state(R, 12)
    a, b = bo._ops(12)
    a_t = MU * a + NU * b.dag()
    assert (a_t * psi).norm() < 1e-14
    ref = bo.tms_state_qutip(R, 5, n_big=20)  # exponent on 20 levels: first 5 exact to 1e-15
    assert np.max(np.abs(bo.tms_state(R, 5).full() - ref.full())) < 1e-12


@pytest.mark.parametrize("n_cut", [4, 6, 8])
def test_fock_steady_state_is_truncated_tms(n_cut):
    # The truncated TMS is annihilated exactly by the truncated A~, B~, so the Fock steady
    # state has fidelity 1 - tanh(r)^(2 n_cut) with the TMS (tail weight), up to solver error.
    df = bo.bosonic_convergence(Z, [n_cut])
    row = df.iloc[0]
    assert abs(row.infidelity - row.tail_weight) < 1e-10
    assert abs(row.trace - 1) < 1e-12 and row.min_eigenvalue > -1e-12
    assert abs(row.epr_variance - row.epr_variance_truncated_tms) < 1e-10


@pytest.mark.parametrize("n_cut", [4, 8, 12, 20])
def test_truncated_tms_epr_variance_bound(n_cut):
    # |S_cut - (mu - nu)^2| <= tail bound from the finite sums (docstring of
    # epr_variance_truncated_tms): |g_n| <= 3 (n + 1), w_n = (1 - q) q^n, W = 1 - q^n_cut.
    q = np.tanh(R) ** 2
    w = 1 - q**n_cut
    bound = (
        3 * q**n_cut * (n_cut + 1 / (1 - q))
        + 3 * q**n_cut / ((1 - q) * w)
        + 2 * n_cut * q ** (n_cut - 1) * (1 - q) / w
    )
    s_cut = bo.epr_variance_truncated_tms(MU, NU, n_cut)
    assert abs(s_cut - (MU - NU) ** 2) <= bound


def test_epr_variance_is_mu_minus_nu_squared():
    # (mu - nu)^2 = e^{-2r} = 1/Z^2 (the printed (mu - nu)^-2 is a misprint)
    s, _ = ga.two_mode_steady_state(MU, NU)
    assert s == pytest.approx(1 / Z**2, abs=1e-13)
    assert s == pytest.approx(np.exp(-2 * R), abs=1e-13)


def test_unique_steady_state_small_cutoff():
    for n_cut in (3, 4):
        n_zero, gap = bo.liouvillian_zero_eigenvalues(MU, NU, n_cut)
        assert n_zero == 1
        assert gap > 0.1  # the gap tends to kappa/2 (amplitude decay of A~, B~)


def test_lyapunov_equals_kron_route_and_fock():
    mu = np.array([1.0, MU, 1.3])
    nu = np.sqrt(mu**2 - 1)
    coef = ga.two_mode_jump_coefficients(mu, nu, 1.0, 2.0, loss=0.4, gain=0.1)
    drift, diff = ga.drift_diffusion(coef)
    v1 = ga.steady_covariance(drift, diff, method="kron")
    v2 = ga.steady_covariance(drift, diff, method="lyapunov")
    assert np.max(np.abs(v1 - v2)) < 1e-12


@pytest.mark.parametrize(
    "noise",
    [dict(loss=0.5, gain=0.1), dict(dephasing=0.3), dict(loss=0.4, gain=0.1, dephasing=0.2)],
)
def test_noise_fock_converges_to_moments(noise):
    # Fock truncation error ~ n_cut x tail of the reduced (thermal-like) photon distribution,
    # (nbar/(1+nbar))^n_cut with nbar from the covariance; constant 100 covers the prefactor.
    s_mom, cov = ga.two_mode_steady_state(MU, NU, 1.0, **noise)
    nbar = (cov[0, 0] + cov[1, 1] - 1) / 2
    n_cut = 10
    out = bo.bosonic_noise_comparison(Z, n_cut, **noise)
    bound = 100 * n_cut * (nbar / (1 + nbar)) ** n_cut
    assert abs(out["epr_fock"] - s_mom) < bound
    if np.isfinite(out["epr_closed_form"]):
        assert out["epr_closed_form"] == pytest.approx(s_mom, abs=1e-12)


def test_thermal_noise_has_eq15_structure():
    # S = (gamma S_n + kappa (mu-nu)^2)/(gamma + kappa), gamma = loss - gain, S_n = 1/P
    loss, gain, kappa = 1.3, 0.3, 7.0
    s, _ = ga.two_mode_steady_state(MU, NU, kappa, loss=loss, gain=gain)
    p = (loss - gain) / (loss + gain)
    eq15 = ((loss - gain) / p + kappa * (MU - NU) ** 2) / ((loss - gain) + kappa)
    assert s == pytest.approx(eq15, abs=1e-12)


def test_covariance_evolution_closed_form():
    # ideal Eq. (2): every second moment relaxes at kappa, so S(t) = S_inf + (1 - S_inf) e^{-kt}
    drift, diff = ga.drift_diffusion(ga.two_mode_jump_coefficients(MU, NU, 2.0, 2.0))
    t = np.linspace(0, 3, 7)
    s = ga.epr_variance(ga.covariance_evolution(t, drift, diff, 0.5 * np.eye(4)))
    s_inf = (MU - NU) ** 2
    assert np.allclose(s, s_inf + (1 - s_inf) * np.exp(-2.0 * t), atol=1e-12)
