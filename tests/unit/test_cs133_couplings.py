"""Exact hyperfine couplings and the squeezing parameters mu, nu, Z of Cs-133 (Sec. IV.1).

The paper's atoms through the species-generic module, against Steck's tables and the
paper's printed numbers.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from dissipative_entanglement.atoms import couplings as gc
from dissipative_entanglement.atoms.species import CS133

CS = "Cs133"
D1, D2 = CS133.d1, CS133.d2
#: the detuning references the paper's readings use for Cs D2 (F=4 -> ...)
DETUNING_REFERENCES = ("F5", "F4", "F3", "F2", "centroid", "strength_centroid")


def dipole_matrix_element_exact(line, f, m, f_exc, m_exc):
    return gc.dipole_matrix_element_exact(CS, line, (f, m), (f_exc, m_exc))


def relative_strength_exact(line, f, f_exc):
    return gc.relative_strength_exact(CS, line, f, f_exc)


def excited_states(line):
    return gc.excited_states(CS, line.name)


def ground_states():
    return gc.ground_states(CS)


def squeezing_parameters(detuning, polarization, **kwargs):
    kwargs.setdefault("detuning_reference", "F5")
    return gc.squeezing_parameters(CS, "D2", detuning, polarization, **kwargs)


# exact rationals converted once to float: only rounding of a few operations remains
FLOAT_TOL = 1e-12
# detuning grids with the laser outside the 6P3/2 manifold (blue of F'=5 / red of F'=2),
# on the side where mu^2 - nu^2 = 1 has a solution (docs/cesium_model.md)
BLUE_MHZ = np.linspace(300.0, 1500.0, 121)
RED_MHZ = -BLUE_MHZ
RED_OF_F2_FROM_F5_MHZ = np.linspace(-1500.0, -700.0, 81)


@pytest.mark.parametrize("line", [D1, D2], ids=["D1", "D2"])
def test_branching_ratios_sum_to_one_exactly(line):
    for f_exc, m_exc in excited_states(line):
        total = sum(
            dipole_matrix_element_exact(line.name, f, m, f_exc, m_exc) ** 2
            for f, m in ground_states()
        )
        assert sympy.simplify(total - 1) == 0
    rows = gc.coupling_table(CS, line.name).branching.sum(axis=1)
    np.testing.assert_allclose(rows, 1.0, rtol=0, atol=FLOAT_TOL)


@pytest.mark.parametrize(
    ("line", "f", "expected"),
    [
        ("D2", 4, {3: sympy.Rational(7, 72), 4: sympy.Rational(7, 24), 5: sympy.Rational(11, 18)}),
        ("D2", 3, {2: sympy.Rational(5, 14), 3: sympy.Rational(3, 8), 4: sympy.Rational(15, 56)}),
        ("D1", 4, {3: sympy.Rational(7, 12), 4: sympy.Rational(5, 12)}),
        ("D1", 3, {3: sympy.Rational(1, 4), 4: sympy.Rational(3, 4)}),
    ],
)
def test_relative_strengths_steck(line, f, expected):
    """S_FF' of Steck Tables 7 (D2) and 8 (D1); sum over F' is 1."""
    for f_exc, value in expected.items():
        assert relative_strength_exact(line, f, f_exc) == value
    assert sum(expected.values()) == 1


@pytest.mark.parametrize("line", [D1, D2], ids=["D1", "D2"])
def test_matrix_elements_reduce_to_strength_factors(line):
    """sum_(m, m', q) c^2 = S_FF' (2F+1)(2J'+1)/(2J+1): 3j and 6j parts agree."""
    two_jp_plus_1 = int(2 * line.j_excited + 1)
    for f in (3, 4):
        for f_exc in line.excited_f:
            total = sum(
                dipole_matrix_element_exact(line.name, f, m, fe, me) ** 2
                for (ff, m) in ground_states()
                if ff == f
                for (fe, me) in excited_states(line)
                if fe == f_exc
            )
            expected = relative_strength_exact(line.name, f, f_exc) * (2 * f + 1) * two_jp_plus_1
            assert sympy.simplify(total - expected / 2) == 0


def test_mirror_symmetry_of_matrix_elements():
    for f, m in ground_states():
        for f_exc, m_exc in excited_states(D2):
            a = dipole_matrix_element_exact("D2", f, m, f_exc, m_exc)
            b = dipole_matrix_element_exact("D2", f, -m, f_exc, -m_exc)
            assert abs(a) == abs(b)


def test_cycling_transition_has_unit_strength():
    assert dipole_matrix_element_exact("D2", 4, 4, 5, 5) ** 2 == 1


def test_level_detunings_reference():
    delta = gc.level_detunings_MHz(CS, "D2", np.array([700.0, -700.0]), "F5")  # (2, nF', 16)
    i44 = ground_states().index((4, 4))
    k5, k4 = D2.excited_f.index(5), D2.excited_f.index(4)
    np.testing.assert_allclose(delta[:, k5, i44], [700.0, -700.0], atol=1e-9)
    np.testing.assert_allclose(delta[:, k4, i44], np.array([700.0, -700.0]) + 251.0916, atol=1e-9)
    offset = gc.reference_offset_MHz(CS, "D2", "F2")
    assert offset == pytest.approx(-(251.0916 + 201.2871 + 151.2247), abs=1e-9)
    assert gc.reference_offset_MHz(CS, "D2", "highest") == 0.0
    with pytest.raises(ValueError):
        gc.reference_offset_MHz(CS, "D2", "F6")


@pytest.mark.parametrize(
    ("polarization", "grid", "reference"),
    [
        ("y", BLUE_MHZ, "F5"),
        ("y", BLUE_MHZ, "F4"),
        ("x", RED_OF_F2_FROM_F5_MHZ, "F5"),
        ("x", RED_MHZ, "F2"),
    ],
)
def test_mu_nu_normalisation_and_z(polarization, grid, reference):
    p = squeezing_parameters(grid, polarization, detuning_reference=reference)
    assert p.mu.shape == grid.shape
    np.testing.assert_allclose(p.mu**2 - p.nu**2, 1.0, rtol=0, atol=FLOAT_TOL)
    assert np.all(p.z > 1.0)
    np.testing.assert_allclose(p.z, 1.0 / (np.abs(p.mu) - np.abs(p.nu)), rtol=1e-10)
    # "(Both parameters, mu and nu, are positive.)" on the working side (Sec. IV.1)
    assert np.all(p.mu > 0) and np.all(p.nu > 0)


def test_no_solution_on_the_wrong_side():
    """y probe far red / x probe far blue: |active| > |passive|, mu, nu, Z undefined."""
    assert np.all(np.isnan(squeezing_parameters(-1e5, "y").z))
    assert np.all(np.isnan(squeezing_parameters(1e5, "x").z))


def test_vectorised_shapes():
    grid = np.linspace(400.0, 900.0, 6).reshape(2, 3)
    p = squeezing_parameters(grid, "y")
    assert p.z.shape == (2, 3)
    np.testing.assert_allclose(p.z[1, 2], squeezing_parameters(900.0, "y").z, rtol=1e-15)


@pytest.mark.parametrize("polarization", ["y", "x"])
@pytest.mark.parametrize("reference", DETUNING_REFERENCES)
def test_ensemble_two_is_mirror(polarization, reference):
    grid = BLUE_MHZ if polarization == "y" else RED_MHZ
    one = squeezing_parameters(grid, polarization, detuning_reference=reference)
    two = squeezing_parameters(grid, polarization, detuning_reference=reference, ensemble="II")
    np.testing.assert_allclose(two.mu, one.mu, rtol=FLOAT_TOL, equal_nan=True)
    np.testing.assert_allclose(two.nu, one.nu, rtol=FLOAT_TOL, equal_nan=True)


@pytest.mark.parametrize("polarization", ["y", "x"])
def test_far_detuned_vector_limit_exact(polarization):
    """sum_F' c_F' of passive and active processes agree in magnitude exactly (vector limit)."""
    coeff = gc.raman_coefficients(CS, "D2", polarization)
    gs = ground_states()
    up, down = gs.index((4, 4)), gs.index((4, 3))
    passive = coeff[:, down, up, :].sum()
    active = coeff[:, up, down, :].sum()
    assert abs(passive) == pytest.approx(abs(active), rel=FLOAT_TOL)
    assert abs(passive) > 0


@pytest.mark.parametrize(("polarization", "sign"), [("y", 1.0), ("x", -1.0)])
def test_large_detuning_limit(polarization, sign):
    """Z -> infinity as sqrt(|Delta|): Z^2/Delta -> 2/(P1/P0 - A1/A0) (docs derivation).

    Corrections are O(delta_hfs/Delta) with delta_hfs <= 604 MHz, i.e. < 1e-3 relative at
    |Delta| = 1e6 MHz and < 1e-4 at 1e7 MHz.
    """
    slope = gc.far_detuned_z_squared_slope_per_MHz(CS, "D2", polarization)
    assert np.sign(slope) == sign
    for delta, tol in ((1e6, 1e-3), (1e7, 1e-4)):
        z = squeezing_parameters(sign * delta, polarization).z
        assert z**2 / (sign * delta) == pytest.approx(slope, rel=tol)
    p = squeezing_parameters(sign * np.array([1e5, 1e6, 1e7]), polarization)
    assert np.all(np.diff(p.z) > 0)
    assert p.nu[-1] / p.mu[-1] == pytest.approx(1.0, abs=1e-3)


def test_red_variant_reading_reproduces_paper_rounding():
    """Sec. IV.1: "Z = 2.4 for Delta = -700MHz" (x probe). One printed decimal: +-0.05.

    Counting Delta from F=4 -> F'=2 (the lowest 6P3/2 level) is the reading that lands in
    that interval; F'=5, 4, 3 and the centroids do not (docs/cesium_model.md).
    """
    z = {
        ref: float(squeezing_parameters(-700.0, "x", detuning_reference=ref).z)
        for ref in DETUNING_REFERENCES
    }
    assert abs(z["F2"] - 2.4) <= 0.05
    assert all(abs(v - 2.4) > 0.05 for k, v in z.items() if k != "F2")
