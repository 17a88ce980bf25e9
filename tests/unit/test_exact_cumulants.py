"""Cumulant expansions of the three-level master equation (exact.cumulants).

Independent checks: at N = 1 (one atom per ensemble) every cumulant of more than two atoms
vanishes, so the second-order expansion is the master equation itself and must equal the
count-basis solve of exact.three_level; at d = 0 the state stays a product state and xi is
Eq. (30)'s at d = 0; as N -> infinity the hierarchy closes at second order, so both orders
must give the closed form Eq. (30). Invariants: the closed equations keep every partial
trace of a cumulant zero, the solution is Hermitian, ensemble-symmetric and obeys the |h>
row of Eq. (26).
"""

from __future__ import annotations

import functools
import itertools

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from dissipative_entanglement.exact import cumulants, three_level
from dissipative_entanglement.multilevel.entanglement import (
    gamma_bar,
    xi_exp_from_sigma,
    xi_exp_long_time,
)
from dissipative_entanglement.multilevel.pump import populations_at_optimum, pumped_rates
from dissipative_entanglement.squeezing import mu_nu_from_z

from ..helpers import paper_setup

#: the paper's operating point (Figs. 7-8): d = 30; a mid-range repump
D_PAPER, X_MID = 30.0, 1.0


@functools.cache
def operating_point(x_repump: float):
    """(scalar rates at the pump optimum, Eq. (26) populations, Z, F) of the paper's setup."""
    setup = paper_setup()
    pumped, opt = pumped_rates(setup.rates, np.array([x_repump]), setup.options)
    pops, _ = populations_at_optimum(setup.rates, opt, setup.options)
    return three_level._scalar_rates(pumped, 0), pops[0], float(setup.rates.z), setup.f_upper


@functools.cache
def cumulant_xi(n_atoms: float, optical_depth: float, order: int, x_repump: float = X_MID):
    table = cumulants.cumulant_steady_table(
        paper_setup(), [n_atoms], [x_repump], [optical_depth], 0.0, orders=[order]
    )
    return table.iloc[0]


@functools.cache
def exact_xi(n_atoms: int, optical_depth: float, x_repump: float = X_MID) -> float:
    table = three_level.three_level_steady_table(
        paper_setup(), [n_atoms], [x_repump], [optical_depth], 0.0, solver="direct"
    )
    return float(table["xi_exact"].iloc[0])


def eq30(optical_depth: float, x_repump: float = X_MID) -> float:
    rates, pops, z, f = operating_point(x_repump)
    return float(xi_exp_long_time(pops, gamma_bar(rates), optical_depth, z, F=f))


@pytest.mark.parametrize("x_repump", [0.01, 1.0])
def test_one_atom_per_ensemble_is_exact_at_second_order(x_repump):
    """N = 1: two atoms in all, no cumulant of three; the closure is no approximation."""
    row = cumulant_xi(1.0, D_PAPER, 2, x_repump)
    assert row["converged"]
    assert row["xi_cumulant"] == pytest.approx(exact_xi(1, D_PAPER, x_repump), abs=1e-11)


def test_no_collective_term_keeps_a_product_state_and_eq_30():
    row = cumulant_xi(3.0, 0.0, 3)
    assert row["xi_cumulant"] == pytest.approx(eq30(0.0), abs=1e-12)
    _, pops, _, _ = operating_point(X_MID)
    assert row["n_up"] == pytest.approx(pops[0], abs=1e-13)


def test_both_orders_give_eq_30_as_n_goes_to_infinity():
    """At N = 1e12 the distance to the N -> infinity limit is a1/N (a1 ~ d/20, so ~2e-12);
    the Newton residual (1e-13 Gamma) over the slowest rate (Gamma-bar ~ 0.01 Gamma)
    moves xi by ~1e-11: 1e-10 bounds both."""
    second, third = cumulant_xi(1e12, D_PAPER, 2), cumulant_xi(1e12, D_PAPER, 3)
    assert second["xi_cumulant"] == pytest.approx(eq30(D_PAPER), abs=1e-10)
    assert third["xi_cumulant"] == pytest.approx(second["xi_cumulant"], abs=1e-10)


