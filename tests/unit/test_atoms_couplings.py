"""Species-generic couplings, mu, nu, Z and probe rates (atoms.couplings, atoms.rates).

(a) the detuning references, counted from F_up (``test_detuning_references``);
(b) exact sum rules (sympy rationals) of the couplings of every species and line;
(c) Gamma_(up->down) = nu^2 Gamma and Gamma_(down->up) = mu^2 Gamma from the rate matrix;
(d) Z from an independent route: the scalar/vector/tensor decomposition of the
    ground-state polarizability, from 6j symbols (see ``polarizability_z``);
(e) the far-detuned limit Z^2/Delta -> const, against the vector-only asymptote of (d).
"""

from __future__ import annotations

import functools
import math
import re

import numpy as np
import pytest
import sympy
from sympy.physics.wigner import wigner_3j, wigner_6j

from dissipative_entanglement.atoms import couplings as gc
from dissipative_entanglement.atoms.rates import probe_rate_matrix
from dissipative_entanglement.atoms.species import SPECIES, get_species

from ..helpers import REPO

CASES = [(name, line) for name in SPECIES for line in ("D1", "D2")]
CASE_IDS = [f"{n}-{line}" for n, line in CASES]
#: two different formulas (Raman sums vs 6j polarizabilities): rounding of ~10 terms
INDEPENDENT_TOL = 1e-10


def span_MHz(species, line) -> float:
    """Width of the excited hyperfine manifold: highest minus lowest F' position."""
    positions = get_species(species).line(line).excited_positions_MHz.values()
    return max(positions) - min(positions)


def valid_grid(species, line, polarization) -> tuple[np.ndarray, str]:
    """Detunings on the side where (mu, nu) exist: y blue of F'_max, x red of F'_min."""
    steps = np.array([0.5, 1.0, 3.0, 10.0]) * span_MHz(species, line) + 50.0
    if polarization == "y":
        return steps, "highest"
    return -steps, "lowest"


# --------------------------------------------------------------------- (b) sum rules


@functools.cache
def squared_couplings(name, line):
    """{(ground, excited): c^2} as exact sympy numbers, for the allowed pairs."""
    out = {}
    for g in gc.ground_states(name):
        for e in gc.excited_states(name, line):
            if abs(g[1] - e[1]) <= 1:
                out[g, e] = sympy.nsimplify(gc.dipole_matrix_element_exact(name, line, g, e) ** 2)
    return out


@pytest.mark.parametrize(("name", "line"), CASES, ids=CASE_IDS)
def test_exact_sum_rules(name, line):
    """Exact (sympy) sum rules of the normalised couplings c = <F m|d_q|F' m'>/N,
    N = <J||d||J'> sqrt((2J+1)/(2J'+1)):

    - excited: sum over (F, m, q) of c^2 = 1 for every |F' m'> (branching ratios);
    - ground: sum over (F', m', q) of c^2 = (2J'+1)/(2J+1) for every |F m>. Derivation:
      sum_(F' m' q) |<F m|d_q|F' m'>|^2 = sum_F' |<F||d||F'>|^2 sum_(m' q) <F m|F' m'; 1 q>^2
      = sum_F' |<F||d||F'>|^2 = |<J||d||J'>|^2 sum_F' S_FF' = |<J||d||J'>|^2 (Steck's
      convention), divided by N^2. For J = 1/2: 2 on D2, 1 on D1 (the 2:1 line strength
      ratio); summed over all ground sublevels it gives the number of excited sublevels,
      as the excited rule demands;
    - S_FF' = (2F'+1)(2J+1){J J' 1; F' F I}^2 sums to 1 over F' for each F, and the
      matrix elements reduce to it: sum_(m, m', q) c^2 = S_FF' (2F+1)(2J'+1)/(2J+1).
    """
    sp = get_species(name)
    jp = sympy.Rational(sp.line(line).j_excited.numerator, sp.line(line).j_excited.denominator)
    ground_total = (2 * jp + 1) / 2
    c2 = squared_couplings(name, line)
    assert all(v.is_Rational for v in c2.values())
    for e in gc.excited_states(name, line):
        assert sum(v for (_, ee), v in c2.items() if ee == e) == 1
    for g in gc.ground_states(name):
        assert sum(v for (gg, _), v in c2.items() if gg == g) == ground_total
    for f in sp.ground_f:
        strengths = {
            fe: gc.relative_strength_exact(name, line, f, fe) for fe in sp.line(line).excited_f
        }
        assert all(s.is_Rational for s in strengths.values())
        assert sum(strengths.values()) == 1
        for fe, s in strengths.items():
            block = sum(v for (g, e), v in c2.items() if g[0] == f and e[0] == fe)
            assert block == s * (2 * f + 1) * (2 * jp + 1) / 2
    # the float table carries the same numbers
    table = gc.coupling_table(name, line)
    np.testing.assert_allclose(table.branching.sum(axis=1), 1.0, rtol=0, atol=1e-13)
    np.testing.assert_allclose(
        (table.dipole**2).sum(axis=(0, 2)), float(ground_total), rtol=0, atol=1e-13
    )


