"""The exact N-atom three-level model (exact/three_level.py) on the paper's Cs and what it shows.

Independent checks: the full tensor-product master equation built here with qutip (N = 1, 2);
the two-level PIQS model of exact/finite_n.py when |h> is never populated; the d = 0 limit,
where populations obey Eq. (26) exactly and Sigma_J,2 = N_2; the 1/N law of the error
against Eqs. (26)-(30) and its N -> infinity limit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from dissipative_entanglement.exact.finite_n import xi_finite_n
from dissipative_entanglement.exact.three_level import (
    build_three_level_model,
    h_flux_balance,
    sigma_and_populations,
    steady_state,
    steady_state_residual,
    steady_state_vector,
    three_level_dynamics_table,
    three_level_fit_table,
    three_level_operators,
    three_level_steady_table,
)
from dissipative_entanglement.multilevel.entanglement import xi_exp_from_sigma
from dissipative_entanglement.multilevel.model import ThreeLevelRates
from dissipative_entanglement.multilevel.options import MultilevelOptions
from dissipative_entanglement.multilevel.pump import pumped_rates
from dissipative_entanglement.squeezing import mu_nu_from_z

from ..helpers import paper_setup

SETUP = paper_setup(optical_depth=None)
RATES = ThreeLevelRates(
    up_down=0.3, down_up=1.2, up_h=0.2, down_h=0.5, h_up=0.7, h_down=0.4, up_up=0.3, down_down=0.6
)


def brute_force(n_atoms, rates, optical_depth, z, gamma_d_add, t=None):
    """Two ensembles of N three-level atoms in the full tensor product (qutip), written here:
    A = mu J_I + nu J_II^dag, B = mu J_II + nu J_I^dag, J = N^-1/2 sum |up><down|."""
    qt = pytest.importorskip("qutip")
    mu, nu = mu_nu_from_z(z)
    sites = 2 * n_atoms

    def op(site, a, b):
        ops = [qt.qeye(3)] * sites
        ops[site] = qt.basis(3, a) * qt.basis(3, b).dag()
        return qt.tensor(ops)

    ens_i, ens_ii = range(n_atoms), range(n_atoms, sites)

    def total(ens, a, b):
        return sum(op(k, a, b) for k in ens)

    j_i, j_ii = total(ens_i, 0, 1), total(ens_ii, 0, 1)
    a_op = (mu * j_i + nu * j_ii.dag()) / np.sqrt(n_atoms)
    b_op = (mu * j_ii + nu * j_i.dag()) / np.sqrt(n_atoms)
    c_ops = [np.sqrt(optical_depth) * a_op, np.sqrt(optical_depth) * b_op]
    r = rates.as_dict()
    names = {
        (0, 1): "up_down",
        (1, 0): "down_up",
        (0, 2): "up_h",
        (1, 2): "down_h",
        (2, 0): "h_up",
        (2, 1): "h_down",
    }
    for k in range(sites):
        for (a, b), name in names.items():
            if r[name]:
                c_ops.append(np.sqrt(r[name]) * op(k, b, a))
        c_ops.append(np.sqrt(r["up_up"]) * op(k, 0, 0))
        c_ops.append(np.sqrt(r["down_down"] + gamma_d_add) * op(k, 1, 1))
    jy = (j_i + j_i.dag()) / 2 + (j_ii + j_ii.dag()) / 2
    jz = 1j * (j_i.dag() - j_i) / 2 - 1j * (j_ii.dag() - j_ii) / 2
    e_ops = [jy * jy, jz * jz, jy, jz, total(ens_i, 0, 0), total(ens_i, 1, 1)]
    zero = 0 * op(0, 0, 0)
    if t is None:
        rho = qt.steadystate(zero, c_ops)
        values = [qt.expect(e, rho) for e in e_ops]
    else:
        up = qt.tensor([qt.basis(3, 0) * qt.basis(3, 0).dag()] * sites)
        res = qt.mesolve(zero, up, t, c_ops, e_ops=e_ops, options={"atol": 1e-11, "rtol": 1e-9})
        values = [np.asarray(v) for v in res.expect]
    yy, zz, y, zm, n_up, n_down = (np.real(v) for v in values)
    sigma2 = (yy - y**2 + zz - zm**2) / n_atoms
    return sigma2, n_up / n_atoms, n_down / n_atoms


@pytest.mark.parametrize("n_atoms", [1, 2])
@pytest.mark.parametrize("optical_depth", [0.0, 2.0, 30.0])
def test_steady_state_against_the_full_tensor_product(n_atoms, optical_depth):
    model = build_three_level_model(n_atoms, RATES, optical_depth, 1.6, 0.1)
    q = sigma_and_populations(model, steady_state_vector(model))
    sigma2, n_up, n_down = brute_force(n_atoms, RATES, optical_depth, 1.6, 0.1)
    # both are direct solves of a linear system of size <= 6561: rounding ~1e-12
    assert q["sigma2"] == pytest.approx(sigma2, abs=1e-9)
    assert q["n_up"] == pytest.approx(n_up, abs=1e-10)
    assert q["n_down"] == pytest.approx(n_down, abs=1e-10)


def test_dynamics_against_the_full_tensor_product():
    """Fig. 8-like evolution from all atoms in |up>, N = 2, against qutip's mesolve."""
    import scipy.sparse.linalg as spla

    rates = ThreeLevelRates(up_down=0.3, down_up=2.0, up_h=0.2, down_h=0.5, down_down=1.0)
    t = np.linspace(0.0, 1.0, 6)
    model = build_three_level_model(2, rates, 5.0, 1.6, 0.0)
    vecs = spla.expm_multiply(model.liouvillian, model.initial, start=0, stop=1.0, num=6).T
    q = sigma_and_populations(model, vecs)
    sigma2, n_up, n_down = brute_force(2, rates, 5.0, 1.6, 0.0, t=t)
    # mesolve tolerance 1e-9 relative on quantities of order one
    np.testing.assert_allclose(q["sigma2"], sigma2, atol=1e-7)
    np.testing.assert_allclose(q["n_up"], n_up, atol=1e-7)
    np.testing.assert_allclose(q["n_down"], n_down, atol=1e-7)