def test_third_order_tracks_the_exact_solve_where_the_finite_n_effect_is_large():
    """N = 3, d = 30: the finite-N correction xi - Eq. (30) is ~0.27; the expansion must be
    closer to the exact solve at third order than at second, and within 1 % of that
    correction (what makes it useful for a1)."""
    exact = exact_xi(3, D_PAPER)
    second = cumulant_xi(3.0, D_PAPER, 2)["xi_cumulant"] - exact
    third = cumulant_xi(3.0, D_PAPER, 3)["xi_cumulant"] - exact
    assert abs(third) < abs(second)
    assert abs(third) < 0.01 * abs(exact - eq30(D_PAPER))


def test_solution_invariants():
    row = cumulant_xi(5.0, D_PAPER, 3)
    assert row["hermiticity"] < 1e-12 and row["asymmetry"] < 1e-12 and row["mean_sigma"] == 0
    rates, _, _, _ = operating_point(X_MID)
    quantities = {"n_up": row["n_up"], "n_down": row["n_down"]}
    quantities["n_h"] = 1.0 - row["n_up"] - row["n_down"]
    assert abs(three_level.h_flux_balance(quantities, rates)) < 1e-10


def symmetric_random_state(system, seed=7) -> dict:
    """Random charge-free cumulants (type basis), symmetric under exchanging atoms of one
    ensemble, as every permutation-invariant state's are (not a positive state: the
    equations are checked as identities)."""
    rng = np.random.default_rng(seed)
    u = (rng.normal(size=system.size) + 1j * rng.normal(size=system.size)) * 0.1
    u[~system.charge_free] = 0.0
    out = {}
    for key, tensor in system.tensors(u).items():
        perms = [
            p
            for p in itertools.permutations(range(len(key)))
            if all(key[p[a]] == key[a] for a in range(len(key)))
        ]
        out[key] = sum(tensor.transpose(p) for p in perms) / len(perms)
    return out


def test_closure_keeps_partial_traces_of_cumulants_zero():
    """d/dt of every cumulant of two or more atoms has no identity component on any atom
    (the closure is consistent with partial traces), and d Tr(rho)/dt = 0, at finite N and
    at N = 1e12."""
    rates, _, z, _ = operating_point(X_MID)
    for n_atoms in (4.0, 1e12):
        model = cumulants.build_cumulant_model(n_atoms, rates, D_PAPER, z, 0.0)
        system = cumulants.CumulantSystem(model, 3)
        derivative = system.derivative_tensors(symmetric_random_state(system))
        identity = cumulants._DUAL[0]
        for key, tensor in derivative.items():
            for axis in range(len(key)):
                traced = np.moveaxis(tensor, axis, -1) @ identity  # one atom: d Tr rho/dt
                assert np.abs(traced).max() < 1e-12, (n_atoms, key, axis)