def test_known_strength_factors():
    """Steck's relative strengths: Rb-87 D2 S_2F' = 1/20, 1/4, 7/10; Rb-85 D1 S_32 = 5/9,
    S_33 = 4/9; Rb-87 D1 S_21 = S_22 = 1/2."""
    expected = {("Rb87", "D2", 2): {1: (1, 20), 2: (1, 4), 3: (7, 10)}}
    expected[("Rb85", "D1", 3)] = {2: (5, 9), 3: (4, 9)}
    expected[("Rb87", "D1", 2)] = {1: (1, 2), 2: (1, 2)}
    for (name, line, f), values in expected.items():
        for fe, (num, den) in values.items():
            assert gc.relative_strength_exact(name, line, f, fe) == sympy.Rational(num, den)


# --------------------------------------------------------------------- (c) rates


@pytest.mark.parametrize(("name", "line"), CASES, ids=CASE_IDS)
@pytest.mark.parametrize("polarization", ["y", "x"])
def test_rates_carry_mu_and_nu(name, line, polarization):
    """Gamma_(down->up) = mu^2 Gamma and Gamma_(up->down) = nu^2 Gamma (App. E), both
    ensembles; rates finite, non-negative and mirror symmetric (m -> -m)."""
    grid, reference = valid_grid(name, line, polarization)
    rates = probe_rate_matrix(name, line, grid, polarization, detuning_reference=reference)
    assert np.all(np.isfinite(rates)) and np.all(rates >= 0)
    mirror = [gc.ground_index(name, f, -m) for f, m in gc.ground_states(name)]
    np.testing.assert_allclose(rates[:, mirror][:, :, mirror], rates, rtol=1e-12, atol=0)
    for ensemble in ("I", "II"):
        p = gc.squeezing_parameters(
            name, line, grid, polarization, detuning_reference=reference, ensemble=ensemble
        )
        states = gc.three_level_states(name, ensemble)
        up, down = (gc.ground_index(name, *states[k]) for k in ("up", "down"))
        np.testing.assert_allclose(rates[:, down, up], p.mu**2, rtol=1e-12)
        np.testing.assert_allclose(rates[:, up, down], p.nu**2, rtol=1e-12)
        np.testing.assert_allclose(p.mu**2 - p.nu**2, 1.0, rtol=0, atol=1e-12)


def test_rates_nan_without_solution_and_bad_options():
    assert np.all(np.isnan(probe_rate_matrix("Rb87", "D2", -2000.0, "y")))
    with pytest.raises(ValueError):
        probe_rate_matrix("Rb87", "D2", 700.0, amplitude_sum="both")
    with pytest.raises(ValueError, match=r"F0.*F3"):
        gc.reference_offset_MHz("Rb87", "D2", "F5")  # Rb-87 5P3/2 has F' = 0..3
    with pytest.raises(ValueError):
        gc.squeezing_parameters("Rb87", "D2", 700.0, "z")


