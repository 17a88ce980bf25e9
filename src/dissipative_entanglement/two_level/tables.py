"""Tidy data of Figs. 3 and 4 (one row per point; columns as in docs/interface.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .optimum import OptimizerOptions, xi_optimal
from .rates import polarization_steady
from .steady_state import xi_steady_state


def fig3_table(z, gamma_d_add, optical_depth) -> pd.DataFrame:
    """Fig. 3: xi_inf of Eq. (15) versus Z for each Gamma_d^add, probe only (x = 0).

    Parameters
    ----------
    z : array_like, 1-D
        Squeezing parameters Z >= 1 (dimensionless).
    gamma_d_add : array_like, 1-D
        Non-radiative dephasing values Gamma_d^add in units of Gamma.
    optical_depth : float
        Resonant optical depth d of one ensemble (dimensionless).

    Returns
    -------
    pandas.DataFrame
        One row per (Gamma_d^add, Z), Gamma_d^add outermost. Columns: Z, gamma_d_add (units
        of Gamma), xi_inf, plus optical_depth, P2_inf and xi_ideal = 1/Z^2 (the noise-free
        limit of Sec. II); all but gamma_d_add dimensionless.
    """
    g, zz = np.meshgrid(np.asarray(gamma_d_add, float), np.asarray(z, float), indexing="ij")
    return pd.DataFrame(
        {
            "Z": zz.ravel(),
            "gamma_d_add": g.ravel(),
            "xi_inf": xi_steady_state(zz, optical_depth, g).ravel(),
            "optical_depth": np.full(zz.size, float(optical_depth)),
            "P2_inf": np.broadcast_to(polarization_steady(zz), zz.shape).ravel(),
            "xi_ideal": (1.0 / zz**2).ravel(),
        }
    )


def fig4_table(pump_x, gamma_d_add, optical_depth, options: OptimizerOptions) -> pd.DataFrame:
    """Fig. 4: xi_inf^opt = min_Z xi_inf of Eq. (15) versus pump parameter x per Gamma_d^add.

    Parameters
    ----------
    pump_x : array_like, 1-D
        Pump parameters x >= 0 (dimensionless).
    gamma_d_add : array_like, 1-D
        Non-radiative dephasing values Gamma_d^add in units of Gamma.
    optical_depth : float
        Resonant optical depth d of one ensemble (dimensionless).
    options : OptimizerOptions
        Search interval and tolerance of :func:`~.optimum.xi_optimal`.

    Returns
    -------
    pandas.DataFrame
        One row per (Gamma_d^add, x), Gamma_d^add outermost. Columns: pump_x, gamma_d_add
        (units of Gamma), xi_opt, Z_opt, plus optical_depth and z_at_boundary (True if the
        minimum sits on the edge of the search interval).
    """
    g, x = np.meshgrid(np.asarray(gamma_d_add, float), np.asarray(pump_x, float), indexing="ij")
    result = xi_optimal(optical_depth, g, x, options)
    return pd.DataFrame(
        {
            "pump_x": x.ravel(),
            "gamma_d_add": g.ravel(),
            "xi_opt": result.xi_opt.ravel(),
            "Z_opt": result.z_opt.ravel(),
            "optical_depth": np.full(x.size, float(optical_depth)),
            "z_at_boundary": result.at_boundary.ravel(),
        }
    )


def fig4_inset_table(z, pump_x) -> pd.DataFrame:
    """Inset of Fig. 4: steady-state polarization P_2,inf of Eq. (15) versus Z per pump x.

    Parameters
    ----------
    z : array_like, 1-D
        Squeezing parameters Z >= 1 (dimensionless).
    pump_x : array_like, 1-D
        Pump parameters x >= 0 (dimensionless).

    Returns
    -------
    pandas.DataFrame
        One row per (x, Z), x outermost; columns Z, pump_x, P2 (all dimensionless).
    """
    x, zz = np.meshgrid(np.asarray(pump_x, float), np.asarray(z, float), indexing="ij")
    return pd.DataFrame(
        {"Z": zz.ravel(), "pump_x": x.ravel(), "P2": polarization_steady(zz, x).ravel()}
    )