def test_hierarchy_is_the_master_equation_for_states_without_higher_cumulants():
    """Independent check of every term and every factor of N: for N = 3 atoms per
    ensemble (six atoms, 729 levels), a permutation-invariant operator whose cumulants of
    more than three atoms vanish is built in the full space; the master equation of
    exact.three_level, written here as dense 729 x 729 matrices, moves it; the reduced
    moments and then the cumulants of its derivative are the hierarchy's, since the closure
    drops nothing for such an operator."""
    n = 3
    rates, _, z, _ = operating_point(X_MID)
    system = cumulants.CumulantSystem(
        cumulants.build_cumulant_model(float(n), rates, D_PAPER, z, 0.0), 3
    )
    c = symmetric_random_state(system, seed=11)
    kappa = {key: t / float(n) ** (len(key) - 1) for key, t in c.items()}
    species = (0,) * n + (1,) * n  # ensemble I first: every sorted block is a stored key
    atoms = list(range(2 * n))
    letters = "abcdefghijkl"

    def product(part, tensors):
        subs = ",".join("".join(letters[a] for a in b) for b in part)
        out = "".join(letters[a] for a in sorted(itertools.chain(*part)))
        return np.einsum(f"{subs}->{out}", *[tensors[tuple(species[a] for a in b)] for b in part])

    moment = sum(
        product(part, kappa) for part in cumulants._partitions(atoms) if max(map(len, part)) <= 3
    )
    # to a 729 x 729 matrix and back, through the (ket, bra) of each type
    kets = np.array([k for k, _ in cumulants.TYPES])
    bras = np.array([b for _, b in cumulants.TYPES])
    grids = np.meshgrid(*[np.arange(5)] * (2 * n), indexing="ij")
    index = tuple(kets[g] for g in grids) + tuple(bras[g] for g in grids)
    rho = np.zeros((3,) * (4 * n), dtype=complex)
    rho[index] = moment
    rho = rho.reshape(3 ** (2 * n), 3 ** (2 * n))

    def one(op, atom):
        return functools.reduce(
            sp.kron, [op if a == atom else sp.identity(3) for a in atoms]
        ).tocsr()

    def unit(ket, bra):
        m = np.zeros((3, 3))
        m[ket, bra] = 1.0
        return m

    r = rates.as_dict()
    up, down, h = 0, 1, 2
    local = {
        (up, down): r["up_down"],
        (down, up): r["down_up"],
        (up, h): r["up_h"],
        (down, h): r["down_h"],
        (h, up): r["h_up"],
        (h, down): r["h_down"],
        (up, up): r["up_up"],
        (down, down): r["down_down"],
    }
    jumps = [
        (float(rate), one(unit(b, a) if a != b else unit(a, a), atom))
        for (a, b), rate in local.items()
        for atom in atoms
    ]
    mu, nu = mu_nu_from_z(z)
    sigma = unit(up, down)
    lower = [sum(one(sigma, a) for a in atoms if species[a] == e) for e in (0, 1)]
    raise_ = [sum(one(sigma.T, a) for a in atoms if species[a] == e) for e in (0, 1)]
    jumps += [(D_PAPER / n, mu * lower[0] + nu * raise_[1])]
    jumps += [(D_PAPER / n, mu * lower[1] + nu * raise_[0])]
    drho = np.zeros_like(rho)
    for rate, op in jumps:
        opd = op.conj().T.tocsr()
        cdc = (opd @ op).tocsr()
        drho += rate * (np.asarray((op @ rho) @ opd) - 0.5 * (cdc @ rho) - 0.5 * (rho @ cdc))
    d_moment = drho.reshape((3,) * (4 * n))[index]
    # reduced moments' derivatives, then cumulants' by the product rule, smallest first
    trace = np.array([1.0 if k == b else 0.0 for k, b in cumulants.TYPES])
    chosen = {
        key: [a for a in atoms if species[a] == 0][: key.count(0)]
        + [a for a in atoms if species[a] == 1][: key.count(1)]
        for key in system.keys
    }
    d_kappa = {}
    for key in sorted(system.keys, key=len):
        keep = chosen[key]
        reduced = d_moment
        for a in reversed(atoms):
            if a not in keep:
                reduced = np.moveaxis(reduced, a, -1) @ trace
        total = reduced
        for part in cumulants._partitions(list(range(len(key)))):
            if len(part) == 1:
                continue
            for k in range(len(part)):
                tensors = [
                    (d_kappa if j == k else kappa)[tuple(key[a] for a in b)]
                    for j, b in enumerate(part)
                ]
                subs = ",".join("".join(letters[a] for a in b) for b in part)
                total = total - np.einsum(f"{subs}->{letters[: len(key)]}", *tensors)
        d_kappa[key] = total
    hierarchy = system.derivative_tensors(c)
    for key in system.keys:
        expected = d_kappa[key] * float(n) ** (len(key) - 1)
        assert np.abs(hierarchy[key] - expected).max() < 1e-10, key


def test_checks_can_fail():
    rates, pops, z, _ = operating_point(X_MID)
    system = cumulants.CumulantSystem(cumulants.build_cumulant_model(4.0, rates, 3.0, z, 0.0), 2)
    u = cumulants.product_state(system, pops)
    u[system.charge_free.nonzero()[0][-1]] = 0.3j  # c_II,II not Hermitian
    assert cumulants.cumulant_quantities(system, u)["hermiticity"] > 0.1
    u[~system.charge_free] = 0.1
    with pytest.raises(ValueError, match="charge imbalance"):
        cumulants.cumulant_steady_state(system, u)
    with pytest.raises(ValueError, match="order must be one of"):
        cumulants.CumulantSystem(system.model, 4)