def test_detuning_references():
    """Delta from F_up -> F' for every reference, each counted from F_up = 2 of Rb-87 D2."""
    sp = get_species("Rb87")
    pos = sp.d2.excited_positions_MHz
    delta = gc.level_detunings_MHz(sp, "D2", 100.0, "highest")  # (nF', n_ground)
    up = gc.ground_index(sp, 2, 2)
    k3 = sp.d2.excited_f.index(3)
    assert delta[k3, up] == pytest.approx(100.0, abs=1e-12)
    lowest = gc.level_detunings_MHz(sp, "D2", 100.0, "lowest")
    np.testing.assert_allclose(lowest - delta, pos[0] - pos[3])
    # "centroid": the laser 100 MHz above F=2 -> the (2F'+1)-weighted centre of 5P3/2
    centroid = gc.level_detunings_MHz(sp, "D2", 100.0, "centroid")
    assert centroid[k3, up] == pytest.approx(100.0 - pos[3], abs=1e-9)
    # "strength_centroid": weights S_2F' of the F=2 line, Steck Rb87 Table 8 (7/10, 1/4, 1/20)
    centre = 7 / 10 * pos[3] + 1 / 4 * pos[2] + 1 / 20 * pos[1]
    strength = gc.level_detunings_MHz(sp, "D2", 100.0, "strength_centroid")
    assert strength[k3, up] == pytest.approx(100.0 + centre - pos[3], abs=1e-9)
    np.testing.assert_array_equal(gc.level_detunings_MHz(sp, "D2", 100.0, "F3"), delta)
    assert gc.reference_name(sp, "D2", "highest") == "F3"
    assert gc.reference_name("Cs133", "D2", "highest") == "F5"
    assert gc.reference_name("Cs133", "D1", "lowest") == "F3"
    assert gc.reference_name(sp, "D2", "centroid") == "centroid"
    grid = np.linspace(400.0, 900.0, 6).reshape(2, 3)
    assert gc.squeezing_parameters(sp, "D1", grid).z.shape == (2, 3)


# --------------------------------------------------------------------- (d) polarizability


def _rational(x):
    return sympy.Rational(x.numerator, x.denominator)


@functools.cache
def tensor_weights(name, line, rank):
    """g_K(F') = (-1)^(K+F-F') sqrt(2K+1) {1 1 K; F F F'} (2F'+1){J J' 1; F' F I}^2
    (F K F; -F 0 F), F = F_up: the stretched-state matrix element of the rank-K part of
    the F' contribution, up to the common factor (2F+1)(2J+1)|<J||d||J'>|^2 / Delta_F'."""
    sp = get_species(name)
    i, jp = _rational(sp.nuclear_spin), _rational(sp.line(line).j_excited)
    j, f = sympy.Rational(1, 2), sp.f_upper
    out = {}
    for fe in sp.line(line).excited_f:
        value = (
            sympy.Integer(-1) ** (rank + f - fe)
            * sympy.sqrt(2 * rank + 1)
            * wigner_6j(1, 1, rank, f, f, fe)
            * (2 * fe + 1)
            * wigner_6j(j, jp, 1, fe, f, i) ** 2
            * wigner_3j(f, rank, f, -f, 0, f)
        )
        out[fe] = float(value)
    return out


