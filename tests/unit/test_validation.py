"""Exact-numerics checks: the table builders (a fast run of the `validation` target is in
tests/workflow/test_validation_workflow.py)."""

import numpy as np

from dissipative_entanglement.exact.checks import (
    bosonic_noise_table,
    bosonic_table,
    multilevel_error_map,
    two_level_error_map,
)

from ..helpers import paper_setup


def test_two_level_error_map_vanishes_where_eq14_is_exact():
    """Z = 1 keeps P_2 = 1 for all t, so Eq. (14) solves the moment equations exactly."""
    t = np.linspace(0.0, 5.0, 101)
    table = two_level_error_map([1.0, 2.0], [0.0, 10.0], [0.0], 30.0, t)
    exact = table[table["Z"] == 1.0]["max_abs_difference"]
    assert exact.max() <= 1e-8  # ODE tolerances rtol 1e-10, atol 1e-12 over ~100 steps
    assert table[table["Z"] == 2.0]["max_abs_difference"].min() > 1e-4


def test_multilevel_error_map_shrinks_with_repump():
    t = np.linspace(0.0, 1.0, 51)
    table = multilevel_error_map(paper_setup(), [0.01, 10.0], [0.0], t)
    weak, strong = table.sort_values("x_repump")["max_abs_difference"]
    assert 0 < strong < weak  # slower population change -> better adiabatic following


def test_bosonic_tables_compare_what_they_say():
    b = bosonic_table(1.5, [2, 4, 6])
    np.testing.assert_allclose(b["infidelity"], b["tail_weight"], rtol=1e-6)
    assert (b["n_zero_eigenvalues"].dropna() == 1).all()
    n = bosonic_noise_table(1.5, 8, [0.0, 0.1])
    assert np.all(np.abs(n["moments_minus_closed_form"]) <= 1e-12)