def test_series_slope_and_its_uncertainty_on_known_series():
    """xi(N) = xi_inf + a1/N + a2/N^2 exactly: a1 from (N1, 2 N1) and the physical N, and
    no change through (2 N1, 4 N1); with an a3/N^3 term a1 is off by a3/(2 N1^2), which 4/3
    of the change (a3 (1/2 - 1/8) / N1^2) recovers."""
    xi_inf, a1, a2, a3 = 0.9, 1.3, -4.0, 50.0
    ns = [1000.0, 2000.0, 4000.0, 1e12]

    def limit(with_a3: bool):
        xi = [xi_inf + a1 / n + a2 / n**2 + (a3 / n**3 if with_a3 else 0.0) for n in ns]
        table = pd.DataFrame(
            {
                "order": 3,
                "optical_depth": 30.0,
                "x_repump": 1.0,
                "n_atoms": ns,
                "xi_cumulant": xi,
                "xi_eq30": xi_inf,
            }
        )
        return cumulants.cumulant_limit_table(table, 1000.0, 1e12).iloc[0], table

    row, table = limit(False)
    assert row["a1_3"] == pytest.approx(a1, abs=1e-9)
    assert row["a1_uncertainty_3"] < 1e-9
    assert row["a1_over_d_3"] == pytest.approx(a1 / 30.0, abs=1e-10)
    row, _ = limit(True)  # the a3 term moves a1 by a3 / (2 N1^2) (solved by hand)
    assert row["a1_3"] - a1 == pytest.approx(-a3 / (2 * 1000.0**2), rel=1e-6)
    assert row["a1_uncertainty_3"] == pytest.approx(abs(row["a1_3"] - a1), rel=1e-6)
    with pytest.raises(ValueError, match="no rows at N"):
        cumulants.cumulant_limit_table(table, 500.0, 1e12)


def test_check_table_says_where_no_exact_solve_exists():
    cumulant = pd.DataFrame(
        {
            "optical_depth": 1.0,
            "x_repump": 0.5,
            "n_atoms": [1.0, 1e12],
            "xi_cumulant": 1.0,
            "note": "",
        }
    )
    exact = pd.DataFrame(
        {"optical_depth": [1.0], "x_repump": [0.5], "n_atoms": [1], "xi_exact": [1.25]}
    )
    out = cumulants.cumulant_check_table(cumulant, exact)
    assert out["cumulant_minus_exact"].iloc[0] == -0.25
    assert np.isnan(out["xi_exact"].iloc[1]) and out["note"].iloc[1] == "no exact solve at this N"


@functools.cache
def two_level(n_values: tuple, order: int, gamma_d_add: float = 0.0):
    return cumulants.two_level_cumulant_table(
        list(n_values), 1.6, D_PAPER, gamma_d_add, orders=[order]
    ).set_index("n_atoms")


def test_two_level_one_atom_is_the_exact_spin_model():
    """N = 1 at both orders against the PIQS solve of exact.finite_n (an independent
    representation of the two-level master equation)."""
    from dissipative_entanglement.exact import finite_n

    exact = finite_n.finite_n_table([1], 1.6, D_PAPER, 5.0)["xi_exact"].iloc[0]
    for order in (2, 3):
        xi = two_level((1.0,), order, 5.0).loc[1.0, "xi_cumulant"]
        assert xi == pytest.approx(exact, abs=1e-11), order


