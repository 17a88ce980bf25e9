"""Steady-state entanglement of the two-level model: Eq. (5) = Eq. (15)."""

from __future__ import annotations

import numpy as np

from ..squeezing import mu_nu_from_z


def xi_steady_state_from_rates(gamma_tilde, polarization, optical_depth, mu, nu):
    """General steady-state form of Eq. (15) for given noise rate and polarization.

    xi_inf = (1/P) (Gamma~ + d P^2 (|mu| - |nu|)^2) / (Gamma~ + d P), rates in units of Gamma.

    Parameters
    ----------
    gamma_tilde : array_like
        Total single-particle rate Gamma~ >= 0 in units of Gamma.
    polarization : array_like
        P_2,inf in (0, 1] (dimensionless).
    optical_depth : array_like
        Resonant optical depth d >= 0 of one ensemble (dimensionless).
    mu, nu : array_like
        Squeezing parameters (dimensionless; only |mu| - |nu| enters). All inputs broadcast
        together.

    Returns
    -------
    ndarray
        xi_inf (dimensionless) of the broadcast shape.
    """
    gamma_tilde = np.asarray(gamma_tilde, dtype=float)
    p = np.asarray(polarization, dtype=float)
    d = np.asarray(optical_depth, dtype=float)
    ideal = (np.abs(mu) - np.abs(nu)) ** 2
    return (gamma_tilde + d * p**2 * ideal) / (gamma_tilde + d * p) / p


def xi_steady_state(z, optical_depth, gamma_d_add=0.0, pump_x=0.0):
    """Steady-state entanglement xi_inf of the two-level model, Eq. (15).

    This is Eq. (15) with the rates of Sec. III.4 substituted, written for speed (it is the
    kernel of the optimiser and of the parameter-grid studies): with s = Gamma_cool +
    Gamma_heat = (1 + x) mu^2 + nu^2, Gamma~ = s + Gamma_d^rad + Gamma_d^add = 3 s +
    Gamma_d^add and P_2,inf = ((1 + x) mu^2 - nu^2) / s. The tests check it against
    :func:`xi_steady_state_from_rates` fed by :func:`two_level_rates`.

    Parameters
    ----------
    z : array_like
        Z = 1/(|mu| - |nu|) >= 1 (dimensionless).
    optical_depth : array_like
        Resonant optical depth d >= 0 of one ensemble (dimensionless).
    gamma_d_add : array_like, optional
        Additional dephasing Gamma_d^add in units of Gamma (default 0).
    pump_x : array_like, optional
        Pump parameter x of Sec. III.4 (dimensionless, default 0). All inputs broadcast
        together.

    Returns
    -------
    ndarray
        xi_inf (dimensionless) of the broadcast shape; xi_inf < 1 certifies entanglement
        by Eq. (3).
    """
    z = np.asarray(z, dtype=float)
    inv_z2 = 1.0 / (z * z)
    mu2 = 0.25 * (z * z + 2.0 + inv_z2)  # mu^2 = (Z + 1/Z)^2 / 4
    nu2 = mu2 - 1.0  # mu^2 - nu^2 = 1
    cool = (1.0 + np.asarray(pump_x, dtype=float)) * mu2
    s = cool + nu2
    p = (cool - nu2) / s
    gamma_tilde = 3.0 * s + np.asarray(gamma_d_add, dtype=float)
    dp = np.asarray(optical_depth, dtype=float) * p
    return (gamma_tilde + dp * p * inv_z2) / ((gamma_tilde + dp) * p)


def xi_noise_free(z):
    """Eq. (15) with Gamma~ = 0: the ideal (|mu| - |nu|)^2 of Sec. II, via the general form.

    Parameters
    ----------
    z : array_like
        Z = (|mu| - |nu|)^-1 >= 1 (dimensionless).

    Returns
    -------
    ndarray
        xi_inf^ideal = 1/Z^2 (dimensionless), shape of ``z``.
    """
    mu, nu = mu_nu_from_z(z)
    return xi_steady_state_from_rates(0.0, 1.0, 1.0, mu, nu)