def polarizability_coefficients(name, line, detuning_MHz):
    """(a0, a1, a2) of alpha_ij = a0 delta_ij + i a1 eps_ijk F_k + a2 Q_ij on F = F_up.

    alpha_ij = sum_F' d_i P_F' d_j / Delta_F' (the second-order ground-state operator
    of a far-detuned field; Hammerer, Sorensen, Polzik, Rev. Mod. Phys. 82, 1041 (2010),
    Sec. II.A, scalar/vector/tensor parts a0, a1, a2), Q_ij = (F_i F_j + F_j F_i)/2 -
    F(F+1) delta_ij / 3, with Delta_F' counted from F_up -> F'_max as in the module.
    Derivation (Edmonds' conventions, <F||d||F'> in Edmonds' normalisation):

    - A^(K) = sum_F' [d x P_F' d]^(K) / Delta_F' has, by Edmonds Eq. (7.1.1),
      <F||A^(K)||F> = sum_F' (-1)^(2F+K) sqrt(2K+1) {1 1 K; F F F'}
      <F||d||F'><F'||d||F> / Delta_F', and <F'||d||F> = (-1)^(F-F') <F||d||F'> for the
      Hermitian d; |<F||d||F'>|^2 = (2F+1)(2F'+1)(2J+1){J J' 1; F' F I}^2 |<J||d||J'>|^2.
      (For K = 0 every term is then positive / Delta_F': 3 a0 = sum_F' S_FF'/Delta_F',
      the trace sum_i d_i P d_i, which fixes the sign convention.)
    - <F F|A^(K)_0|F F> = (F K F; -F 0 F) <F||A^(K)||F> (Wigner-Eckart at m = F):
      this is sum_F' g_K(F') / Delta_F' of :func:`tensor_weights`.
    - Cartesian form: U x V = -i sqrt(2) [U x V]^(1) gives d x P d = 2 i a1 F, i.e.
      A^(1) = -sqrt(2) a1 F, so a1 = -<A^(1)_0>_FF / (sqrt(2) F); [U x V]^(2)_0 =
      (3 U_z V_z - U.V)/sqrt(6) gives A^(2)_0 = 3 a2 Q_zz / sqrt(6) with <Q_zz>_FF =
      F(2F-1)/3, so a2 = sqrt(6) <A^(2)_0>_FF / (F (2F-1)).
    """
    sp = get_species(name)
    f = sp.f_upper
    positions = sp.line(line).excited_positions_MHz
    top = positions[max(positions)]
    detuning = np.asarray(detuning_MHz, dtype=float)
    s = {
        rank: sum(
            w / (detuning - (positions[fe] - top))
            for fe, w in tensor_weights(name, line, rank).items()
        )
        for rank in (0, 1, 2)
    }
    a0 = -math.sqrt(3.0) * s[0] / 3.0
    a1 = -s[1] / (math.sqrt(2.0) * f)
    a2 = math.sqrt(6.0) * s[2] / (f * (2 * f - 1))
    return a0, a1, a2


def polarizability_z(name, line, detuning_MHz, polarization):
    """(Z, |nu/mu|) from the vector and tensor polarizabilities.

    Quantization axis x, so F_+- = F_y +- i F_z. The y probe's Raman amplitude (classical
    y absorbed, x photon emitted) is <f| alpha_xy |i>, alpha_xy = i a1 F_z + a2
    (F_x F_y + F_y F_x)/2. With F_z = (F_+ - F_-)/(2i), F_y = (F_+ + F_-)/2 and
    F_x |F, m> = m |F, m>:

        passive <F, F| alpha_xy |F, F-1>  = sqrt(2F)/2 ( a1 + (2F-1)/2 a2),
        active  <F, F-1| alpha_xy |F, F>  = sqrt(2F)/2 (-a1 + (2F-1)/2 a2);

    the x probe (alpha_yx = alpha_xy with a1 -> -a1) swaps the two. mu, nu are these
    normalised to mu^2 - nu^2 = 1, so Z = (|P| + |A|)/sqrt(P^2 - A^2) = sqrt(max(r, 1/r)),
    r = a1 / ((2F-1)/2 a2), where P^2 > A^2 (y: a1 a2 > 0; x: a1 a2 < 0), else NaN.
    The emitted photon of the x probe is sigma+- rather than y; that rescales both
    amplitudes by the same 1/sqrt(2) and leaves Z and |nu/mu| unchanged.
    """
    f = get_species(name).f_upper
    _, a1, a2 = polarizability_coefficients(name, line, detuning_MHz)
    tensor = (2 * f - 1) / 2 * a2
    passive, active = a1 + tensor, -a1 + tensor
    if polarization == "x":
        passive, active = active, passive
    norm_sq = passive**2 - active**2
    norm = np.sqrt(np.where(norm_sq > 0, norm_sq, np.nan))
    return (np.abs(passive) + np.abs(active)) / norm, np.abs(active / passive)