@pytest.mark.parametrize("n_atoms", [1, 2, 3, 4])
def test_two_level_limit_is_the_piqs_model(n_atoms):
    """With |h> never populated (no rate into it; an initial h population would leave), the
    model is the two-level master equation of exact/finite_n.py (Sec. III.3, PIQS basis)."""
    z, d, x = 1.6, 5.0, 1.0
    mu, nu = mu_nu_from_z(z)
    cool, heat = (1 + x) * mu**2, nu**2
    rates = ThreeLevelRates(up_down=heat, down_up=cool, down_down=2 * (cool + heat), h_up=1.0)
    model = build_three_level_model(n_atoms, rates, d, z, 0.0)
    q = sigma_and_populations(model, steady_state_vector(model))
    xi = q["sigma2"] / (q["n_up"] - q["n_down"])  # Eq. (3): Sigma / (2 <J_x> / N)
    assert q["n_h"] == pytest.approx(0.0, abs=1e-12)
    assert xi == pytest.approx(xi_finite_n(n_atoms, z, d, 0.0, x).xi, rel=1e-10)


@pytest.mark.parametrize("n_atoms", [1, 2])
@pytest.mark.parametrize(("optical_depth", "x_repump"), [(1.0, 0.01), (30.0, 1.0), (3.0, 10.0)])
def test_operating_point_xi_against_the_full_tensor_product(n_atoms, optical_depth, x_repump):
    """xi_exp of the table (Cs rates, pump at its optimum) against the qutip tensor product
    with the same rates, through the same Eqs. (17)-(19)."""
    table = three_level_steady_table(SETUP, [n_atoms], [x_repump], [optical_depth], 0.0)
    pumped, _ = pumped_rates(SETUP.rates, x_repump, SETUP.options)
    rates = ThreeLevelRates(**{k: float(np.ravel(v)[0]) for k, v in pumped.as_dict().items()})
    sigma2, n_up, n_down = brute_force(n_atoms, rates, optical_depth, float(SETUP.rates.z), 0.0)
    pops = np.array([n_up, n_down, 1.0 - n_up - n_down])
    xi = xi_exp_from_sigma(sigma2, pops, F=SETUP.f_upper)
    row = table.iloc[0]
    # two direct solves of systems of size <= 6561 with rates ~1e-3..30: rounding ~1e-12
    assert row["xi_exact"] == pytest.approx(float(xi), abs=1e-9)
    assert row["n_up_exact"] == pytest.approx(n_up, abs=1e-10)
    assert row["n_down_exact"] == pytest.approx(n_down, abs=1e-10)
    assert row["residual"] < 1e-13 and row["solver"] == "direct"


