"""Finite-N exact model (Sec. III.3) vs Eq. (15)/(14), and C11 (App. C.2) collective dephasing."""

import numpy as np
import pytest

from dissipative_entanglement.exact import collective_dephasing as cd
from dissipative_entanglement.exact import finite_n as fn
from dissipative_entanglement.two_level.steady_state import xi_steady_state

Z, D = 1.6, 30.0


@pytest.mark.parametrize("n_atoms", [1, 2])
@pytest.mark.parametrize("params", [dict(), dict(gamma_d_add=2.0, pump_x=0.5, cdeph=2.0)])
def test_permutation_invariant_model_equals_tensor_product_model(n_atoms, params):
    # independent construction: every atom a qubit, qutip.steadystate (direct LU)
    g, x, c = params.get("gamma_d_add", 0.0), params.get("pump_x", 0.0), params.get("cdeph", 0)
    exact = fn.xi_finite_n(n_atoms, Z, D, g, x, collective_dephasing=c)
    brute = fn.xi_brute_force(n_atoms, Z, D, g, x, collective_dephasing=c)
    assert exact.xi == pytest.approx(brute, abs=1e-10)
    assert exact.residual < 1e-12


def test_local_terms_match_piqs_to_single_precision():
    from qutip import piqs

    ens = fn._ensemble(3)
    mine = fn._local_lindbladian(ens, 0.37, 1.23, 4.56).toarray()
    ref = piqs.Dicke(3, emission=1.23, pumping=0.37, dephasing=4.56).lindbladian()
    ref = fn._restrict(ens, ref.to("csr").data.as_scipy()).toarray()
    assert np.max(np.abs(mine - ref)) < 1e-6 * np.max(np.abs(ref))  # qutip uses C float
    diag = (ens.pairs % (ens.nds + 1) == 0).astype(float)
    assert np.max(np.abs(diag @ mine)) < 1e-13  # trace preserving in double precision


def test_n1_density_matrix_trace_one_and_positive():
    model = fn.build_spin_model(1, Z, D, 1.0)
    vec, _ = fn.steady_state_vector(model)
    # N = 1: the sector holds all elements |m1 m2><m1' m2'| with m1 - m1' = m2 - m2'; rebuild
    # the 4x4 density matrix (basis |up up>, |up dn>, |dn up>, |dn dn>) from the observables
    # trace and check positivity via the Liouvillian-independent brute-force state
    assert model.trace @ vec == pytest.approx(1.0, abs=1e-14)
    import qutip as qt

    h, c_ops, _ = fn._brute_force_model(1, Z, D, 1.0, 0.0, 0.0)
    rho = qt.steadystate(h, c_ops)
    ev = np.linalg.eigvalsh(rho.full())
    assert ev.min() > -1e-12 and abs(ev.sum() - 1) < 1e-12
    # the sector vector reproduces every element of that density matrix (same ordering)
    full = np.zeros((4, 4), dtype=complex)
    ens = fn._ensemble(1)
    sec = fn._Sector(ens)
    for k, (p1, p2) in enumerate(zip(sec.p1, sec.p2, strict=True)):
        a1, b1 = ens.pairs[p1] % 2, ens.pairs[p1] // 2
        a2, b2 = ens.pairs[p2] % 2, ens.pairs[p2] // 2
        full[2 * a1 + a2, 2 * b1 + b2] = vec[k]
    assert np.max(np.abs(full - rho.full())) < 1e-10


def test_xi_moves_toward_eq15_with_n():
    # monotone approach from above for N >= 2 (N = 1 has no collective structure and lies
    # below, see docs); the 1/N extrapolation of N = 2..6 lands within the fit residual scale
    table = fn.finite_n_table(range(1, 7), Z, D)
    d = table["delta_xi"].to_numpy()
    assert np.all(d[1:] > 0) and np.all(np.diff(d[1:]) < 0)
    assert np.allclose(table["xi_large_n"], xi_steady_state(Z, D))
    fit = fn.fit_finite_n_approach(table, n_min=2)
    assert abs(fit["xi_inf_extrapolated"] - fit["xi_large_n"]) < 0.1 * d[-1]