def test_two_level_limit_is_eq_15_and_the_fit_columns():
    """The N -> infinity limit through (1000, 2000, 1e12) is Eq. (15): it is xi(1e12) -
    a1/1e12 - ..., so the truncation of the series does not reach it, and 1e-10 bounds the
    Newton residual's share (1e-13 Gamma over rates of order 0.1 Gamma). The fit table gains
    the cumulant a1; rows with the C, D terms say they have none."""
    table = two_level((1000.0, 2000.0, 1e12), 3)
    xi_inf, a1 = cumulants.series_limit_and_slope(table.index, table["xi_cumulant"])
    assert xi_inf == pytest.approx(table["xi_large_n"].iloc[0], abs=1e-10)
    assert 0 < a1 < D_PAPER
    fit = pd.DataFrame(
        {
            "z": 1.6,
            "optical_depth": D_PAPER,
            "gamma_d_add": 0.0,
            "pump_x": 0.0,
            "collective_dephasing": [0.0, 0.5],
            "a1": a1,
            "a1_se": 1.0,
            "note": "",
        }
    )
    out = cumulants.two_level_fit_against_cumulants(fit)
    assert out["a1_cumulant"].iloc[0] == pytest.approx(a1, abs=1e-12)
    assert abs(out["a1_minus_cumulant_over_se"].iloc[0]) < 1e-12
    assert np.isnan(out["a1_cumulant"].iloc[1]) and "C, D" in out["note"].iloc[1]


def test_dynamics_one_atom_per_ensemble_is_the_exact_dynamics():
    """N = 1: second order is no approximation; the integrator's rtol 1e-10 on unknowns of
    order one bounds xi's error well below 1e-8."""
    t = np.linspace(0.0, 0.5, 6)
    table = cumulants.cumulant_dynamics_table(paper_setup(), [1.0], t, [D_PAPER], 0.0)
    exact = three_level.three_level_dynamics_table(paper_setup(), [1], t, [D_PAPER], 0.0)
    assert np.allclose(table["xi_cumulant"], exact["xi_exact"], rtol=0, atol=1e-8)


def test_dynamics_without_collective_term_keep_sigma_equal_to_n2():
    """d = 0: a product state at all times, Sigma_J,2 / N = n_up + n_down with the
    populations of Eq. (26) (its propagator, not the expansion), at N = 1e12."""
    setup = paper_setup()
    t = np.linspace(0.0, 1.0, 6)
    table = cumulants.cumulant_dynamics_table(setup, [1e12], t, [0.0], 0.0)
    _, opt = pumped_rates(setup.rates, 0.0, setup.options)
    _, propagator = populations_at_optimum(setup.rates, opt, setup.options)
    pops = np.array([np.ravel(propagator(tk)) for tk in t])
    expected = xi_exp_from_sigma(pops[:, 0] + pops[:, 1], pops, F=setup.f_upper)
    assert np.allclose(table["xi_cumulant"], expected, rtol=0, atol=1e-8)
    assert np.allclose(table["n_up"], pops[:, 0], rtol=0, atol=1e-9)


def test_exact_fit_beside_the_limit():
    """The exact fit's a0, a1 join the limit table by (d, x_repump); the a1 comparison is in
    units of the fit's uncertainty, against the highest order."""
    limit = pd.DataFrame(
        {
            "optical_depth": [1.0, 30.0],
            "x_repump": [0.1, 0.1],
            "a1_2": [0.01, 1.0],
            "a1_over_d_2": [0.01, 1.0 / 30],
            "a1_3": [0.03, 1.5],
            "a1_over_d_3": [0.03, 0.05],
        }
    )
    fit = pd.DataFrame(
        {
            "optical_depth": [30.0, 1.0],
            "x_repump": [0.1, 0.1],
            "a0": [0.002, 1e-5],
            "a0_uncertainty": [0.003, 1e-5],
            "a1": [1.4, 0.031],
            "a1_uncertainty": [0.05, 0.002],
            "n_min": [8, 8],
            "n_max": [20, 20],
        }
    )
    out = cumulants.exact_fit_beside_limit(limit, fit)
    assert list(out["a1_exact"]) == [0.031, 1.4]
    assert out["a1_exact_minus_cumulant_over_uncertainty"].to_numpy() == pytest.approx(
        [(0.031 - 0.03) / 0.002, (1.4 - 1.5) / 0.05]
    )
    assert list(out["exact_n_max"]) == [20, 20]
    assert (out["note"] == "").all()
    # three values of N: no uncertainty, and the note says so (the row may be written)
    fit.loc[0, ["a0_uncertainty", "a1_uncertainty"]] = np.nan
    limit["note"] = ["", "d = 0"]
    out = cumulants.exact_fit_beside_limit(limit, fit)
    assert list(out["note"]) == [
        "",
        "d = 0; the exact fit has three values of N: no uncertainty",
    ]
