"""The validation checks as tidy tables: compared quantities and their differences.

Each function returns one table of ``results/validation/`` (one CSV per check); the
heavy lifting is in the sibling modules. The claims C10-C12 drawn from the fast checks
are in :mod:`.claims`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..multilevel.entanglement import xi_exp_closed_form, xi_exp_moment_equations
from ..multilevel.pump import pumped_rates
from ..multilevel.setup import MultilevelSetup
from ..two_level.dynamics import xi_closed_form, xi_moment_equations
from ..two_level.rates import two_level_rates
from .bosonic import bosonic_convergence, bosonic_noise_comparison, liouvillian_zero_eigenvalues


def bosonic_table(z, cutoffs) -> pd.DataFrame:
    """App. A (C10): Fock steady state of Eq. (2) vs the two-mode squeezed state per cutoff.

    Adds the number of zero eigenvalues of the Liouvillian (uniqueness) for cutoffs <= 5
    (dense eigen-solve; NaN above, with the reason in ``note``) and epr_difference =
    epr_variance - (mu - nu)^2.

    Parameters
    ----------
    z : float
        Z = e^r >= 1 of the engineered two-mode squeezing (mu = cosh r, nu = sinh r),
        dimensionless.
    cutoffs : iterable of int
        Fock levels per mode n_cut, one row each.

    Returns
    -------
    pandas.DataFrame
        One row per cutoff: the columns of
        :func:`~dissipative_entanglement.exact.bosonic.bosonic_convergence` plus
        epr_ideal ((mu - nu)^2), epr_difference, n_zero_eigenvalues,
        spectral_gap_per_kappa (units of the rate kappa of Eq. (2)) and note; all other
        columns dimensionless.
    """
    table = bosonic_convergence(z, cutoffs)
    r = np.log(z)
    mu, nu = np.cosh(r), np.sinh(r)
    table["epr_ideal"] = (mu - nu) ** 2
    table["epr_difference"] = table["epr_variance"] - table["epr_ideal"]
    spectra = [
        liouvillian_zero_eigenvalues(mu, nu, int(n)) if n <= 5 else (np.nan, np.nan)
        for n in table["n_cut"]
    ]
    table["n_zero_eigenvalues"] = [s[0] for s in spectra]
    table["spectral_gap_per_kappa"] = [s[1] for s in spectra]
    table["note"] = [
        "" if n <= 5 else "spectrum not computed: dense eigen-solve only for n_cut <= 5"
        for n in table["n_cut"]
    ]
    return table


def bosonic_noise_table(z, n_cut, noise_rates) -> pd.DataFrame:
    """Eq. (2) plus single-mode noise: Fock vs Gaussian vs the Eq. (15)-shaped closed form.

    For each rate g two cases: thermal noise (loss = g, gain = g/2) and number dephasing
    at rate g.

    Parameters
    ----------
    z : float
        Z = e^r >= 1 of the engineered two-mode squeezing, dimensionless.
    n_cut : int
        Fock levels per mode.
    noise_rates : iterable of float
        Noise rates g in units of the rate kappa of Eq. (2) (kappa = 1 here).

    Returns
    -------
    pandas.DataFrame
        One row per (g, kind): noise (``"thermal"`` or ``"dephasing"``),
        rate_per_kappa (g, units of kappa), the keys of
        :func:`~dissipative_entanglement.exact.bosonic.bosonic_noise_comparison`
        (epr_fock, epr_moments, epr_closed_form, n_cut), fock_minus_moments and
        moments_minus_closed_form; EPR variances dimensionless.
    """
    rows = []
    for g in noise_rates:
        for kind, kwargs in (
            ("thermal", {"loss": g, "gain": g / 2}),
            ("dephasing", {"dephasing": g}),
        ):
            out = bosonic_noise_comparison(z, n_cut, 1.0, **kwargs)
            rows.append({"noise": kind, "rate_per_kappa": g, **out})
    table = pd.DataFrame(rows)
    table["fock_minus_moments"] = table["epr_fock"] - table["epr_moments"]
    table["moments_minus_closed_form"] = table["epr_moments"] - table["epr_closed_form"]
    return table


def two_level_error_map(z_values, gamma_values, pump_values, optical_depth, t) -> pd.DataFrame:
    """Eq. (14) (adiabatic following) vs the integrated App. C.1 moment equations.

    One row per (Z, Gamma_d^add, x): max over t of |xi(Eq. (14)) - xi_ODE| and where it
    occurs.

    Parameters
    ----------
    z_values : array_like, shape (n_z,)
        Z = 1/(|mu| - |nu|) >= 1, dimensionless.
    gamma_values : array_like, shape (n_g,)
        Additional dephasing Gamma_d^add in units of Gamma.
    pump_values : array_like, shape (n_x,)
        Pump parameter x >= 0, dimensionless.
    optical_depth : float
        Resonant optical depth d of one ensemble, dimensionless.
    t : array_like, shape (n_t,)
        Times in 1/Gamma, non-decreasing, t[0] >= 0.

    Returns
    -------
    pandas.DataFrame
        n_z * n_g * n_x rows (Z slowest, x fastest): Z, gamma_d_add (units of Gamma),
        pump_x, max_abs_difference, t_at_max (1/Gamma), xi_ode_final and xi_closed_final
        (xi at t[-1]); xi columns dimensionless.
    """
    z, g, x = np.meshgrid(z_values, gamma_values, pump_values, indexing="ij")
    rates = two_level_rates(z, g, x)
    t = np.asarray(t, dtype=float)
    ode, _ = xi_moment_equations(t, rates, optical_depth, rtol=1e-10, atol=1e-12)
    closed = xi_closed_form(t.reshape((-1,) + (1,) * z.ndim), rates, optical_depth)
    err = np.abs(closed - ode)
    i = np.argmax(err, axis=0)
    return pd.DataFrame(
        {
            "Z": z.ravel(),
            "gamma_d_add": g.ravel(),
            "pump_x": x.ravel(),
            "max_abs_difference": err.max(axis=0).ravel(),
            "t_at_max": t[i].ravel(),
            "xi_ode_final": ode[-1].ravel(),
            "xi_closed_final": closed[-1].ravel(),
        }
    )


def multilevel_error_map(setup: MultilevelSetup, x_repump, gamma_d_add, t) -> pd.DataFrame:
    """Eq. (28) (adiabatic following) vs the integrated App. D Eqs. (42)–(43), multi-level model.

    Parameters
    ----------
    setup : MultilevelSetup
        The configured scenario (Fig. 7 settings).
    x_repump : array_like
        Repump strengths Omega^2_repump / Omega^2_pump,opt.
    gamma_d_add : array_like
        Additional dephasing in units of Gamma.
    t : array_like
        Times in 1/Gamma.

    Returns
    -------
    DataFrame
        One row per (x_repump, Gamma_d^add), pump at its optimum: max over t of
        |xi(Eq. (28)) - xi_ODE| (``max_abs_difference``), the time of the maximum and the
        final values.
    """
    x = np.asarray(x_repump, dtype=float)
    g = np.asarray(gamma_d_add, dtype=float)
    rates, _ = pumped_rates(setup.rates, x[:, None], setup.options)
    t = np.asarray(t, dtype=float)
    args = (t, rates, setup.optical_depth, setup.rates.z, g[None, :])
    hh_entry = setup.options.hh_entry
    closed, _ = xi_exp_closed_form(*args, hh_entry=hh_entry, F=setup.f_upper)
    ode = xi_exp_moment_equations(*args, hh_entry=hh_entry, F=setup.f_upper)[0]
    err = np.abs(closed - ode)
    xx, gg = np.meshgrid(x, g, indexing="ij")
    return pd.DataFrame(
        {
            "x_repump": xx.ravel(),
            "gamma_d_add": gg.ravel(),
            "max_abs_difference": err.max(axis=0).ravel(),
            "t_at_max": t[np.argmax(err, axis=0)].ravel(),
            "xi_ode_final": ode[-1].ravel(),
            "xi_closed_final": closed[-1].ravel(),
        }
    )


def finite_n_error_map(z_values, gamma_values, pump_values, optical_depth, t, *, n_atoms):
    """Exact finite-N xi(t) against Eq. (14) and the moment equations over (Z, Gamma_d^add, x).

    One exact evolution per map point (a sparse solve each; the map is small, so the loop
    is over points of a coarse map, not a hot path). Columns: Z, gamma_d_add, pump_x,
    n_atoms, max_t |exact - Eq. (14)|, max_t |exact - moments|, max_t |Eq. (14) - moments|.

    Parameters
    ----------
    z_values : iterable of float
        Z = 1/(|mu| - |nu|) >= 1, dimensionless.
    gamma_values : iterable of float
        Additional dephasing Gamma_d^add in units of Gamma.
    pump_values : iterable of float
        Pump parameter x >= 0, dimensionless.
    optical_depth : float
        Resonant optical depth d of one ensemble, dimensionless.
    t : array_like, shape (n_t,)
        Times in 1/Gamma, non-decreasing, t[0] >= 0.
    n_atoms : int
        Atoms per ensemble N of the exact evolution (keyword-only).

    Returns
    -------
    pandas.DataFrame
        One row per (Z, Gamma_d^add, x), Z slowest: Z, gamma_d_add (units of Gamma),
        pump_x, n_atoms, max_abs_exact_minus_eq14, max_abs_exact_minus_moments,
        max_abs_eq14_minus_moments (differences of xi, dimensionless).
    """
    from .finite_n import dynamics_comparison

    rows = []
    for z in z_values:
        for g in gamma_values:
            for x in pump_values:
                dyn = dynamics_comparison(
                    t, [n_atoms], float(z), optical_depth, gamma_d_add=float(g), pump_x=float(x)
                )
                rows.append(
                    {
                        "Z": float(z),
                        "gamma_d_add": float(g),
                        "pump_x": float(x),
                        "n_atoms": int(n_atoms),
                        "max_abs_exact_minus_eq14": float(
                            np.max(np.abs(dyn["xi_exact"] - dyn["xi_closed_form"]))
                        ),
                        "max_abs_exact_minus_moments": float(
                            np.max(np.abs(dyn["xi_exact"] - dyn["xi_moments"]))
                        ),
                        "max_abs_eq14_minus_moments": float(
                            np.max(np.abs(dyn["xi_closed_form"] - dyn["xi_moments"]))
                        ),
                    }
                )
    return pd.DataFrame(rows)