@pytest.mark.parametrize(("name", "line"), CASES, ids=CASE_IDS)
@pytest.mark.parametrize("polarization", ["y", "x"])
def test_z_from_polarizabilities(name, line, polarization):
    """Z and |nu/mu| of the Raman sums equal the 6j polarizability route, on both sides
    of the line (NaN where no real solution, in both), in and outside the manifold."""
    span = span_MHz(name, line)
    grid = np.concatenate(
        [np.array([-20.0, -3.0, -1.3, -0.37, 0.21, 0.55, 1.7, 4.0, 30.0]) * span, [700.0, -700.0]]
    )
    grid = grid[np.all(np.abs(grid[:, None] - np.array([0.0, -span])[None, :]) > 1.0, axis=1)]
    z_ref, ratio_ref = polarizability_z(name, line, grid, polarization)
    p = gc.squeezing_parameters(name, line, grid, polarization)
    np.testing.assert_array_equal(np.isnan(p.z), np.isnan(z_ref))
    assert np.any(np.isfinite(z_ref)) and np.any(np.isnan(z_ref))
    ok = np.isfinite(z_ref)
    np.testing.assert_allclose(p.z[ok], z_ref[ok], rtol=INDEPENDENT_TOL)
    ratio = np.abs(p.active_amplitude / p.passive_amplitude)
    np.testing.assert_allclose(ratio, ratio_ref, rtol=INDEPENDENT_TOL)
    np.testing.assert_allclose(np.abs(p.nu[ok] / p.mu[ok]), ratio_ref[ok], rtol=INDEPENDENT_TOL)


@pytest.mark.parametrize(("name", "line"), CASES, ids=CASE_IDS)
def test_tensor_part_vanishes_for_unresolved_line(name, line):
    """sum_F' g_2(F') = 0 exactly: a J = 1/2 ground state has no tensor polarizability when
    the excited hyperfine structure is not resolved, so a2 = O(splitting / Delta^2)."""
    sp = get_species(name)
    i, jp = _rational(sp.nuclear_spin), _rational(sp.line(line).j_excited)
    f, j = sp.f_upper, sympy.Rational(1, 2)
    total = sum(
        sympy.Integer(-1) ** (f - fe)
        * wigner_6j(1, 1, 2, f, f, fe)
        * (2 * fe + 1)
        * wigner_6j(j, jp, 1, fe, f, i) ** 2
        for fe in sp.line(line).excited_f
    )
    assert sympy.simplify(total) == 0


# --------------------------------------------------------------------- (e) far detuned


def asymptote(name, line):
    """(slope, c1): Z^2/Delta -> slope (1 + c1/Delta + O((splitting/Delta)^2)).

    With Delta_F' = Delta - delta_F' (delta_F' = position of F' minus that of F'_max),
    1/Delta_F' = 1/Delta + delta_F'/Delta^2 + delta_F'^2/Delta^3 + ...; sum_F' g_2 = 0
    (vanishing unresolved tensor part), so a1 ~ -(G + G1/Delta)/(sqrt(2) F Delta) and
    a2 ~ sqrt(6) (H + H1/Delta)/(F (2F-1) Delta^2), G = sum g_1, G1 = sum g_1 delta,
    H = sum g_2 delta, H1 = sum g_2 delta^2. For the y probe Z^2 = r = a1/((2F-1)/2 a2)
    once r > 1, hence slope = -G/(sqrt(3) H) (from the vector part a1 at leading order,
    the a2 numerator at its first non-vanishing order) and c1 = G1/G - H1/H. The x probe
    has the opposite slope. The neglected order is (splitting/Delta)^2.
    """
    sp = get_species(name)
    positions = sp.line(line).excited_positions_MHz
    delta = {fe: positions[fe] - positions[max(positions)] for fe in positions}
    g1, g2 = tensor_weights(name, line, 1), tensor_weights(name, line, 2)
    big_g = sum(g1.values())
    g_1 = sum(w * delta[fe] for fe, w in g1.items())
    big_h = sum(w * delta[fe] for fe, w in g2.items())
    h_1 = sum(w * delta[fe] ** 2 for fe, w in g2.items())
    return -big_g / (math.sqrt(3.0) * big_h), g_1 / big_g - h_1 / big_h


