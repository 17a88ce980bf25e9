"""C12 (App. B.2): averaged pair rate (3/4)/(k_L L)^2 and inter-ensemble rate, by quadrature."""

import numpy as np
import pytest

from dissipative_entanglement.exact import averaged_rates as ar

KL = np.array([0.5, 1.0, 2.0, 5.0, 10.0, 20.0])


def test_quadrature_matches_exact_kspace_form():
    # two independent routes: real-space radial quadrature (paper's Gamma_A + Gamma_B) and the
    # k-space closed form; the quadrature tolerance is epsrel = 1e-10
    val, err = ar.pair_rate(KL)
    exact = ar.pair_rate_exact(KL)
    assert np.all(np.abs(val / exact - 1) < 1e-8)
    assert np.all(err < 1e-8 * np.abs(val))


def test_paper_closed_form_error_decays_as_kl_minus_two():
    # exact = (3/4)[1/s - 1/s^2 + 1/s^3 - O(e^{-2s})], s = (kL)^2, so paper/exact - 1 =
    # 1/s + O(1/s^3): bounded by 1/s and by 1/s - 1/s^2 from below for kL >= 2
    kl = KL[KL >= 2]
    rel = ar.pair_rate_closed_form(kl) / ar.pair_rate_exact(kl) - 1
    s = kl**2
    assert np.all(rel <= 1 / s) and np.all(rel >= 1 / s - 1 / s**2)
    _, p = ar.fit_power_law(kl[kl >= 5], rel[kl >= 5])
    assert p == pytest.approx(2.0, abs=0.02)


def test_parts_a_and_b_cancel_at_order_one_over_kl():
    # Finding: Gamma_A and Gamma_B separately deviate from (3/4)/(kL)^2 at relative order
    # 1/(kL) (not (kL)^-2 as App. B.2 states), with opposite signs; their sum is accurate to
    # 1/(kL)^2 (previous test).
    kl = np.array([10.0, 20.0, 40.0])
    a, _ = ar.pair_rate(kl, part="A")
    b, _ = ar.pair_rate(kl, part="B")
    paper = ar.pair_rate_closed_form(kl)
    dev_a, dev_b = a / paper - 1, b / paper
    assert np.all(dev_a < 0) and np.all(dev_b > 0)
    assert np.all(np.abs(dev_a + dev_b) < 1.5 / kl**2)
    _, p = ar.fit_power_law(kl, dev_b)
    assert 0.7 < p < 1.2


def test_lamb_shift_negligible_for_large_kl():
    g, _ = ar.pair_lamb_shift([10.0, 20.0])
    r = ar.pair_rate_exact([10.0, 20.0])
    ratio = np.abs(g / r)
    assert ratio[1] < ratio[0] < 0.2  # |G/Gamma| ~ 1/(kL)
    assert ratio[0] / ratio[1] == pytest.approx(2.0, rel=0.1)


@pytest.mark.parametrize("rho", [0.0, 1.0, 3.0])
def test_inter_ensemble_quadrature_and_limit(rho):
    kl = np.array([2.0, 10.0, 40.0])
    quad = ar.inter_ensemble_rate(kl, rho)
    closed = ar.inter_ensemble_rate(kl, rho, method="closed")
    assert np.allclose(quad, closed, rtol=1e-8, atol=1e-14)
    # Re 1/(s + i kR) = (1/s) / (1 + (R/(k L^2))^2): relative deficit (R/(kL^2))^2 at leading order
    single = ar.pair_rate_exact(kl)
    rel = closed.real / single - 1
    x = (rho / kl) ** 2
    assert np.all(np.abs(rel + x / (1 + x)) <= 3 / kl**2 * x + 1e-14)


def test_paper_form_without_dipole_factor():
    # the paper's (3/4)(1 - e^{-2 s - 2 i k R}) / (s + i k R) is the dipole-free closed form
    kl, rho = np.array([3.0, 7.0]), 2.0
    sigma = kl**2 + 1j * kl * rho
    paper = 0.75 * (1 - np.exp(-2 * sigma)) / sigma
    quad = ar.inter_ensemble_rate(kl, rho, dipole=False)
    assert np.allclose(quad, paper, rtol=1e-8)