def test_polarization_exact_for_probe_only():
    # with x = 0 the collective terms transfer populations with the same mu^2 : nu^2 ratio as
    # the single-atom rates, so P_2,inf is exactly (Gamma_c - Gamma_h)/(Gamma_c + Gamma_h)
    r = fn.xi_finite_n(3, Z, D, 2.0)
    mu, nu = (Z + 1 / Z) / 2, (Z - 1 / Z) / 2
    assert r.polarization == pytest.approx((mu**2 - nu**2) / (mu**2 + nu**2), abs=1e-12)


def test_dynamics_expm_vs_bdf_vs_mesolve():
    t = np.linspace(0, 0.5, 6)
    a = fn.xi_finite_n_dynamics(t, 2, Z, D)["xi"]
    b = fn.xi_finite_n_dynamics(t, 2, Z, D, method="bdf")["xi"]
    c = fn.xi_brute_force_dynamics(t, 2, Z, D)
    assert a[0] == pytest.approx(1.0, abs=1e-14)  # coherent spin state: xi(0) = 1
    assert np.max(np.abs(a - b)) < 1e-6  # BDF rtol 1e-9
    assert np.max(np.abs(a - c)) < 1e-6  # mesolve rtol 1e-8
    df = fn.dynamics_comparison(t, [2], Z, D)
    # moment equations vs closed form Eq. (14): adiabatic-following error, small but nonzero
    err = np.abs(df.xi_moments - df.xi_closed_form).max()
    assert 0 < err < 0.01


def test_collective_dephasing_exact_statements():
    # C, D commute with J_x: the CSS is a fixed point (0 to rounding), P_2 unchanged
    assert cd.css_rate_of_change(3, Z, D) < 1e-13
    table = cd.collective_dephasing_table([1, 2, 3], Z, D)
    assert np.allclose(table.polarization_with_cd, table.polarization_without_cd, atol=1e-12)
    # on the entangled steady state they raise xi by O(1/N): positive, decreasing in N
    assert np.all(table.delta_xi > 0) and np.all(np.diff(table.delta_xi) < 0)


def test_collective_dephasing_hp_limit():
    # HP picture: second moments close; closed form and 1/N decay of the change
    n = np.array([1.0, 10.0, 1e3, 1e6])
    hp = cd.xi_holstein_primakoff(Z, D, n)
    assert np.allclose(hp, cd.xi_holstein_primakoff_closed_form(Z, D, n), atol=1e-12)
    base = float(cd.xi_holstein_primakoff(Z, D, n, with_cd=False))  # independent of N
    mu, nu = (Z + 1 / Z) / 2, (Z - 1 / Z) / 2
    slope = 2 * mu * nu * 2.0 * (mu - nu) ** 2  # N * delta_xi -> 2 mu nu Gamma_check (mu-nu)^2
    assert (hp[-1] - base) * n[-1] == pytest.approx(slope, rel=1e-5)
    assert base == pytest.approx(1 / Z**2, abs=1e-13)


@pytest.mark.parametrize("method", ["bicgstab", "gmres"])
def test_iterative_steady_state_agrees_with_the_direct_solve(method):
    """BiCGSTAB / GMRES on L - w tr^T (rtol 1e-12) against sparse LU, N = 6, d = 30."""
    model = fn.build_spin_model(6, Z, D, 1.0, 0.5)
    direct = fn.steady_state_solve(model)
    iterative = fn.steady_state_solve(model, method=method, tol=1e-12)
    assert iterative.method == method and iterative.converged and iterative.iterations > 0
    assert direct.method == "direct" and direct.iterations == 0
    # rtol 1e-12 on ||(L - w tr^T) c + w||_2 / ||w||_2, L's rates up to ~d = 30
    assert iterative.residual < 1e-9
    a = fn.xi_from_vectors(model, direct.vector)["xi"]
    b = fn.xi_from_vectors(model, iterative.vector)["xi"]
    assert b == pytest.approx(a, abs=1e-9)
    assert fn.steady_state_solve(model, method="auto", direct_max_dim=10).method == "bicgstab"
    with pytest.raises(ValueError, match="unknown method"):
        fn.steady_state_solve(model, method="lu")


def test_unconverged_iterative_solve_is_recorded_not_hidden():
    model = fn.build_spin_model(4, Z, D)
    out = fn.steady_state_solve(model, method="bicgstab", maxiter=2)
    assert not out.converged and out.iterations <= 2 and out.residual > 1e-6
    with pytest.raises(RuntimeError, match="did not converge"):
        fn.steady_state_vector(model, method="gmres", tol=1e-30, maxiter=300)