def test_invariants_of_the_liouvillian():
    model = build_three_level_model(3, RATES, 4.0, 1.6, 0.2)
    # trace preservation: Tr(L rho) = 0 for every basis element
    assert np.abs(model.trace @ model.liouvillian).max() < 1e-12
    state = steady_state(model)
    q = sigma_and_populations(model, state.vector)
    # I <-> II symmetry and rho = rho^dag: neither is imposed by the solve
    assert q["asymmetry"] < 1e-13 and q["hermiticity"] < 1e-13
    # the |h> row of Eq. (26) holds at every N: flux in = flux out, both nonzero here
    assert q["n_h"] > 0.1 and abs(h_flux_balance(q, RATES)) < 1e-12
    assert state.residual < 1e-14
    assert model.liouvillian.shape[0] == 287  # the sector size quoted in the docs


def test_the_invariant_checks_can_fail():
    """hermiticity, h_flux_balance and the residual are large for states that are not
    stationary or not Hermitian (so that the checks above can fail)."""
    model = build_three_level_model(2, RATES, 4.0, 1.6, 0.2)
    q = sigma_and_populations(model, model.initial)  # all |up>: Hermitian, not stationary
    assert q["hermiticity"] == 0.0
    assert h_flux_balance(q, RATES) == pytest.approx(1.0)  # flux in only
    vec = steady_state(model).vector
    assert steady_state_residual(model, model.initial) > 1e-2
    bad = vec.copy()
    off = np.flatnonzero(model.adjoint != np.arange(len(vec)))[0]  # a coherence
    bad[off] += 1e-3
    assert sigma_and_populations(model, bad)["hermiticity"] > 1e-6


@pytest.mark.parametrize("x_repump", [0.01, 1.0])
def test_gmres_agrees_with_the_direct_solve(x_repump):
    """GMRES on L - w tr^T (rtol 1e-12) and SuperLU with two orderings give one state."""
    pumped, _ = pumped_rates(SETUP.rates, x_repump, SETUP.options)
    rates = ThreeLevelRates(**{k: float(np.ravel(v)[0]) for k, v in pumped.as_dict().items()})
    model = build_three_level_model(4, rates, 30.0, float(SETUP.rates.z), 0.0)
    direct = steady_state(model, solver="direct")
    colamd = steady_state(model, solver="direct", ordering="COLAMD")
    gmres = steady_state(model, solver="gmres", rtol=1e-12)
    assert gmres.solver == "gmres" and gmres.converged and gmres.iterations > 0
    assert direct.residual < 1e-13 and colamd.residual < 1e-13
    # GMRES stops at ||r||_2 <= 1e-12 ||w||_2; the condition number of the shifted
    # operator (rates from 1e-3 to 30) turns that into ~1e-9 on order-one quantities
    assert gmres.residual < 1e-10
    for other in (colamd, gmres):
        a = sigma_and_populations(model, direct.vector)
        b = sigma_and_populations(model, other.vector)
        for key in ("sigma2", "n_up", "n_down"):
            assert b[key] == pytest.approx(a[key], abs=1e-9)
    auto = steady_state(model, direct_max_dim=100)  # sector 940 > 100: GMRES
    assert auto.solver == "gmres"
    with pytest.raises(ValueError, match="unknown solver"):
        steady_state(model, solver="lu")


