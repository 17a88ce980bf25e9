"""The multi-level model at one operating point: xi, Z, pump and repump, and its rates.

What a planner reads off the model at a probe setting, an optical depth and a repump
strength (Sec. IV.2): the steady-state xi_exp,inf (Eq. (30)), Z, the optimal pump strength
and the repump strength (App. E, in units of the pump's reference strength), and the two
rates (units of Gamma) at which the steady state is approached: the transverse rate
G = Gamma-bar + d (N_2/N) P_2 of Eq. (28), at which Sigma_J,2 relaxes, and the population
rate, the slowest non-zero relaxation rate of Eq. (26) (smallest |Re lambda| of the rate
matrix M over its non-zero eigenvalues). :mod:`dissipative_entanglement.lab` turns them
into seconds.
"""

from __future__ import annotations

import numpy as np

from .entanglement import gamma_bar, two_level_quantities
from .pump import populations_at_optimum, pumped_rates
from .rate_equations import rate_matrix
from .scenario import xi_exp_inf_grid
from .setup import MultilevelSetup

#: eigenvalues of M below this (units of Gamma, relative to the largest) count as zero
_ZERO_EIGENVALUE = 1e-12


def operating_point(setup: MultilevelSetup, x_repump: float, gamma_d_add: float = 0.0) -> dict:
    """xi_exp,inf, Z, pump and repump strength and the relaxation rates (module text).

    Parameters
    ----------
    setup : MultilevelSetup
        Probe, cell, readings and atoms; scalar detuning and optical depth.
    x_repump : float
        Omega^2_repump / Omega^2_pump,opt (Sec. IV.2), > 0 for a unique steady state.
    gamma_d_add : float, optional
        Gamma_d^add in units of Gamma (default 0).

    Returns
    -------
    dict of str to float
        ``xi_exp_inf``, ``Z``, ``s_pump``, ``s_repump`` (units of the pump unit rates'
        reference strength), ``gamma_bar``, ``n2`` (N_2/N), ``p2`` (P_2),
        ``transverse_rate`` and ``population_rate`` (units of Gamma), and the
        ``gamma_d_add`` it was evaluated at.

    Raises
    ------
    ValueError
        For the lower-manifold reading (its populations are not three-level) or where no
        pump strength reaches the threshold.
    """
    if setup.rates.manifold is not None:
        raise ValueError("operating_point: not for h_return = 'lower_manifold'")
    rates = setup.rates
    pumped, opt = pumped_rates(rates, x_repump, setup.options)
    if not bool(np.all(opt.feasible)):
        raise ValueError(
            f"no pump strength reaches N_up/N_2 >= {setup.options.threshold} at "
            f"detuning {setup.detuning_MHz} MHz, x_repump = {x_repump}"
        )
    steady, _ = populations_at_optimum(rates, opt, setup.options)
    n2, p2 = two_level_quantities(steady)
    g_bar = gamma_bar(pumped, gamma_d_add)
    transverse = g_bar + float(setup.optical_depth) * n2 * p2
    eigenvalues = np.linalg.eigvals(rate_matrix(pumped, hh_entry=setup.options.hh_entry))
    decay = np.abs(eigenvalues.real)
    nonzero = decay > _ZERO_EIGENVALUE * decay.max()
    xi = xi_exp_inf_grid(setup, x_repump, gamma_d_add)["xi_exp_inf"]
    return {
        "xi_exp_inf": float(np.squeeze(xi)),
        "Z": float(np.squeeze(rates.z)),
        "s_pump": float(np.squeeze(opt.s_pump)),
        "s_repump": float(np.squeeze(opt.s_repump)),
        "gamma_bar": float(np.squeeze(g_bar)),
        "n2": float(np.squeeze(n2)),
        "p2": float(np.squeeze(p2)),
        "transverse_rate": float(np.squeeze(transverse)),
        "population_rate": float(np.min(decay[nonzero])),
        "gamma_d_add": float(gamma_d_add),
    }


__all__ = ["operating_point"]