@pytest.mark.parametrize(("name", "line"), CASES, ids=CASE_IDS)
@pytest.mark.parametrize("polarization", ["y", "x"])
def test_far_detuned_limit(name, line, polarization):
    """Z^2/Delta at 20 and 40 times the excited splitting: within the first-order
    correction c1/Delta of the vector-only asymptote, up to (splitting/Delta)^2; the
    module's slope equals the asymptote; |nu/mu| -> 1 as 1 - 2/Z^2."""
    slope, c1 = asymptote(name, line)
    if polarization == "x":
        slope = -slope
    assert gc.far_detuned_z_squared_slope_per_MHz(name, line, polarization) == pytest.approx(
        slope, rel=INDEPENDENT_TOL
    )
    span = span_MHz(name, line)
    gaps = []
    for factor in (20.0, 40.0):
        detuning = math.copysign(factor * span, slope)
        p = gc.squeezing_parameters(name, line, detuning, polarization)
        deviation = float(p.z**2 / detuning) / slope - 1.0
        assert abs(deviation - c1 / detuning) <= (span / detuning) ** 2
        assert abs(deviation) <= abs(c1 / detuning) + (span / detuning) ** 2
        gaps.append(1.0 - float(abs(p.nu / p.mu)))
        assert gaps[-1] == pytest.approx(2.0 / float(p.z**2 + 1.0), rel=1e-9)
    assert gaps[1] == pytest.approx(gaps[0] / 2.0, rel=0.1)  # 1 - |nu/mu| ~ 1/Delta
    # no (mu, nu) on the other side
    assert np.isnan(
        gc.squeezing_parameters(name, line, -math.copysign(40 * span, slope), polarization).z
    )


def test_docs_table_matches_the_module():
    """The numbers of docs/atoms.md, "Couplings and Z per species and line"."""
    text = (REPO / "docs" / "atoms.md").read_text()
    rows = re.findall(
        r"^\| (\w+) (D[12]) \| F=\d → F′=\d \| ([\d.]+) \| ([−\d.]+) \| ([\d.]+) \| < ([−\d.]+)",
        text,
        flags=re.MULTILINE,
    )
    assert len(rows) == len(CASES)
    for name, line, z, ratio, slope, edge in rows:
        p = gc.squeezing_parameters(name, line, 700.0, "y")
        assert float(p.z) == pytest.approx(float(z), abs=6e-5)
        assert float(p.nu / p.mu) == pytest.approx(float(ratio.replace("−", "-")), abs=6e-5)
        fitted = gc.far_detuned_z_squared_slope_per_MHz(name, line, "y")
        assert fitted == pytest.approx(float(slope), rel=1e-4)
        edge_MHz = float(edge.replace("−", "-"))
        assert np.isnan(gc.squeezing_parameters(name, line, edge_MHz - 0.1, "y").z)
        assert np.isfinite(gc.squeezing_parameters(name, line, edge_MHz + 0.1, "y").z)


@pytest.mark.parametrize("name", list(SPECIES))
def test_d1_active_amplitude_vanishes_blue_of_the_line(name):
    """D1, y probe: nu = 0 and Z = 1 at Delta = (F_low/F_up) x the excited splitting
    (docs/atoms.md); nu < 0 just red of it, nu > 0 just blue of it."""
    sp = get_species(name)
    zero = sp.f_lower / sp.f_upper * span_MHz(name, "D1")
    p = gc.squeezing_parameters(name, "D1", zero + np.array([-1.0, 0.0, 1.0]), "y")
    assert abs(p.nu[1]) < 1e-12 and p.z[1] == pytest.approx(1.0, abs=1e-12)
    assert p.nu[0] < 0 < p.nu[2]
