"""Effect of the collective dephasing terms C, D of App. C.2 on xi (claim C11).

C = N^-1/2 sum_i (mu s_dd,I,i + nu s_uu,II,i), D = (I <-> II), added as
d Gamma_check (D[C] + D[D]) with Gamma_check = 2 Gamma in the paper's basic model (Eq. (11)
and the master equation after it; normalisation as in :mod:`.finite_n`). Since
sum_i s_dd = N/2 - J_x and constants drop out of D[.] for Hermitian jump operators,
C ~ N^-1/2 (-mu J_x,I + nu J_x,II) and D ~ N^-1/2 (nu J_x,I - mu J_x,II): collective rotations
about the polarisation axis with random angles.

What holds exactly (checked here):
* C and D commute with J_x,I and J_x,II, so <J_x> and the denominator of Eq. (3) are untouched,
  and any state diagonal in J_x (e.g. the coherent spin state from which the scheme starts) is
  a fixed point: d xi/dt = 0 there, as App. C.2 states.
* On the entangled state they do act: for O = J_y,I J_y,II,
  d<O>/dt = -(d Gamma_check / N) [(mu^2 + nu^2) <J_y,I J_y,II> + 2 mu nu <J_z,I J_z,II>]
  (the App. C.2 equations keep only the second term), so the inter-ensemble correlations decay
  at a rate 2 d Gamma_check (mu - nu)^2 / N per unit of correlation in the Holstein-Primakoff
  limit. The change of xi is therefore O(1/N) at fixed d: zero for the macroscopic ensembles of
  the paper (N ~ 1e12), visible for N ~ 1-10.
Holstein-Primakoff picture: C -> N^-1/2 (mu a^dag a - nu b^dag b), D -> N^-1/2 (mu b^dag b -
nu a^dag a) with Eq. (2) at kappa = d Gamma P_2 (P_2 = 1 here); the second moments close and
give S = 1 + 2 nu^2 - 2 mu nu kappa / (kappa + gamma_cd), gamma_cd = d Gamma_check (mu-nu)^2/N,
i.e. Delta xi = 2 mu nu gamma_cd / (kappa + gamma_cd) ~ 2 mu nu (mu - nu)^2 Gamma_check / (N Gamma)
(independent of d).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..squeezing import mu_nu_from_z
from .finite_n import build_spin_model, steady_state_vector, xi_from_vectors
from .gaussian import (
    drift_diffusion,
    epr_variance,
    number_operator_matrix,
    steady_covariance,
    two_mode_jump_coefficients,
)

__all__ = [
    "collective_dephasing_liouvillian",
    "collective_dephasing_table",
    "css_rate_of_change",
    "xi_holstein_primakoff",
    "xi_holstein_primakoff_closed_form",
]


def xi_holstein_primakoff(z, optical_depth, n_atoms, gamma_check=2.0, *, with_cd=True):
    """xi = var(x_+) + var(p_-) of the bosonic (Holstein-Primakoff) model with C, D terms.

    Eq. (2) with kappa_A~ = kappa_B~ = d (P_2 = 1, no single-particle noise) plus the jump
    operators sqrt(d Gamma_check / N) (mu a^dag a - nu b^dag b) and
    sqrt(d Gamma_check / N) (mu b^dag b - nu a^dag a) if ``with_cd``; exact second-moment
    route (:mod:`.gaussian`).

    Parameters
    ----------
    z : array_like
        Squeezing parameter Z >= 1 (dimensionless).
    optical_depth : array_like
        Optical depth d (dimensionless); kappa = d Gamma.
    n_atoms : array_like
        Atoms per ensemble N.
    gamma_check : array_like, optional
        Gamma_check in units of Gamma (default 2, the paper's basic model).
    with_cd : bool, optional
        Include the C, D terms (default True). The array inputs broadcast together.

    Returns
    -------
    ndarray
        Steady-state xi (dimensionless) of the broadcast shape.
    """
    mu, nu = mu_nu_from_z(z)
    d = np.asarray(optical_depth, dtype=float)
    coef = two_mode_jump_coefficients(mu, nu, d, d)
    drift, diff = drift_diffusion(coef)
    terms = None
    if with_cd:
        rate = d * np.asarray(gamma_check, float) / np.asarray(n_atoms, float)
        ha, hb = number_operator_matrix("a"), number_operator_matrix("b")
        mu_, nu_ = np.asarray(mu)[..., None, None], np.asarray(nu)[..., None, None]
        terms = [(rate, mu_ * ha - nu_ * hb), (rate, mu_ * hb - nu_ * ha)]
    return epr_variance(steady_covariance(drift, diff, terms))


def xi_holstein_primakoff_closed_form(z, optical_depth, n_atoms, gamma_check=2.0):
    """S = 1 + 2 nu^2 - 2 mu nu kappa/(kappa + gamma_cd), gamma_cd = d Gamma_check (mu-nu)^2/N.

    Closed form of :func:`xi_holstein_primakoff` (kappa = d Gamma).

    Parameters
    ----------
    z : array_like
        Squeezing parameter Z >= 1 (dimensionless).
    optical_depth : array_like
        Optical depth d (dimensionless).
    n_atoms : array_like
        Atoms per ensemble N.
    gamma_check : array_like, optional
        Gamma_check in units of Gamma (default 2). The inputs broadcast together.

    Returns
    -------
    ndarray
        S (dimensionless) of the broadcast shape.
    """
    mu, nu = mu_nu_from_z(z)
    kappa = np.asarray(optical_depth, dtype=float)
    g = kappa * np.asarray(gamma_check, float) * (mu - nu) ** 2 / np.asarray(n_atoms, float)
    return 1 + 2 * nu**2 - 2 * mu * nu * kappa / (kappa + g)


def collective_dephasing_liouvillian(n_atoms, z, optical_depth, gamma_check=2.0):
    """The C, D part d Gamma_check (D[C] + D[D]) of the finite-N Liouvillian (sparse) and model.

    Obtained as L(with C, D) - L(without).

    Parameters
    ----------
    n_atoms : int
        Atoms per ensemble N.
    z : float
        Squeezing parameter Z >= 1 (dimensionless).
    optical_depth : float
        Optical depth d (dimensionless).
    gamma_check : float, optional
        Gamma_check in units of Gamma (default 2).

    Returns
    -------
    l_cd : scipy.sparse.csr_matrix
        The C, D superoperator on the model's sector, units of Gamma.
    model_with_cd : SpinModel
        The model including the C, D terms (:func:`.finite_n.build_spin_model`).
    """
    with_cd = build_spin_model(n_atoms, z, optical_depth, collective_dephasing=gamma_check)
    without = build_spin_model(n_atoms, z, optical_depth)
    return (with_cd.liouvillian - without.liouvillian).tocsr(), with_cd


def css_rate_of_change(n_atoms, z, optical_depth, gamma_check=2.0) -> float:
    """max |L_CD rho_CSS| for the coherent spin state |up..up>|up..up> (exactly 0 in theory).

    Parameters
    ----------
    n_atoms, z, optical_depth, gamma_check
        As in :func:`collective_dephasing_liouvillian`.

    Returns
    -------
    float
        Largest modulus of d rho/dt from the C, D terms at the CSS, units of Gamma.
    """
    l_cd, model = collective_dephasing_liouvillian(n_atoms, z, optical_depth, gamma_check)
    return float(np.max(np.abs(l_cd @ model.css)))


def collective_dephasing_table(
    n_values,
    z: float = 1.6,
    optical_depth: float = 30.0,
    gamma_d_add: float = 0.0,
    gamma_check: float = 2.0,
    *,
    method: str = "direct",
) -> pd.DataFrame:
    """Steady xi with and without the C, D terms, finite-N exact and Holstein-Primakoff.

    The HP columns have only the Eq. (2) terms, no single-particle noise, and so are meant
    for the 1/N scaling, not for the absolute values.

    Parameters
    ----------
    n_values : iterable of int
        Atoms per ensemble N.
    z : float, optional
        Squeezing parameter Z (dimensionless, default 1.6).
    optical_depth : float, optional
        Optical depth d (dimensionless, default 30).
    gamma_d_add : float, optional
        Non-radiative dephasing Gamma_d^add in units of Gamma (finite-N model only).
    gamma_check : float, optional
        Gamma_check in units of Gamma (default 2).
    method : str, optional
        Passed to :func:`.finite_n.steady_state_vector` (default ``"direct"``).

    Returns
    -------
    pandas.DataFrame
        One row per N. Columns: n_atoms, xi_without_cd, xi_with_cd, delta_xi,
        n_times_delta_xi, xi_hp_without_cd, xi_hp_with_cd, delta_xi_hp,
        polarization_without_cd, polarization_with_cd (dimensionless), css_rate
        (max |L_CD rho_CSS|, units of Gamma).
    """
    rows = []
    for n in n_values:
        res = {}
        for g in (0.0, gamma_check):
            model = build_spin_model(int(n), z, optical_depth, gamma_d_add, collective_dephasing=g)
            vec, _ = steady_state_vector(model, method=method)
            res[g] = xi_from_vectors(model, vec)
        hp0 = float(xi_holstein_primakoff(z, optical_depth, n, gamma_check, with_cd=False))
        hp1 = float(xi_holstein_primakoff(z, optical_depth, n, gamma_check, with_cd=True))
        dxi = float(res[gamma_check]["xi"] - res[0.0]["xi"])
        rows.append(
            dict(
                n_atoms=int(n),
                xi_without_cd=float(res[0.0]["xi"]),
                xi_with_cd=float(res[gamma_check]["xi"]),
                delta_xi=dxi,
                n_times_delta_xi=int(n) * dxi,
                xi_hp_without_cd=hp0,
                xi_hp_with_cd=hp1,
                delta_xi_hp=hp1 - hp0,
                polarization_without_cd=float(res[0.0]["polarization"]),
                polarization_with_cd=float(res[gamma_check]["polarization"]),
                css_rate=css_rate_of_change(int(n), z, optical_depth, gamma_check),
            )
        )
    return pd.DataFrame(rows)
