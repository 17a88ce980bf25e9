"""Exact numerics that check the paper's approximations (beyond the paper).

Modules
-------
bosonic : App. A (C10), two bosonic modes on truncated Fock spaces (qutip).
gaussian : exact second-moment (Lyapunov) route for Eq. (2) plus quadratic noise.
collective_dephasing : App. C.2 (C11), effect of the C, D jump operators on xi.
averaged_rates : App. B.2 (C12), Gaussian-averaged pair and inter-ensemble rates.
finite_n : Sec. III.3 master equation for N atoms per ensemble, solved exactly in the
    permutation-invariant basis; xi_inf(N) versus Eq. (15), xi(t) versus Eq. (14).
three_level : the three-level Cs model (Eqs. (26)–(30)) for N atoms per ensemble, exact in
    a permutation-invariant count basis; xi_exp against Eq. (30) and Eq. (28).
cumulants : second- and third-order cumulant expansions of the same three-level master
    equation, any N (to the experiment's ~1e12); xi_exp against Eq. (30) and the exact solves.

qutip (the ``exact`` extra) is imported lazily inside the functions that need it. See
docs/exact_checks.md for what each check computes and the numbers it gives.
"""

from .averaged_rates import (
    averaged_rate_table,
    inter_ensemble_rate,
    inter_ensemble_table,
    pair_lamb_shift,
    pair_rate,
    pair_rate_closed_form,
    pair_rate_exact,
)
from .bosonic import (
    bosonic_convergence,
    bosonic_noise_comparison,
    bosonic_steady_state,
    liouvillian_zero_eigenvalues,
    tms_state,
)
from .collective_dephasing import (
    collective_dephasing_table,
    css_rate_of_change,
    xi_holstein_primakoff,
    xi_holstein_primakoff_closed_form,
)
from .finite_n import (
    build_spin_model,
    dynamics_comparison,
    finite_n_fit_table,
    finite_n_table,
    fit_finite_n_approach,
    fit_n_min,
    xi_brute_force,
    xi_finite_n,
    xi_finite_n_dynamics,
)
from .gaussian import (
    covariance_evolution,
    drift_diffusion,
    epr_variance,
    steady_covariance,
    two_mode_steady_state,
)

__all__ = [
    "averaged_rate_table",
    "bosonic_convergence",
    "bosonic_noise_comparison",
    "bosonic_steady_state",
    "build_spin_model",
    "collective_dephasing_table",
    "covariance_evolution",
    "css_rate_of_change",
    "drift_diffusion",
    "dynamics_comparison",
    "epr_variance",
    "finite_n_fit_table",
    "finite_n_table",
    "fit_finite_n_approach",
    "fit_n_min",
    "inter_ensemble_rate",
    "inter_ensemble_table",
    "liouvillian_zero_eigenvalues",
    "pair_lamb_shift",
    "pair_rate",
    "pair_rate_closed_form",
    "pair_rate_exact",
    "steady_covariance",
    "tms_state",
    "two_mode_steady_state",
    "xi_brute_force",
    "xi_finite_n",
    "xi_finite_n_dynamics",
    "xi_holstein_primakoff",
    "xi_holstein_primakoff_closed_form",
]