def test_no_collective_term_reproduces_eq_30_exactly():
    """d = 0: populations obey Eq. (26) exactly and Sigma_J,2 = N_2, for every N."""
    table = three_level_steady_table(SETUP, [1, 3], [0.1, 10.0], [0.0], 0.0)
    assert np.abs(table["error"]).max() < 1e-12
    assert np.abs(table["n_up_exact"] - table["n_up_eq26"]).max() < 1e-12


def test_eqs_26_to_30_are_the_large_n_limit():
    """Steady state at d = 1: the error falls as a1/N and its N -> infinity limit (fit over
    N = 2..5) is zero to 1 % of the error at N = 5, the least the data can resolve."""
    table = three_level_steady_table(SETUP, [1, 2, 3, 4, 5], [0.01, 1.0], [1.0], 0.0)
    fit = three_level_fit_table(table)
    for _, row in fit.iterrows():
        assert abs(row["a0"]) < 0.01 * abs(row["error_at_n_max"])
        assert row["a1"] > 0  # finite N is less entangled than the large-N formula
    part = table[table["x_repump"] == 1.0]
    n_err = part["n_atoms"] * part["error"]
    assert np.all(np.diff(part["error"]) < 0)  # monotone in N
    assert n_err.max() / n_err.min() < 1.1  # N * error nearly constant: the 1/N law


def test_fig8_dynamics_approach_eq_28_as_one_over_n():
    t = np.linspace(0.0, 1.0, 11)
    table = three_level_dynamics_table(SETUP, [2, 4], t, [1.0], 0.0)
    late = table[table["t"] == 1.0].set_index("n_atoms")["error"]
    assert late[4] == pytest.approx(late[2] / 2, rel=0.1)  # 1/N, with O(1/N^2) left
    assert np.abs(table[table["t"] == 0.0]["error"]).max() < 1e-12  # CSS at t = 0


def test_manifold_reading_is_checked_with_the_paper_reading():
    setup = SETUP.replace(options=MultilevelOptions(h_return="lower_manifold"))
    table = three_level_steady_table(setup, [1, 2, 3], [1.0], [0.0], 0.0)
    assert table["note"].str.contains("h_return = absorbing").all()


def _permuted(matrix, perm):
    """P L P^T for the basis permutation k -> perm[k]."""
    inverse = np.argsort(perm)
    return matrix[inverse][:, inverse]


def test_exchange_and_conjugation_commute_with_the_liouvillian():
    """The two permutations the reduced solve relies on are symmetries of L (N = 3, with
    every rate nonzero), and the commutator test fails for an L that breaks one."""
    ops = three_level_operators(3, 1.6)
    model = ops.model(RATES, 4.0, 0.2)
    i, j = ops.sector.pairs
    swap = ops.sector.flat(j, i)
    adjoint = ops.sector.transposed
    lmat = model.liouvillian.tocsr()
    scale = np.abs(lmat).max()
    for perm in (swap, adjoint):
        assert not np.array_equal(perm, np.arange(len(perm)))
        assert np.abs(_permuted(lmat, perm) - lmat).max() < 1e-13 * scale
    # Gamma_d^add on ensemble I only: not symmetric under the exchange
    extra = 0.5 * sp.diags(-ops.ens.counts[:, 3] + 0.0)  # a diagonal, ensemble I only
    eye = sp.identity(len(ops.ens.counts))
    rows, cols, vals = ops.sector.kron(extra, eye)
    broken = lmat + sp.csr_matrix((vals, (rows, cols)), shape=lmat.shape)
    assert np.abs(_permuted(broken, swap) - broken).max() > 0.1


