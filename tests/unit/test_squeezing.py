"""Squeezing parameters (Sec. II, Eq. 4): invariants and round trips."""

import numpy as np
import pytest

from dissipative_entanglement.squeezing import mu_nu_from_z, xi_ideal, z_from_mu_nu

Z = np.geomspace(1.0, 1e3, 301)


def test_normalisation_mu2_minus_nu2_is_one():
    mu, nu = mu_nu_from_z(Z)
    # mu^2 - nu^2 = (mu - nu)(mu + nu) = (1/Z) Z: rounding of a few ulp of mu^2
    assert np.all(np.abs(mu**2 - nu**2 - 1.0) <= 8 * np.finfo(float).eps * mu**2)


def test_round_trip_and_ideal_value():
    mu, nu = mu_nu_from_z(Z)
    # mu - nu = 1/Z loses ~ Z^2 eps to cancellation
    assert np.all(np.abs(z_from_mu_nu(mu, nu) / Z - 1) <= 4 * np.finfo(float).eps * Z**2)
    assert np.all(np.abs(xi_ideal(Z) / (mu - nu) ** 2 - 1) <= 8 * np.finfo(float).eps * Z**2)


def test_no_squeezing_at_z_one_and_cosh_sinh_form():
    mu, nu = mu_nu_from_z(1.0)
    assert (float(mu), float(nu)) == (1.0, 0.0)
    r = np.log(Z)
    mu, nu = mu_nu_from_z(Z)
    np.testing.assert_allclose(mu, np.cosh(r), rtol=1e-13)
    np.testing.assert_allclose(nu, np.sinh(r), rtol=1e-13, atol=1e-15)


def test_rejects_z_below_one():
    with pytest.raises(ValueError, match="Z must be >= 1"):
        mu_nu_from_z([0.9, 2.0])
