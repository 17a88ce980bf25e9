"""Eq. (15) of the two-level model: limits, invariants and an independent code path."""

import numpy as np

from dissipative_entanglement.two_level.rates import polarization_steady, two_level_rates
from dissipative_entanglement.two_level.steady_state import (
    xi_noise_free,
    xi_steady_state,
    xi_steady_state_from_rates,
)

Z = np.linspace(1.0, 4.0, 121)[:, None, None]
D = np.array([0.0, 1.0, 30.0, 1e3])[None, :, None]
G = np.array([0.0, 2.0, 20.0])[None, None, :]


def test_fast_kernel_equals_rates_route():
    """The optimiser's kernel against Eq. 15 assembled from the Sec. III.4 rates."""
    for x in [0.0, 5.0]:
        r = two_level_rates(Z, G, x)
        ref = xi_steady_state_from_rates(r.total, r.polarization_steady, D, r.mu, r.nu)
        np.testing.assert_allclose(xi_steady_state(Z, D, G, x), ref, rtol=1e-13)


def test_rates_of_sec_iii4():
    r = two_level_rates(2.0, 3.0, 5.0)
    mu2, nu2 = (2.5 / 2) ** 2, (1.5 / 2) ** 2
    np.testing.assert_allclose([r.cool, r.heat], [6 * mu2, nu2], rtol=1e-15)
    np.testing.assert_allclose(r.dephasing, 2 * (6 * mu2 + nu2) + 3.0, rtol=1e-15)
    np.testing.assert_allclose(r.total, 6 * mu2 + nu2 + r.dephasing, rtol=1e-15)


def test_noise_free_limit_is_ideal():
    np.testing.assert_allclose(xi_noise_free(Z), 1.0 / Z**2, rtol=1e-14)


def test_infinite_depth_limit_approaches_ideal_as_one_over_d():
    z = Z[:, 0, 0]
    err = [np.max(np.abs(xi_steady_state(z, d, 5.0) * z**2 - 1)) for d in (1e8, 1e10)]
    assert err[1] < 1e-5
    np.testing.assert_allclose(err[0] / err[1], 100.0, rtol=1e-3)  # O(1/d) convergence


def test_zero_depth_gives_one_over_polarization():
    """d = 0: no collective dynamics, Sigma_J/N = 1, xi = 1/P_2 >= 1 (separable)."""
    xi = xi_steady_state(Z, 0.0, G)
    np.testing.assert_allclose(
        xi, np.broadcast_to(1.0 / polarization_steady(Z), xi.shape), rtol=1e-14
    )
    assert np.all(xi >= 1.0 - 1e-15)


def test_bounded_below_by_ideal_and_monotone_in_noise():
    xi = xi_steady_state(Z, D, G)
    assert np.all(xi >= 1.0 / Z**2 * (1 - 1e-14))
    ulp = 4 * np.finfo(float).eps * xi.max()
    assert np.all(np.diff(xi, axis=2) >= -ulp)  # more dephasing never helps
    assert np.all(np.diff(xi[:, 1:, :], axis=1) <= ulp)  # more depth never hurts (d >= 1)


def test_unsqueezed_point_is_separable_boundary():
    """Z = 1 (mu = 1, nu = 0): P_2 = 1 and xi = 1 exactly for any noise and depth."""
    np.testing.assert_allclose(xi_steady_state(1.0, D, G), 1.0, rtol=1e-15)


def test_polarization_of_inset():
    mu2, nu2 = ((3 + 1 / 3) / 2) ** 2, ((3 - 1 / 3) / 2) ** 2
    np.testing.assert_allclose(polarization_steady(3.0), (mu2 - nu2) / (mu2 + nu2), rtol=1e-15)
    np.testing.assert_allclose(
        polarization_steady(3.0, 5.0), (6 * mu2 - nu2) / (6 * mu2 + nu2), rtol=1e-15
    )