@pytest.mark.parametrize("solver", ["direct", "gmres"])
@pytest.mark.parametrize("n_atoms", [2, 4])
def test_reduced_solve_equals_the_full_sector(n_atoms, solver):
    """Solving on the orbits gives the full sector's state (both solvers, N = 2 and 4)."""
    full = build_three_level_model(n_atoms, RATES, 30.0, 1.6, 0.1)
    reduced = build_three_level_model(n_atoms, RATES, 30.0, 1.6, 0.1, reduced=True)
    # orbits of a group of order 4: at least a quarter, fewer than half with few fixed points
    assert full.liouvillian.shape[0] / 4 <= reduced.liouvillian.shape[0]
    assert reduced.liouvillian.shape[0] < 0.55 * full.liouvillian.shape[0]
    assert reduced.sector_dim == full.liouvillian.shape[0] and reduced.reduced
    assert reduced.decay_scale == pytest.approx(full.decay_scale, rel=1e-14)
    a = sigma_and_populations(full, steady_state(full, solver="direct").vector)
    state = steady_state(reduced, solver=solver)
    b = sigma_and_populations(reduced, state.vector)
    assert state.residual < 1e-12
    for key in ("sigma2", "n_up", "n_down", "n_h"):
        assert b[key] == pytest.approx(a[key], abs=1e-11)
    # the reduced state expanded to the sector solves the full equations
    ops = three_level_operators(n_atoms, 1.6, reduced=True)
    expanded = state.vector[ops.reduction.orbit]
    assert steady_state_residual(full, expanded) < 1e-12


def test_steady_table_is_the_same_for_any_number_of_processes_and_basis():
    kwargs = {"direct_max_dim": 100}  # N = 3 (287 coefficients): GMRES, reduced
    one = three_level_steady_table(SETUP, [1, 3, 2], [0.1, 1.0], [3.0, 30.0], 0.0, **kwargs)
    two = three_level_steady_table(
        SETUP, [1, 3, 2], [0.1, 1.0], [3.0, 30.0], 0.0, processes=2, **kwargs
    )
    pd.testing.assert_frame_equal(one, two)
    assert list(one["n_atoms"][:3]) == [1, 3, 2]  # rows in the order of the arguments
    assert set(one[one["n_atoms"] == 3]["symmetry"]) == {"reduced"}
    assert set(one[one["n_atoms"] == 1]["symmetry"]) == {"full"}
    full = three_level_steady_table(SETUP, [3], [0.1, 1.0], [3.0, 30.0], 0.0, symmetry="full")
    red = one[one["n_atoms"] == 3].reset_index(drop=True)
    assert np.abs(full["xi_exact"] - red["xi_exact"]).max() < 1e-10
    assert (red["hermiticity"] == 0).all() and (full["hermiticity"] > 0).any()
    with pytest.raises(ValueError, match="unknown symmetry"):
        three_level_steady_table(SETUP, [1], [1.0], [1.0], 0.0, symmetry="half")


def test_fit_table_uncertainties():
    """On errors that are exactly a0 + a1/N + a2/N^2 the fit recovers the coefficients with
    zero truncation; a 1/N^3 term shows up as truncation and the four-term fit removes it."""
    n = np.arange(4, 12)
    table = pd.DataFrame(
        {
            "optical_depth": 30.0,
            "x_repump": 1.0,
            "n_atoms": n,
            "error": 1e-3 + 1.4 / n - 2.0 / n**2,
        }
    )
    row = three_level_fit_table(table).iloc[0]
    assert row["a0"] == pytest.approx(1e-3, abs=1e-12) and row["a1"] == pytest.approx(1.4)
    assert row["a0_truncation"] < 1e-11 and row["a0_consistent_with_zero"] == (
        1e-3 <= 2 * row["a0_uncertainty"]
    )
    table["error"] += 5.0 / n**3
    row = three_level_fit_table(table).iloc[0]
    # the three-term fit is biased by the cubic; the four-term fit is exact
    assert row["a0_fit_4"] == pytest.approx(1e-3, abs=1e-10)
    assert row["a0_truncation"] == pytest.approx(abs(row["a0"] - 1e-3), rel=1e-6)
    # the standard error alone would exclude the true a0; the uncertainty covers it
    assert abs(row["a0"] - 1e-3) > 2 * row["a0_se"] > 0
    assert abs(row["a0"] - 1e-3) <= 2 * row["a0_uncertainty"]
    assert row["a0_uncertainty"] == pytest.approx(np.hypot(row["a0_se"], row["a0_truncation"]))