def test_finite_n_table_records_the_solver():
    table = fn.finite_n_table([2, 3], Z, D, method="bicgstab")
    assert list(table["solver"]) == ["bicgstab"] * 2 and table["converged"].all()
    assert (table["iterations"] > 0).all() and (table["residual"] < 1e-9).all()


def test_extrapolation_fit_and_its_standard_errors():
    """finite_n_fit_table against scipy's curve_fit (scaled covariance, written here) on
    data with a 1/N^3 term the three-term series cannot absorb."""
    from scipy.optimize import curve_fit

    n = np.arange(10.0, 31.0, 4.0)
    xi = 0.58 + 0.9 / n - 2.0 / n**2 + 7.0 / n**3
    table = fn.finite_n_table([1], Z, D).iloc[[0] * n.size].reset_index(drop=True)
    table["n_atoms"], table["xi_exact"] = n.astype(int), xi
    fit = fn.finite_n_fit_table(table, n_min=10).iloc[0]

    def series(x, c0, c1, c2):
        return c0 + c1 / x + c2 / x**2

    # a linear model: with tight stopping tolerances the Levenberg-Marquardt answer is the
    # least-squares one to rounding
    tight = dict(xtol=1e-15, ftol=1e-15, gtol=1e-15)
    coef, cov = curve_fit(series, n, xi, p0=[0.5, 1.0, -1.0], **tight)
    se = np.sqrt(np.diag(cov))
    assert fit["n_used"] == n.size and fit["n_max"] == 30
    assert fit["xi_inf_fit"] == pytest.approx(coef[0], abs=1e-9)
    assert fit["a1"] == pytest.approx(coef[1], rel=1e-6)
    assert fit["xi_inf_se"] == pytest.approx(se[0], rel=1e-5)
    assert fit["a2_se"] == pytest.approx(se[2], rel=1e-5)
    assert fit["xi_inf_se"] > 0  # the 1/N^3 term is seen as misfit
    assert fit["difference"] == pytest.approx(coef[0] - fit["xi_large_n"], abs=1e-9)
    exact = table.assign(xi_exact=0.58 + 0.9 / n - 2.0 / n**2)
    clean = fn.finite_n_fit_table(exact, n_min=10).iloc[0]
    assert clean["xi_inf_fit"] == pytest.approx(0.58, abs=1e-12)
    assert clean["xi_inf_se"] < 1e-12
    with pytest.raises(ValueError, match="three values"):
        fn.finite_n_fit_table(table, n_min=25)


def test_extrapolation_uncertainty_holds_the_truncation():
    """On a series with a 1/N^3 and a 1/N^4 term the three-term fit's own standard error
    misses the true xi_inf by many units; the four-term fit's change (truncation) brings
    the uncertainty up to it: the limit lies within two of them. A 1/N^3 series is fitted
    exactly by four terms (truncation = the three-term fit's bias)."""
    n = np.arange(12.0, 31.0, 3.0)
    truth = 0.58
    table = fn.finite_n_table([1], Z, D).iloc[[0] * n.size].reset_index(drop=True)
    table["n_atoms"], table["xi_large_n"] = n.astype(int), truth
    table["xi_exact"] = truth + 0.5 / n - 2.0 / n**2 + 30.0 / n**3 - 150.0 / n**4
    fit = fn.finite_n_fit_table(table, n_min=12).iloc[0]
    assert abs(fit["difference"]) > 3 * fit["xi_inf_se"]
    assert fit["uncertainty"] == pytest.approx(np.hypot(fit["xi_inf_se"], fit["truncation"]))
    assert abs(fit["difference"]) <= 2 * fit["uncertainty"] and fit["consistent"]
    cubic = table.assign(xi_exact=truth + 0.5 / n - 2.0 / n**2 + 30.0 / n**3)
    fit = fn.finite_n_fit_table(cubic, n_min=12).iloc[0]
    assert fit["xi_inf_fit_4"] == pytest.approx(truth, abs=1e-11)
    assert fit["truncation"] == pytest.approx(abs(fit["difference"]), abs=1e-11)
