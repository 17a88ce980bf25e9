"""Single-particle rates of the two-level model (Sec. III.4), in units of Gamma.

Probe only (Fig. 3): Gamma_cool = mu^2, Gamma_heat = nu^2, radiative dephasing
Gamma_d^rad = 2 (mu^2 + nu^2) (footnote 67: c^2_{Delta m = +-1} / c^2_{Delta m = 0} = 2).
With a resonant pump of parameter x (Fig. 4): Gamma_cool = (1 + x) mu^2 and
Gamma_d^rad = 2 ((1 + x) mu^2 + nu^2); Gamma_heat is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..squeezing import mu_nu_from_z


@dataclass(frozen=True)
class TwoLevelRates:
    """Rates in units of Gamma; every field is an array broadcast over the inputs.

    Attributes
    ----------
    cool, heat : ndarray
        Gamma_cool (|down> -> |up>) and Gamma_heat (|up> -> |down>), units of Gamma.
    dephasing : ndarray
        Gamma_d = Gamma_d^rad + Gamma_d^add, units of Gamma.
    mu, nu : ndarray
        The squeezing parameters of Eq. (4) behind the rates, dimensionless.
    """

    cool: np.ndarray
    heat: np.ndarray
    dephasing: np.ndarray
    mu: np.ndarray
    nu: np.ndarray

    @property
    def total(self) -> np.ndarray:
        """Gamma~ = Gamma_cool + Gamma_heat + Gamma_d (Sec. III.4), units of Gamma."""
        return self.cool + self.heat + self.dephasing

    @property
    def polarization_steady(self) -> np.ndarray:
        """P_2,inf = (Gamma_cool - Gamma_heat) / (Gamma_cool + Gamma_heat), Eq. (15)."""
        return (self.cool - self.heat) / (self.cool + self.heat)


def two_level_rates(z, gamma_d_add=0.0, pump_x=0.0) -> TwoLevelRates:
    """Single-particle rates for squeezing Z, extra dephasing and pump parameter (Sec. III.4).

    Parameters
    ----------
    z : array_like
        Z = (|mu| - |nu|)^-1 >= 1 (dimensionless).
    gamma_d_add : array_like, optional
        Non-radiative dephasing Gamma_d^add in units of Gamma (>= 0, default 0).
    pump_x : array_like, optional
        Pump parameter x >= 0 (dimensionless; default 0: probe only, Fig. 3).

    Returns
    -------
    TwoLevelRates
        Rates in units of Gamma, arrays broadcast over (z, gamma_d_add, pump_x).
    """
    mu, nu = mu_nu_from_z(z)
    gamma_d_add = np.asarray(gamma_d_add, dtype=float)
    pump_x = np.asarray(pump_x, dtype=float)
    mu2, nu2 = mu**2, nu**2
    cool = (1.0 + pump_x) * mu2
    heat = nu2 + 0.0 * pump_x
    dephasing = 2.0 * (cool + nu2) + gamma_d_add
    mu, nu, cool, heat, dephasing = np.broadcast_arrays(mu, nu, cool, heat, dephasing)
    return TwoLevelRates(cool=cool, heat=heat, dephasing=dephasing, mu=mu, nu=nu)


def polarization_steady(z, pump_x=0.0):
    """Steady-state polarization P_2,inf of Eq. (15) (inset of Fig. 4).

    Parameters
    ----------
    z : array_like
        Z = (|mu| - |nu|)^-1 >= 1 (dimensionless).
    pump_x : array_like, optional
        Pump parameter x >= 0 (dimensionless, default 0), broadcast with ``z``.

    Returns
    -------
    ndarray
        P_2,inf (dimensionless), shape broadcast(z, pump_x).
    """
    return two_level_rates(z, 0.0, pump_x).polarization_steady
