"""Entangling rate dGamma and the time to reach the steady state, in lab units.

The collective (entangling) rate is dGamma (Sec. III); the transverse variances relax at
(Gamma_bar + d P_2) Gamma and the polarization <J_x> at (Gamma_cool + Gamma_heat) Gamma
(App. C.1 moment equations, Gamma_bar being the total single-particle noise rate
Gamma-tilde; ``docs/physics.md``, "Moment equations"), so the steady state is reached
after a few e-foldings of the slower of the two.
"""

from __future__ import annotations

from .units import magnitude_in, ureg

#: default number of e-foldings of :func:`steady_state_time`
E_FOLDINGS = 5.0


def entangling_rate(optical_depth, rate_unit_per_s):
    """Entangling rate d Gamma in s^-1.

    Parameters
    ----------
    optical_depth : pint.Quantity or float
        Resonant optical depth d of one ensemble (dimensionless).
    rate_unit_per_s : pint.Quantity or float
        Gamma (plain number: 1/s), e.g. from :func:`dissipative_entanglement.lab.probe.rate_unit`.

    Returns
    -------
    pint.Quantity
        d Gamma in 1/s.
    """
    d = magnitude_in(optical_depth, "dimensionless", "optical_depth", sign="non-negative")
    gamma = magnitude_in(rate_unit_per_s, "1/s", "rate_unit_per_s")
    return ureg.Quantity(d * gamma, "1/s")


def steady_state_time(
    optical_depth,
    gamma_bar,
    p2,
    rate_unit_per_s,
    *,
    population_rate=None,
    e_foldings: float = E_FOLDINGS,
):
    """Time to reach the steady state, t_ss = c / (min(Gamma_bar + d P_2, g_pop) Gamma).

    c = ``e_foldings`` (default 5: the deviation falls to e^-5 = 0.7 %); g_pop is the
    population relaxation rate in units of Gamma when given (otherwise only the
    transverse rate Gamma_bar + d P_2 counts).

    Parameters
    ----------
    optical_depth : pint.Quantity or float
        d (dimensionless).
    gamma_bar : float
        Single-atom transverse rate Gamma_bar in units of Gamma.
    p2 : float
        Polarization P_2 (dimensionless, 0 < P_2 <= 1).
    rate_unit_per_s : pint.Quantity or float
        Gamma (plain number: 1/s).
    population_rate : float, optional
        Population relaxation rate in units of Gamma (Gamma_cool + Gamma_heat).
    e_foldings : float, optional
        c (default :data:`E_FOLDINGS`).

    Returns
    -------
    pint.Quantity
        t_ss in ms.
    """
    d = magnitude_in(optical_depth, "dimensionless", "optical_depth", sign="non-negative")
    gbar = magnitude_in(gamma_bar, "dimensionless", "gamma_bar", sign="non-negative")
    pol = magnitude_in(p2, "dimensionless", "p2")
    gamma = magnitude_in(rate_unit_per_s, "1/s", "rate_unit_per_s")
    c = magnitude_in(e_foldings, "dimensionless", "e_foldings")
    rate = gbar + d * pol
    if population_rate is not None:
        rate = min(rate, magnitude_in(population_rate, "dimensionless", "population_rate"))
    if rate <= 0:
        raise ValueError("gamma_bar + optical_depth * p2 must be positive")
    return ureg.Quantity(c / (rate * gamma), "s").to("ms")


__all__ = ["E_FOLDINGS", "entangling_rate", "steady_state_time"]
