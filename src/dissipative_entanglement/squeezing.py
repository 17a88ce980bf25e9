"""Squeezing parameters mu, nu and Z (Sec. II, Eqs. (1) and (4)).

mu^2 - nu^2 = 1 (normalisation [A, A^dagger] = 1, Eq. (4) and footnote 57) and
Z = (|mu| - |nu|)^-1 >= 1. With mu = cosh r, nu = sinh r (Sec. II), Z = e^r.
"""

from __future__ import annotations

import numpy as np


def mu_nu_from_z(z):
    """Return (mu, nu) >= 0 for Z = (|mu| - |nu|)^-1 >= 1 (Sec. II, Eq. (4)).

    mu = (Z + 1/Z)/2 = cosh r and nu = (Z - 1/Z)/2 = sinh r with r = ln Z, so that
    mu^2 - nu^2 = 1 exactly in exact arithmetic.

    Parameters
    ----------
    z : array_like
        Squeezing parameter Z >= 1 (dimensionless), any shape.

    Returns
    -------
    mu, nu : ndarray
        Dimensionless, each of the shape of ``z``.

    Raises
    ------
    ValueError
        If any Z < 1.
    """
    z = np.asarray(z, dtype=float)
    if np.any(z < 1.0):
        raise ValueError(f"Z must be >= 1, got min {np.min(z)!r}")
    inv = 1.0 / z
    return 0.5 * (z + inv), 0.5 * (z - inv)


def z_from_mu_nu(mu, nu):
    """Return Z = (|mu| - |nu|)^-1 (Sec. III.4, caption of Fig. 3).

    Parameters
    ----------
    mu, nu : array_like
        Squeezing parameters (dimensionless, only their moduli enter), broadcast together.

    Returns
    -------
    ndarray
        Z (dimensionless) of the broadcast shape; inf where |mu| = |nu|.
    """
    mu = np.abs(np.asarray(mu, dtype=float))
    nu = np.abs(np.asarray(nu, dtype=float))
    return 1.0 / (mu - nu)


def xi_ideal(z):
    """Noise-free steady-state entanglement xi_inf^ideal = (|mu| - |nu|)^2 = 1/Z^2 (Sec. II).

    Parameters
    ----------
    z : array_like
        Squeezing parameter Z >= 1 (dimensionless), any shape.

    Returns
    -------
    ndarray
        xi_inf^ideal (dimensionless), shape of ``z``.
    """
    z = np.asarray(z, dtype=float)
    return 1.0 / z**2
