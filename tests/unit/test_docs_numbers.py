"""Numbers the package computes, as the hand-written docs print them.

Guards the rule that a computed number reaches a hand-written doc (docs/atoms.md,
docs/cesium_model.md, docs/exact_checks.md, docs/physics.md, docs/configuration.md) only
with a test that compares it with a fresh computation. Each test reads the numbers out of
the doc's text with a regular expression, recomputes them with the package's public
functions and asserts agreement to half a unit in the last printed digit
(``tests.helpers.printed_tolerance``), so that editing either the doc or the code alone
fails. Literature values (Steck, Tiecke, the paper) and config inputs are not checked; the
couplings table of docs/atoms.md is checked in test_atoms_couplings.py, its ARC table in
test_atoms_species.py. Numbers that need a pipeline build are not printed in the docs: they
point at the generated files instead.
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
import scipy.constants as sc
import sympy

from dissipative_entanglement import lab
from dissipative_entanglement.atoms import couplings as gc
from dissipative_entanglement.atoms.doppler import (
    doppler_factor,
    doppler_width_MHz,
    temperature_for_width_C,
)
from dissipative_entanglement.atoms.rates import (
    all_to_up,
    elastic_coherence_loss,
    probe_rate_matrix,
    resonant_rate_matrix,
    three_level_entries,
)
from dissipative_entanglement.atoms.species import (
    SPECIES,
    get_species,
    temperature_for_density_K,
)
from dissipative_entanglement.config import grid_values, load_yaml
from dissipative_entanglement.exact import averaged_rates, bosonic, cumulants, three_level
from dissipative_entanglement.exact.finite_n import (
    build_spin_model,
    dynamics_comparison,
    fit_finite_n_approach,
    steady_state_vector,
    xi_from_vectors,
)
from dissipative_entanglement.lab.ensemble import DOPPLER_PEAK_FACTOR
from dissipative_entanglement.multilevel.model import ThreeLevelRates
from dissipative_entanglement.multilevel.probe_validity import (
    allowed_detuning_intervals_MHz,
    probe_lines_MHz,
    resonance_margin_MHz,
)
from dissipative_entanglement.multilevel.pump import fig8_xi_exp_time
from dissipative_entanglement.multilevel.resonant_validity import resonant_fields
from dissipative_entanglement.multilevel.scenario import xi_exp_inf_grid
from dissipative_entanglement.squeezing import mu_nu_from_z
from dissipative_entanglement.two_level.dynamics import xi_closed_form, xi_moment_equations
from dissipative_entanglement.two_level.rates import two_level_rates
from dissipative_entanglement.two_level.steady_state import xi_steady_state

from ..helpers import (
    PRINTED_NUMBER,
    REPO,
    assert_printed,
    paper_multilevel_section,
    paper_setup,
    printed_tolerance,
    printed_value,
)

#: one printed number, captured
N = f"({PRINTED_NUMBER})"
CELSIUS = sc.zero_Celsius


@functools.cache
def doc(name: str) -> str:
    """The text of a doc with its line breaks and indentation folded into single spaces."""
    return " ".join((REPO / name).read_text().split())


def lines_of(name: str) -> str:
    """The text of a doc as written (for tables: one row per line)."""
    return (REPO / name).read_text()


def find(name: str, pattern: str) -> tuple[str, ...]:
    """The groups of the one place ``pattern`` matches in the folded doc ``name``."""
    found = re.findall(pattern, doc(name))
    assert len(found) == 1, f"{name}: {len(found)} matches of {pattern!r}"
    return found[0] if isinstance(found[0], tuple) else (found[0],)


def section(name: str, heading: str) -> str:
    """The text of the section of ``name`` whose heading starts with ``heading``."""
    text = lines_of(name)
    start = text.index(f"\n## {heading}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def header_values(name: str, heading: str) -> list[int]:
    """The integers of the first table header row ``| N | 1 | 2 | ...`` of a section."""
    cells = re.search(r"^\| N \| (.*) \|$", section(name, heading), flags=re.MULTILINE)[1]
    return [int(n) for n in cells.split(" | ")]


def rows(name: str, pattern: str, count: int) -> list[tuple[str, ...]]:
    """The table rows of ``name`` matching ``pattern`` (one per line); there are ``count``."""
    found = re.findall(pattern, lines_of(name), flags=re.MULTILINE)
    assert len(found) == count, f"{name}: {len(found)} rows of {pattern!r}, expected {count}"
    return found


def label(text: str) -> str:
    """A transition as the code names it: "F=4 → F′=3" -> "F=4 -> F'=3"."""
    return text.replace("→", "->").replace("′", "'")


@functools.cache
def t_dense_C(name: str, density_cm3: float) -> float:
    """Temperature (deg C) at which the saturated vapour of ``name`` holds ``density_cm3``."""
    kelvin = temperature_for_density_K(get_species(name), density_cm3 * 1e6, extrapolate=True)
    return kelvin - CELSIUS


def t_ref_C(name: str) -> float:
    """docs/atoms.md's T_ref: the 1e10 cm^-3 temperature, or 20 C where that is warmer."""
    return max(20.0, t_dense_C(name, 1e10))


def intervals(name: str, line: str) -> list[float]:
    """Excited hyperfine intervals E_F' - E_(F'-1) in MHz, as the model uses them."""
    return list(get_species(name).line(line).excited_intervals_MHz.values())


def span(name: str, line: str) -> float:
    """Width of the excited hyperfine manifold in MHz."""
    return sum(intervals(name, line))


#: the x_repump -> infinity limit of Fig. 7 (converged to 1e-8 at 1e8, claim C8)
X_LIMIT = 1e8


@functools.cache
def reading(**options: str) -> dict:
    """Figs. 7 and 8 at Gamma_d^add = 0 of the paper's setup under the given readings."""
    multilevel = paper_multilevel_section()
    setup = paper_setup(options=options) if options else paper_setup()
    x = grid_values(multilevel["fig7"]["x_repump"])
    t = grid_values(multilevel["fig8"]["t"])
    fig7 = xi_exp_inf_grid(setup, x, 0.0)["xi_exp_inf"]
    fig8 = fig8_xi_exp_time(setup.rates, t, 0.0, setup.optical_depth, setup.options)
    xi8 = np.asarray(fig8.xi_exp).ravel()
    return {
        "x": x,
        "fig7": fig7,
        "limit": float(xi_exp_inf_grid(setup, [X_LIMIT], 0.0)["xi_exp_inf"][0]),
        "fig8_min": float(xi8.min()),
        "t_min": float(t[np.argmin(xi8)]),
        "fig8_end": float(xi8[-1]),
        "s_pump": float(np.asarray(fig8.s_pump).ravel()[0]),
    }


# ============================================================ docs/atoms.md

ATOMS = "docs/atoms.md"


def test_atoms_rb87_measured_intervals_against_a_and_b():
    """Rb-87 D2: the measured intervals against those of A and B ("up to 6.5 kHz")."""
    (printed,) = find(ATOMS, rf"differ from the A, B ones by up to {N} kHz")
    d2 = get_species("Rb87").d2
    model = d2.excited_intervals_MHz  # from A and B
    largest = max(abs(v - model[f]) for f, v in d2.tabulated_intervals_MHz.items())
    assert_printed(printed, largest * 1e3, "Rb87 D2 intervals")


def test_atoms_vapour_table():
    """Ground splitting and the temperatures of 1e10 and 1e11 cm^-3 per species."""
    found = rows(
        ATOMS, rf"^\| (\w+) \| (\d+)/2 \| (\d) / (\d) \| {N} \| {N} / {N} \| {N} \|$", len(SPECIES)
    )
    for name, spin, f_low, f_up, splitting, t10, t11, t_ref in found:
        sp = get_species(name)
        assert (Fraction(int(spin), 2), int(f_low), int(f_up)) == (
            sp.nuclear_spin,
            sp.f_lower,
            sp.f_upper,
        )
        assert_printed(splitting, sp.ground_hyperfine_splitting_MHz, name)
        assert_printed(t10, t_dense_C(name, 1e10), name)
        assert_printed(t11, t_dense_C(name, 1e11), name)
        assert_printed(t_ref, t_ref_C(name), name)


def test_atoms_excited_structure_against_doppler_table():
    """Excited intervals, Doppler FWHM at T_ref, linewidth and their ratios per line."""
    found = rows(ATOMS, rf"^\| (\w+) (D[12]) \| {N}(?: / {N})? \| {N} \| {N} \| (.+) \|$", 10)
    for name, line, largest, smallest, fwhm, width, verdict in found:
        what = f"{name} {line}"
        steps = intervals(name, line)
        assert_printed(largest, max(steps), what)
        if smallest:
            assert_printed(smallest, min(steps), what)
        doppler = float(doppler_width_MHz(name, line, t_ref_C(name)))
        assert_printed(fwhm, doppler, what)
        assert_printed(width, get_species(name).line(line).linewidth_MHz, what)
        if manifold := re.search(rf"manifold \({N} MHz\) is {N} FWHM", verdict):
            assert_printed(manifold[1], span(name, line), what)
            assert_printed(manifold[2], span(name, line) / doppler, what)
        elif ratios := re.search(rf"{N}–{N} FWHM", verdict):
            assert_printed(ratios[1], min(steps) / doppler, what)
            assert_printed(ratios[2], max(steps) / doppler, what)
        else:
            (ratio,) = re.search(rf"\({N} FWHM\)", verdict).groups()
            assert_printed(ratio, max(steps) / doppler, what)


def test_atoms_ground_splitting_against_doppler_width():
    """K-39 and Na-23: ground splitting against the D2 Doppler width at T_ref."""
    k_split, k_fwhm = find(
        ATOMS,
        rf"For K-39 the ground splitting itself \({N} MHz\) is smaller than the "
        rf"Doppler width \({N} MHz\)",
    )
    na_split, na_fwhm = find(ATOMS, rf"for Na-23 \({N} MHz against {N} MHz\) they nearly do")
    for name, split, fwhm in [("K39", k_split, k_fwhm), ("Na23", na_split, na_fwhm)]:
        assert_printed(split, get_species(name).ground_hyperfine_splitting_MHz, name)
        assert_printed(fwhm, doppler_width_MHz(name, "D2", t_ref_C(name)), name)


def test_atoms_d1_sign_change_of_nu():
    """D1, y probe: where nu = 0 (F_low/F_up x the excited splitting), and Cs D1 at +700."""
    found = find(
        ATOMS,
        rf"splitting \(Cs {N}, Rb87 {N}, Rb85 {N}, K39 {N}, Na23 {N} MHz from F_up → F′ = "
        r"F_up\) the active amplitude vanishes",
    )
    for name, printed in zip(SPECIES, found, strict=True):
        sp = get_species(name)
        assert_printed(printed, sp.f_lower / sp.f_upper * span(name, "D1"), name)
    (z,) = find(ATOMS, rf"Cs D1 at \+700 MHz is such a point, Z = {N}\)")
    assert_printed(z, gc.squeezing_parameters("Cs133", "D1", 700.0, "y").z, "Cs D1 Z")


def test_atoms_couplings_table_edges_and_exceptions():
    """Edges of the y probe's invalid range and its exceptions, to the printed 0.1 MHz:
    no real (mu, nu) half a unit red of each edge, real ones half a unit blue of it."""
    found = rows(
        ATOMS,
        rf"^\| (\w+) (D[12]) \| F=\d → F′=\d \| .* \| < {N}(?: \(except {N} … {N}\))? \|$",
        10,
    )
    for name, line, edge, low, high in found:
        ends = [edge, *([low, high] if low else [])]
        half = [printed_tolerance(e) for e in ends]
        x = [printed_value(e) for e in ends]
        invalid = [x[0] - half[0], *(low and [x[1] - half[1], x[2] + half[2]])]
        valid = [x[0] + half[0], *(low and [x[1] + half[1], x[2] - half[2]])]
        z_invalid = gc.squeezing_parameters(name, line, np.array(invalid), "y").z
        z_valid = gc.squeezing_parameters(name, line, np.array(valid), "y").z
        assert np.all(np.isnan(z_invalid)), (name, line, invalid)
        assert np.all(np.isfinite(z_valid)), (name, line, valid)


def test_atoms_model_validity_numbers():
    """K-39 and Na-23 D2 manifolds and widths; how far +700 MHz is from K-39's F=1 lines."""
    k_span, k_step, na_span, k_fwhm, na_fwhm = find(
        ATOMS,
        rf"For K-39 D2 \(manifold {N} MHz, intervals down to {N} MHz, below Γ/2π\) and Na-23 "
        rf"D2 \(manifold {N} MHz\) the whole excited structure lies well inside the Doppler "
        rf"width \({N} and {N} MHz FWHM\)",
    )
    assert_printed(k_span, span("K39", "D2"))
    assert_printed(k_step, min(intervals("K39", "D2")))
    assert_printed(na_span, span("Na23", "D2"))
    assert_printed(k_fwhm, doppler_width_MHz("K39", "D2", t_ref_C("K39")))
    assert_printed(na_fwhm, doppler_width_MHz("Na23", "D2", t_ref_C("Na23")))
    (gap,) = find(ATOMS, rf"Δ = \+700 MHz from F=2 → F′=3 lies only {N} MHz blue of the nearest")
    lines = probe_lines_MHz("highest", species="K39", line="D2")
    nearest = max(v for (f, _), v in lines.items() if f == 1)
    assert nearest == lines[(1, 2)]
    assert_printed(gap, 700.0 - nearest, "K39 D2")


def test_atoms_allowed_detunings_table():
    """The allowed probe detunings per species and line (y probe, 375 MHz margin)."""
    found = rows(ATOMS, r"^ +\| (\w+) \| ((?:\[.*?\], )*≥ \d+) \| ((?:\[.*?\], )*≥ \d+) \|$", 5)
    for name, *cells in found:
        for line, cell in zip(("D1", "D2"), cells, strict=True):
            printed = re.findall(rf"\[{N}, {N}\]|≥ {N}", cell)
            computed = allowed_detuning_intervals_MHz(
                "y", "highest", 375.0, species=name, line=line
            )
            assert len(printed) == len(computed), (name, line, computed)
            for (low, high, last), (c_low, c_high) in zip(printed, computed, strict=True):
                if last:
                    assert c_high == np.inf
                    assert_printed(last, c_low, f"{name} {line}")
                else:
                    assert_printed(low, c_low, f"{name} {line}")
                    assert_printed(high, c_high, f"{name} {line}")
    widths = find(ATOMS, rf"their widths larger \(Rb {N}, K {N}, Na {N} MHz at 22 °C on D2\)")
    for name, printed in zip(("Rb87", "K39", "Na23"), widths, strict=True):
        assert_printed(printed, doppler_width_MHz(name, "D2", 22.0), name)


def test_atoms_resonant_fields_table():
    """Nearest other transition of the pump and repump, HWHMs at 22 C, resonant_only."""
    found = rows(
        ATOMS,
        rf"^ +\| (\w+) \| (F=\d → F′=\d), {N} MHz \| (F=\d → F′=\d), {N} MHz \| {N} / {N} MHz "
        r"\| (.+) \|$",
        5,
    )
    for name, pump_to, pump_mhz, repump_to, repump_mhz, d2_hwhm, d1_hwhm, verdict in found:
        pump, repump = resonant_fields(name, 22.0)
        for field, to, mhz, hwhm in [
            (pump, pump_to, pump_mhz, d2_hwhm),
            (repump, repump_to, repump_mhz, d1_hwhm),
        ]:
            assert field.nearest == label(to), (name, field)
            assert_printed(mhz, field.distance_MHz, name)
            assert_printed(hwhm, field.doppler_hwhm_MHz, name)
        refused = [f.process for f in (pump, repump) if not f.resolved]
        if refused:
            expected = "both" if len(refused) == 2 else refused[0]
            assert verdict == f"refused ({expected})", name
        else:
            (t_max,) = re.fullmatch(rf"allowed up to {N} °C", verdict).groups()
            assert_printed(t_max, min(pump.max_temperature_C, repump.max_temperature_C), name)
    (cs_t_max,) = find("docs/physics.md", rf"\(Cs-133 passes up to {N} °C;")
    pump, repump = resonant_fields("Cs133", 22.0)
    assert_printed(cs_t_max, min(pump.max_temperature_C, repump.max_temperature_C))


def test_atoms_what_the_model_leaves_out():
    """The cycling transition the pump reaches, doppler_weighted against Fig. 7's limit,
    unresolved structure against Gamma, K-39's ground splitting in HWHM, probe edges."""
    cs, rb = find(ATOMS, rf"\(Cs F′ = 5, {N} MHz away; Rb-87 F′ = 3, {N} MHz\)")
    for name, printed in [("Cs133", cs), ("Rb87", rb)]:
        sp = get_species(name)
        f = sp.f_upper
        distance = sp.transition_offset_MHz("D2", f, f + 1) - sp.transition_offset_MHz("D2", f, f)
        assert_printed(printed, distance, name)
    before, after = find(ATOMS, rf"x_repump → ∞ limit from {N} to {N} \(claim C8")
    assert_printed(before, reading()["limit"])
    assert_printed(after, reading(pump_levels="doppler_weighted")["limit"])
    *k_steps, k_width, na_low, na_high, na_width = find(
        ATOMS,
        rf"K-39 D2 \(F′ intervals {N}, {N} and {N} MHz against Γ/2π = {N} MHz\) and, less so, "
        rf"Na-23 D2 \({N}–{N} MHz against {N} MHz\)",
    )
    for printed, value in zip(k_steps, intervals("K39", "D2"), strict=True):
        assert_printed(printed, value, "K39 D2")
    assert_printed(k_width, get_species("K39").d2.linewidth_MHz)
    assert_printed(na_low, min(intervals("Na23", "D2")))
    assert_printed(na_high, max(intervals("Na23", "D2")))
    assert_printed(na_width, get_species("Na23").d2.linewidth_MHz)
    split, hwhm = find(ATOMS, rf"K-39's ground splitting \({N} MHz\) is {N} HWHM at 22 °C")
    k39 = get_species("K39").ground_hyperfine_splitting_MHz
    assert_printed(split, k39)
    assert_printed(hwhm, k39 / (doppler_width_MHz("K39", "D2", 22.0) / 2))
    k_edge, na_edge = find(ATOMS, rf"on D2, K-39 from {N} MHz and Na-23 from {N} MHz above")
    for name, printed in [("K39", k_edge), ("Na23", na_edge)]:
        margin = resonance_margin_MHz("doppler_fwhm", name, "D2", t_dense_C(name, 1e10))
        lines = probe_lines_MHz("highest", species=name, line="D2")
        assert_printed(printed, max(lines.values()) + margin, name)


@functools.cache
def worked_example() -> dict:
    """docs/atoms.md's worked example (Rb87 D2, y, +700 MHz, 1 mW in 2 mm, 3 cm at 40 C, 1 G)."""
    q = lab.Quantity
    intensity = lab.peak_intensity(q(1, "mW"), q(2, "mm"))
    gamma = lab.rate_unit("Rb87", "D2", 700.0, intensity)
    hot = q(40, "degC")
    resonant = lab.optical_depth("Rb87", "D2", 3.0, temperature_K=hot).magnitude
    factor = lab.rayleigh_factor(3.0, 2.0, get_species("Rb87").d2.wavelength_nm)
    d = lab.model_optical_depth(resonant, 3.0, 2.0, get_species("Rb87").d2.wavelength_nm)
    larmor = lab.larmor_frequency("Rb87", 1.0).to("kHz").magnitude
    p = gc.squeezing_parameters("Rb87", "D2", 700.0, "y")
    rates = two_level_rates(float(p.z))  # probe only: x = 0, Gamma_d^add = 0
    gamma_bar, p2 = float(rates.total), float(rates.polarization_steady)
    population = float(rates.cool + rates.heat)
    g = gamma.to("1/s").magnitude
    return {
        "I": intensity.to("mW/cm^2").magnitude,
        "I_sat": lab.saturation_intensity("Rb87", "D2").to("mW/cm^2").magnitude,
        "rabi": lab.unit_rabi_frequency("Rb87", "D2", intensity).to("1/s").magnitude,
        "mu": float(p.mu),
        "nu": float(p.nu),
        "z": float(p.z),
        "gamma": g,
        "n": lab.atom_density("Rb87", hot).to("1/cm^3").magnitude,
        "sigma": lab.resonant_cross_section("Rb87", "D2").to("cm^2").magnitude,
        "resonant": resonant,
        "d": d,
        "rayleigh_factor": factor,
        "d_doppler": lab.optical_depth(
            "Rb87", "D2", 3.0, temperature_K=hot, doppler=True
        ).magnitude,
        "g_F": lab.ground_g_factor("Rb87"),
        "larmor": larmor,
        "larmor_over_delta": larmor * 1e3 / 700e6,
        "larmor_over_gamma": 2 * np.pi * larmor * 1e3 / g,
        "larmor_over_d_gamma": 2 * np.pi * larmor * 1e3 / (d * g),
        "d_gamma": lab.entangling_rate(d, gamma).to("1/s").magnitude,
        "gamma_bar": gamma_bar,
        "p2": p2,
        "population": population,
        "transverse": gamma_bar + d * p2,
        "transverse_per_s": (gamma_bar + d * p2) * g,
        "t_transverse": lab.steady_state_time(d, gamma_bar, p2, gamma).to("ms").magnitude,
        "t_ss": lab.steady_state_time(d, gamma_bar, p2, gamma, population_rate=population)
        .to("ms")
        .magnitude,
    }


#: (row of the worked-example table, the quantities its numbers are, in order)
WORKED_ROWS = [
    (rf"\| peak intensity I \| {N} mW/cm² \(I_sat = {N} mW/cm²\) \|", ["I", "I_sat"]),
    (rf"\| Ω₁ \| {N} s⁻¹ \|", ["rabi"]),
    (rf"\| μ, ν, Z \| {N}, {N}, {N} \|", ["mu", "nu", "z"]),
    (rf"\| Γ \| {N} s⁻¹ \|", ["gamma"]),
    (rf"\| n \(saturated, 40 °C\) \| {N} cm⁻³ \|", ["n"]),
    (rf"\| σ₀ \| {N} cm² \|", ["sigma"]),
    (
        rf"\| nσ₀L \(resonant, homogeneous\) \| {N} \(Doppler-broadened peak: {N}\) \|",
        ["resonant", "d_doppler"],
    ),
    (rf"\| the paper's d = \(nσ₀L/4\)F \| {N} \(F = {N}\) \|", ["d", "rayleigh_factor"]),
    (rf"\| Ω_L/2π \(g_F = {N}\) \| {N} kHz \|", ["g_F", "larmor"]),
    (rf"\| Ω_L/Δ \| {N} \(≤ 10⁻²: passes\) \|", ["larmor_over_delta"]),
    (
        rf"\| 2π\(Ω_L/2π\)/Γ \| {N} \(≥ 10: passes\); against dΓ: {N} \(passes\) \|",
        ["larmor_over_gamma", "larmor_over_d_gamma"],
    ),
    (rf"\| dΓ \(the paper's d\) \| {N} s⁻¹ \|", ["d_gamma"]),
    (
        rf"Γ̄ = Γ̃ = 3\(μ² \+ ν²\) = {N}, P₂,∞ = \(μ² − ν²\)/\(μ² \+ ν²\) = {N}, "
        rf"Γ_cool \+ Γ_heat = μ² \+ ν² = {N} \|",
        ["gamma_bar", "p2", "population"],
    ),
    (
        rf"\| transverse rate \(Γ̄ \+ dP₂\)Γ \| {N} Γ = {N} s⁻¹ \|",
        ["transverse", "transverse_per_s"],
    ),
    (rf"\| t_ss, transverse only \(c = 5\) \| {N} ms \|", ["t_transverse"]),
    (rf"\| t_ss with population relaxation \(c = 5\) \| {N} ms \|", ["t_ss"]),
]


def test_atoms_worked_example_table():
    """The worked example of "Lab units", row by row, and the sentences after it."""
    values = worked_example()
    for pattern, keys in WORKED_ROWS:
        printed = find(ATOMS, pattern)
        for key, number in zip(keys, printed, strict=True):
            assert_printed(number, values[key], key)
    (ratio,) = find(ATOMS, rf"the population relaxation Γ_cool \+ Γ_heat is then {N} times slower")
    assert_printed(ratio, values["transverse"] / values["population"])
    (root,) = find(ATOMS, rf"footnote 69's k leaves the √\(π ln 2\) = {N} out")
    assert_printed(root, 2 * DOPPLER_PEAK_FACTOR)


def test_atoms_worked_example_code_runs_and_matches_its_comments():
    """The "Reproduce with" block runs; each ``name = ...  # <number> <unit>`` holds."""
    text = lines_of(ATOMS)
    code = re.search(r"Reproduce with\n\n```python\n(.*?)```", text, flags=re.S)[1]
    namespace: dict = {}
    exec(compile(code, ATOMS, "exec"), namespace)
    assert namespace["problems"] == []
    commented = re.findall(rf"^(\w+) = .*# {N} (\S+)$", code, flags=re.MULTILINE)
    for name, number, unit in commented:
        assert_printed(number, namespace[name].to(unit).magnitude, name)
    assert {name for name, *_ in commented} == {"gamma", "t_ss"}


def test_atoms_cell_depth_dephasing_and_vapour_numbers():
    """The numbers of "The paper's d of a vapour cell", "Dephasing from the lab" and
    "Vapour density", recomputed with the package."""
    rb87, cs = get_species("Rb87"), get_species("Cs133")
    (short,) = find(ATOMS, rf"shorter than the Rayleigh length: 1 − {N} for the planning")
    assert_printed(short, 1 - lab.rayleigh_factor(3.0, 2.0, rb87.d2.wavelength_nm))
    b1, f1, b2, f2 = find(ATOMS, rf"for b = {N} \(F = {N}\) and b = {N} \(F = {N}\)")
    for b, f in ((b1, f1), (b2, f2)):
        # b = L lambda / (4 pi w^2): a cell of 4 pi b cm with w = 1 mm and lambda = 1000 nm
        factor = lab.rayleigh_factor(4 * np.pi * printed_value(b) * 1e-6 / 1e-6 * 1e2, 1.0, 1e3)
        assert_printed(f, factor, f"F({b})")
    od, d = find(ATOMS, rf"2.2 cm saturated Cs cell at 22 °C has nσ₀L = {N} and d = {N}")
    resonant = lab.optical_depth("Cs133", "D2", 2.2, temperature_K=22 + CELSIUS).magnitude
    assert_printed(od, resonant)
    assert_printed(d, resonant / 4)  # no waist: F = 1
    transit, g_add = find(
        ATOMS, rf"γ_transit = {N} s⁻¹, i.e. Γ_d\^add = {N} for the planning example's Γ"
    )
    rate = lab.transit_rate_per_s("Rb87", 40.0, 2.0)
    assert_printed(transit, rate)
    intensity = lab.peak_intensity(1.0, 2.0)
    gamma = lab.rate_unit("Rb87", "D2", 700.0, intensity).to("1/s").magnitude
    assert_printed(g_add, lab.gamma_d_add_from_rate(rate, gamma))
    assert cs.vapour.valid_from_K - 273.15 - 22 == pytest.approx(2.85)  # "3 K below it"


@functools.cache
def planning_tables() -> dict:
    """The lab table of config/planning/rb87_d2.yaml (enriched) and of a natural cell."""
    from dissipative_entanglement.lab.planning import cell_model_optical_depth, lab_units_table

    from ..helpers import resolved_config

    config = resolved_config(load_yaml(REPO / "config/planning/rb87_d2.yaml"))
    tables = {}
    for name, fraction in (("enriched", 1.0), ("natural", "natural")):
        lab = {k: v for k, v in config["lab"].items() if k != "optimum"}
        lab["isotope_fraction"] = fraction
        multilevel = dict(config["multilevel"])
        multilevel["optical_depth"] = cell_model_optical_depth(multilevel, lab)
        rows = lab_units_table(multilevel, lab).set_index("quantity")["value"]
        tables[name] = rows
    return tables


def test_atoms_planning_answer_and_motion_numbers():
    """The planning example's answer and the motion paragraph, from a fresh lab table."""
    enriched, natural = planning_tables()["enriched"], planning_tables()["natural"]
    od, d = find(
        ATOMS,
        rf"The enriched cell has nσ₀L = {N}; the paper's d of this cell is a quarter of it, {N},",
    )
    assert_printed(od, enriched["resonant_optical_depth"])
    assert_printed(d, enriched["optical_depth_cell"])
    frac, od_n, d_n = find(
        ATOMS, rf"cell would have {N} of the Rb-87 atoms \(nσ₀L = {N}, d = {N}\)"
    )
    assert_printed(frac, natural["isotope_fraction"])
    assert_printed(od_n, natural["resonant_optical_depth"])
    assert_printed(d_n, natural["optical_depth_cell"])
    g2, g_add = find(
        ATOMS, rf"T₂ = 30 ms gives γ₂ = {N} s⁻¹ and Γ_d\^add = {N} at the configured power"
    )
    assert_printed(g2, enriched["coherence_rate_t2"])
    assert_printed(g_add, enriched["gamma_d_add"])
    (transit,) = find(ATOMS, rf"would add the transit of atoms, {N} s⁻¹, and leave")
    assert_printed(transit, lab.transit_rate_per_s("Rb87", 40.0, 2.0))
    xi, t_ss, xi_t = find(
        ATOMS,
        rf"At the configured point ξ_exp,∞ = {N} for atoms at rest, the steady state within "
        rf"{N} ms; the moving atoms' incoherent scattering raises it to {N}",
    )
    assert_printed(xi, enriched["xi_exp_inf"])
    assert_printed(t_ss, enriched["time_to_steady_state"])
    assert_printed(xi_t, enriched["xi_exp_inf_thermal"])
    gamma_up, z0, z1, xi0, xi1 = find(
        ATOMS,
        rf"the motion raises Γ by {N} % and lowers Z from {N} to {N}, and the incoherent excess "
        rf"of the moving atoms' scattering raises ξ_exp,∞ from {N} to {N}",
    )
    assert_printed(
        gamma_up, 100 * (enriched["rate_unit_Gamma_thermal"] / enriched["rate_unit_Gamma"] - 1)
    )
    assert_printed(z0, enriched["Z"])
    assert_printed(z1, enriched["Z_thermal"])
    assert_printed(xi0, enriched["xi_exp_inf"])
    assert_printed(xi1, enriched["xi_exp_inf_thermal"])
    assert enriched["motion_difference"] > 0.05  # "the table flags the difference"
    a, b, c, fwhm = find(
        ATOMS,
        rf"sits {N}, {N} and {N} MHz below the Rb-85 F = 3 → F′ = 2, 3, 4 lines, inside the "
        rf"Doppler FWHM of {N} MHz",
    )
    from dissipative_entanglement.lab.isotopes import laser_frequency_MHz, line_distances_MHz

    laser = laser_frequency_MHz("Rb87", "D2", 700.0, "highest")
    distances = line_distances_MHz("Rb85", "D2", laser)
    for printed, fe in zip((a, b, c), (2, 3, 4), strict=True):
        assert_printed(printed, -distances[(3, fe)])
    assert_printed(fwhm, doppler_width_MHz("Rb87", "D2", 40.0))


# ============================================================ docs/cesium_model.md

CESIUM = "docs/cesium_model.md"
CS, D2 = "Cs133", "D2"
SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
#: arrows of the three-level rates -> ThreeLevelRates fields
ARROWS = {"↑↓": "up_down", "↓↑": "down_up", "↑h": "up_h", "↓h": "down_h", "h↑": "h_up"}
ARROWS |= {"h↓": "h_down", "↑↑": "up_up", "↓↓": "down_down", "hh": "h_h"}


def cs_z(detuning_MHz, polarization, reference="F5") -> float:
    """Z of the Cs D2 probe, the detuning counted from ``reference``."""
    return float(
        gc.squeezing_parameters(CS, D2, detuning_MHz, polarization, detuning_reference=reference).z
    )


def cs_probe_entries(polarization="y", detuning_MHz=700.0, reference="F5") -> dict:
    """Three-level entries (units of Gamma) of the Cs D2 probe, leakage neglected."""
    matrix = probe_rate_matrix(CS, D2, detuning_MHz, polarization, detuning_reference=reference)
    return three_level_entries(CS, matrix)


def leakage_ratios(amplitude_sum: str) -> tuple[float, float]:
    """Gamma(4,4->4,2) and Gamma(4,4->3,2) over Gamma(4,4->4,3), y probe at +700 MHz."""
    rates = probe_rate_matrix(
        CS, D2, 700.0, "y", detuning_reference="F5", amplitude_sum=amplitude_sum
    )
    up, down = gc.ground_index(CS, 4, 4), gc.ground_index(CS, 4, 3)
    to = [gc.ground_index(CS, 4, 2), gc.ground_index(CS, 3, 2)]
    return tuple(float(rates[up, k] / rates[up, down]) for k in to)


def resonant_entries(process: str, channels: str = "branching", **options) -> dict:
    """Three-level entries of the Cs pump or repump per unit strength; "h_h" added."""
    matrix = resonant_rate_matrix(CS, process, **options)
    if channels == "all_to_up":
        matrix = all_to_up(CS, matrix)
    entries = three_level_entries(CS, matrix)
    h = gc.ground_index(CS, *gc.three_level_states(CS)["h"])
    return entries | {"h_h": matrix[h, h]}


def test_cesium_strength_factors_and_slope():
    """S_4F' of Steck's tables as the exact sums give them; the far-detuned slope."""
    found = find(CESIUM, r"S(₄[₀-₉]) = (\d+/\d+), S(₄[₀-₉]) = (\d+/\d+), S(₄[₀-₉]) = (\d+/\d+)\)")
    for indices, value in zip(found[::2], found[1::2], strict=True):
        f, f_exc = (int(c) for c in indices.translate(SUBSCRIPTS))
        strength = gc.relative_strength_exact(CS, D2, f, f_exc)
        assert strength == sympy.Rational(value), indices
    y, x = find(CESIUM, rf"The slope is {N} MHz⁻¹ for y and {N} MHz⁻¹ for x")
    assert_printed(y, gc.far_detuned_z_squared_slope_per_MHz(CS, D2, "y"))
    assert_printed(x, gc.far_detuned_z_squared_slope_per_MHz(CS, D2, "x"))


def test_cesium_c5_table_and_text():
    """Z at +700 MHz (y) and -700 MHz (x) for every detuning reference."""
    found = rows(
        CESIUM,
        r"^\| `(F\d|centroid|strength_centroid)` [^|]*\| \**([\d.]+)\** \| \**([\d.]+)\** \|$",
        6,
    )
    for reference, blue, red in found:
        assert_printed(blue, cs_z(700.0, "y", reference), reference)
        assert_printed(red, cs_z(-700.0, "x", reference), reference)
    z, mu, nu, above = find(
        CESIUM, rf"we get {N}, with μ = {N} and ν = {N}, both positive. This is {N} % above"
    )
    p = gc.squeezing_parameters(CS, D2, 700.0, "y", detuning_reference="F5")
    for printed, value in [(z, p.z), (mu, p.mu), (nu, p.nu), (above, 100 * (p.z / 2.3 - 1))]:
        assert_printed(printed, value)
    (red,) = find(CESIUM, rf"the lowest 6P3/2 level, gives {N}, which")
    assert_printed(red, cs_z(-700.0, "x", "F2"))


def test_cesium_c6_and_probe_rates():
    """Leakage ratios, the three-level probe rates, Rayleigh and coherence-loss rates."""
    for amplitude_sum, first, second in rows(
        CESIUM, r"^\| `(coherent|incoherent)` \| \**([\d.]+)\** \| \**([\d.]+)\** \|$", 2
    ):
        for printed, value in zip((first, second), leakage_ratios(amplitude_sum), strict=True):
            assert_printed(printed, value, amplitude_sum)
    (listed,) = find(CESIUM, r"Three-level probe rates \(coherent, y, \+700\): (.*?)\. `leakage")
    entries = cs_probe_entries()
    pairs = re.findall(rf"([↑↓h]{{2}}) {N}", listed)
    assert [ARROWS[a] for a, _ in pairs] == list(entries)
    for arrow, printed in pairs:
        assert_printed(printed, entries[ARROWS[arrow]], arrow)
    (two_level,) = find(CESIUM, rf"footnote 67's two-level 2\(μ²\+ν²\) = {N}\.")
    p = gc.squeezing_parameters(CS, D2, 700.0, "y", detuning_reference="F5")
    assert_printed(two_level, 2 * (p.mu**2 + p.nu**2))
    (loss,) = find(CESIUM, rf"Σ_q \|a_↑\(q\) − a_↓\(q\)\|² = {N} Γ at \+700 MHz")
    assert_printed(loss, elastic_coherence_loss(CS, D2, 700.0, "y", detuning_reference="F5"))
    (up_h,) = find(CESIUM, rf"The x probe at −700 MHz from F′=2 has a large Γ_{{↑h}} = {N}")
    assert_printed(up_h, cs_probe_entries("x", -700.0, "F2")["up_h"])


def test_cesium_pump_and_repump_rates():
    """Pump and repump per unit strength: exact fractions, their decimals, all_to_up,
    and the doppler_weighted additions at 22 C."""
    found = re.findall(
        rf"Γ_{{([↑↓h]{{2}})}} = (\d+/\d+)(?: = {N})?", doc(CESIUM).split("## Pump and repump")[1]
    )
    # the order of the text: pump, repump (branching), then pump, repump (all_to_up)
    sources = [("pump", "branching")] * 3 + [("repump", "branching")] * 3
    sources += [("pump", "all_to_up"), ("repump", "all_to_up")]
    assert len(found) == len(sources)
    for (arrow, exact, decimal), (process, channels) in zip(found, sources, strict=True):
        value = float(resonant_entries(process, channels)[ARROWS[arrow]])
        what = f"{process} ({channels}) {arrow}"
        assert Fraction(value).limit_denominator(10**4) == Fraction(exact), what
        if decimal:
            assert_printed(decimal, value, what)
    fwhm, cycling, away, down_up = find(
        CESIUM,
        rf"At 22 °C \(FWHM {N} MHz\) this adds the cycling Γ_{{↑↑}} = {N} per unit s through "
        rf"F′=5, {N} MHz away, and raises Γ_{{↓↑}} to {N}\.",
    )
    width = float(doppler_width_MHz(CS, D2, 22.0))
    assert_printed(fwhm, width)
    weighted = resonant_entries("pump", pump_levels="doppler_weighted", doppler_fwhm_MHz=width)
    assert_printed(cycling, weighted["up_up"])
    assert_printed(down_up, weighted["down_up"])
    assert_printed(away, get_species(CS).d2.excited_intervals_MHz[5])


def test_cesium_doppler_table_and_k():
    """Doppler widths by formula at 20, 22, 25 C, the temperature of 380 MHz, and k."""
    for formula, *widths, t_380 in rows(
        CESIUM, rf"^\| `(\w+)`[^|]*\| {N} MHz \| {N} MHz \| {N} MHz \| {N} °C \|$", 2
    ):
        for printed, t in zip(widths, (20.0, 22.0, 25.0), strict=True):
            assert_printed(printed, doppler_width_MHz(CS, D2, t, formula=formula), formula)
        assert_printed(t_380, temperature_for_width_C(CS, D2, 380.0, formula=formula), formula)
    (percent,) = find(CESIUM, rf"The FWHM reproduces 380 MHz to {N} % at room temperature")
    assert_printed(percent, 100 * (380.0 / doppler_width_MHz(CS, D2, 22.0) - 1))
    k_fwhm, k_69 = find(CESIUM, rf"k\(22 °C\) = {N} \(`fwhm`\) or {N} \(`footnote_69`\)")
    assert_printed(k_fwhm, doppler_factor(CS, D2, 22.0))
    assert_printed(k_69, doppler_factor(CS, D2, 22.0, formula="footnote_69"))
    width, k = find(CESIUM, rf"With the paper's γ = 5 MHz, k = 5/{N} = {N}\.")
    assert_printed(width, doppler_width_MHz(CS, D2, 22.0))
    assert_printed(k, 5.0 / doppler_width_MHz(CS, D2, 22.0))


# ============================================================ docs/physics.md

PHYSICS = "docs/physics.md"


def test_physics_probe_readings():
    """R7, R8, R22: Z by reference line, the leakage ratios, the far-detuned slope."""
    blue, red = find(
        PHYSICS, rf"the y probe gives Z = {N}, which rounds to 2.4; .* lands on 2.4 \({N}\);"
    )
    assert_printed(blue, cs_z(700.0, "y", "F5"))
    assert_printed(red, cs_z(-700.0, "x", "F2"))
    printed = find(
        PHYSICS,
        rf"App. E's ratios 0.03 and 0.02 \({N}, {N}; the incoherent sum gives {N} and {N}\)",
    )
    computed = [*leakage_ratios("coherent"), *leakage_ratios("incoherent")]
    for number, value in zip(printed, computed, strict=True):
        assert_printed(number, value)
    (slope,) = find(PHYSICS, rf"for Cs D2 a slope of ±{N} MHz⁻¹ for the y and x probe")
    assert_printed(slope, gc.far_detuned_z_squared_slope_per_MHz(CS, D2, "y"))
    assert_printed(slope, -gc.far_detuned_z_squared_slope_per_MHz(CS, D2, "x"))


def test_physics_h_return_table_and_text():
    """R12: the probe's rates out of |3,3>, and Figs. 7, 8 under each h_return reading."""
    up, down, inside = find(
        PHYSICS,
        rf"back into \|4,4⟩ and \|4,3⟩ \({N}Γ and {N}Γ at \+700 MHz, .* moves \|3,3⟩ to \|3,2⟩ "
        rf"\({N}Γ\)",
    )
    rates = probe_rate_matrix(CS, D2, 700.0, "y", detuning_reference="F5")
    h = gc.ground_index(CS, 3, 3)
    for printed, to in [(up, (4, 4)), (down, (4, 3)), (inside, (3, 2))]:
        assert_printed(printed, rates[h, gc.ground_index(CS, *to)], f"3,3 -> {to}")
    found = rows(PHYSICS, rf"^\| `(\w+)` \| {N} \| {N} \| {N} \({N}/Γ\) \| {N} \| {N} \|$", 3)
    for value, *printed in found:
        r = reading(h_return=value)
        computed = [r["fig7"][0], r["limit"], r["fig8_min"], r["t_min"], r["fig8_end"], r["s_pump"]]
        for number, v in zip(printed, computed, strict=True):
            assert_printed(number, v, value)
    base, full = reading(h_return="absorbing"), reading(h_return="lower_manifold")
    most, at, rise = find(
        PHYSICS,
        rf"Fig. 7 moves by at most {N} under `lower_manifold` \(at x_repump ≈ {N}\); its "
        rf"x_repump → ∞ limit rises by {N} because",
    )
    change = full["fig7"] - base["fig7"]
    k = np.argmax(np.abs(change))
    assert_printed(most, abs(change[k]))
    assert_printed(at, full["x"][k])
    assert_printed(rise, full["limit"] - base["limit"])
    (shift,) = find(PHYSICS, rf"its minimum moves by {N} against `absorbing`")
    assert_printed(shift, full["fig8_min"] - base["fig8_min"])


def test_physics_other_readings():
    """R10, R16, R19 and the default resonance margin."""
    (weighted,) = find(PHYSICS, rf"removes the entanglement at Γ_d\^add = 0 \(ξ_exp,∞ ≈ {N}\)")
    assert_printed(weighted, reading(pump_levels="doppler_weighted")["limit"])
    up_up, down_down, loss = find(
        PHYSICS,
        rf"the total Rayleigh rates \(about {N}Γ and {N}Γ at \+700 MHz, .* Σ_q \|a_↑\(q\) − "
        rf"a_↓\(q\)\|² ≈ {N}Γ for the probe",
    )
    entries = cs_probe_entries()
    assert_printed(up_up, entries["up_up"])
    assert_printed(down_down, entries["down_down"])
    assert_printed(loss, elastic_coherence_loss(CS, D2, 700.0, "y", detuning_reference="F5"))
    rates, coherence = find(
        PHYSICS,
        rf"\(ξ_exp,∞ = {N} at Γ_d\^add = 0 in the x_repump → ∞ limit\); `coherence` gives {N}",
    )
    assert_printed(rates, reading()["limit"])
    assert_printed(coherence, reading(elastic_dephasing="coherence")["limit"])
    fwhm, printed_formula, t_380 = find(
        PHYSICS,
        rf"The figures use `fwhm`: {N} MHz at 22 °C against {N} MHz from the printed formula "
        rf"\(which reaches 380 MHz only near {N} °C\)",
    )
    assert_printed(fwhm, doppler_width_MHz(CS, D2, 22.0))
    assert_printed(printed_formula, doppler_width_MHz(CS, D2, 22.0, formula="footnote_69"))
    assert_printed(t_380, temperature_for_width_C(CS, D2, 380.0, formula="footnote_69"))
    (margin,) = find(PHYSICS, rf"The default {N} MHz is the Doppler FWHM at 22 °C")
    assert_printed(margin, doppler_width_MHz(CS, D2, 22.0))


# ============================================================ docs/configuration.md

CONFIGURATION = "docs/configuration.md"


def test_configuration_margin_and_allowed_detunings():
    """The shipped margin is the Cs D2 FWHM at 22 C; the example message's interval."""
    (margin,) = find(CONFIGURATION, rf"the shipped margin, {N} MHz, is the Cs D2 Doppler FWHM")
    assert_printed(margin, doppler_width_MHz(CS, D2, 22.0))
    (edge,) = find(CONFIGURATION, rf"multilevel.resonance_margin_MHz = 375: \(-inf, {N}\] MHz")
    first = allowed_detuning_intervals_MHz("x", "highest", 375.0, species=CS, line=D2)[0]
    assert first[0] == -np.inf
    assert_printed(edge, first[1])


# ============================================================ docs/exact_checks.md

EXACT = "docs/exact_checks.md"
#: Z and d of the doc's finite-N checks (config validation.z, two_level.optical_depth)
Z_EXACT, D_EXACT = 1.6, 30.0


@functools.cache
def finite_n(n_atoms: int, gamma_d_add: float = 0.0, pump_x: float = 0.0, check: float = 0.0):
    """Exact steady state of the two-level master equation (exact.finite_n): xi, P_2."""
    model = build_spin_model(
        n_atoms, Z_EXACT, D_EXACT, gamma_d_add, pump_x, collective_dephasing=check
    )
    vector, _ = steady_state_vector(model)
    out = xi_from_vectors(model, vector)
    return float(out["xi"]), float(out["polarization"])


@functools.cache
def finite_n_dynamics(times: tuple[float, ...], n_values: tuple[int, ...]) -> pd.DataFrame:
    """exact.finite_n.dynamics_comparison at the doc's times and N."""
    return dynamics_comparison(np.array(times), list(n_values), Z_EXACT, D_EXACT)


def test_exact_bosonic_modes():
    """C10: truncation table, Liouvillian gaps, Fock against second moments with noise."""
    (r,) = find(EXACT, rf"Z = 1.5 \(r = {N}\):")
    assert_printed(r, np.log(1.5))
    found = rows(EXACT, rf"^\| (\d+) \| {N} \| {N} \| {N} \| {N} \|$", 3)
    table = bosonic.bosonic_convergence(1.5, [int(n) for n, *_ in found]).set_index("n_cut")
    columns = ["infidelity", "tail_weight", "epr_variance", "epr_variance_exact"]
    for n_cut, *printed in found:
        for number, column in zip(printed, columns, strict=True):
            assert_printed(number, table.loc[int(n_cut), column], f"n_cut {n_cut} {column}")
    cuts = find(EXACT, r"has exactly one zero eigenvalue for n_cut = (\d), (\d), (\d), gap ")
    gaps = find(EXACT, rf"gap {N}, {N}, {N} κ → κ/2")
    mu, nu = (float(v) for v in mu_nu_from_z(1.5))
    for n_cut, gap in zip(cuts, gaps, strict=True):
        zeros, computed = bosonic.liouvillian_zero_eigenvalues(mu, nu, int(n_cut))
        assert zeros == 1
        assert_printed(gap, computed, f"gap at n_cut {n_cut}")
    (n_cut,) = find(EXACT, r"Fock vs moments at n_cut = (\d+) \(Z = 1.5, κ = 1\)")
    cases = [
        (rf"loss 0.5 / gain 0.1: {N} vs {N};", dict(loss=0.5, gain=0.1)),
        (rf"dephasing 0.3: {N} vs {N} \(closed form", dict(dephasing=0.3)),
        (rf"all three together: {N} vs {N}\.", dict(loss=0.5, gain=0.1, dephasing=0.3)),
    ]
    for pattern, noise in cases:
        fock, moments = find(EXACT, pattern)
        out = bosonic.bosonic_noise_comparison(1.5, int(n_cut), **noise)
        assert_printed(fock, out["epr_fock"], str(noise))
        assert_printed(moments, out["epr_moments"], str(noise))


def test_exact_averaged_rates():
    """C12: quadrature table, closed forms at large k_L L, the fits, the Lamb shift (also
    docs/physics.md's), inter-ensemble rates (k-space closed form, which
    test_exact_rates.py checks against the quadrature to 1e-8)."""
    found = rows(EXACT, rf"^\| (\d+) \| {N} \| {N} \| {N} \| {N} \| {N} \| {N} \| {N} \|$", 3)
    table = averaged_rates.averaged_rate_table([float(k) for k, *_ in found])
    columns = [
        "pair_rate_quadrature",
        "pair_rate_exact",
        "pair_rate_paper",
        "rel_error_paper",
        "pair_rate_part_A",
        "pair_rate_part_B",
        "lamb_shift_over_rate",
    ]
    for (kl, *printed), (_, row) in zip(found, table.iterrows(), strict=True):
        for number, column in zip(printed, columns, strict=True):
            assert_printed(number, row[column], f"k_L L = {kl}, {column}")
    exact20, paper20, error20, exact100, paper100, error100 = find(
        EXACT,
        rf"exact {N} against {N} \(rel. error {N}\) at k_L L = 20, {N} against {N} \({N}\) at 100",
    )
    for kl, exact, paper, error in [
        (20.0, exact20, paper20, error20),
        (100.0, exact100, paper100, error100),
    ]:
        rate, leading = averaged_rates.pair_rate_exact(kl), averaged_rates.pair_rate_closed_form(kl)
        assert_printed(exact, rate, f"k_L L = {kl}")
        assert_printed(paper, leading, f"k_L L = {kl}")
        assert_printed(error, leading / rate - 1, f"k_L L = {kl}")
    fitted = np.array([5.0, 10.0, 20.0, 50.0, 100.0])
    prefactor, power = find(
        EXACT, rf"gives relative error = {N} \(k_L L\)\^{{−{N}}}\. The Lamb shift"
    )
    c, p = averaged_rates.fit_power_law(
        fitted,
        averaged_rates.pair_rate_closed_form(fitted) / averaged_rates.pair_rate_exact(fitted) - 1,
    )
    assert_printed(prefactor, c)
    assert_printed(power, p)
    by_row = table.set_index("k_l_L")
    shift5, shift10 = find(EXACT, rf"k_L L \|G/Γ\| = {N} and {N} at k_L L = 5 and 10\.")
    for kl, printed in [(5.0, shift5), (10.0, shift10)]:
        assert_printed(printed, kl * abs(by_row.loc[kl, "lamb_shift_over_rate"]), f"{kl}")
    (physics,) = find(PHYSICS, rf"the repo finds \|G_ij/Γ_ij\| ≈ {N}/\(k_L L\)")
    assert_printed(physics, 10.0 * abs(by_row.loc[10.0, "lamb_shift_over_rate"]))
    ratio5, ratio10, power = find(
        EXACT, rf"B/A = {N} and {N} at k_L L = 5 and 10, about \(k_L L\)\^{{−{N}}}\)"
    )
    b_over_a = by_row["pair_rate_part_B"] / by_row["pair_rate_part_A"]
    assert_printed(ratio5, b_over_a[5.0])
    assert_printed(ratio10, b_over_a[10.0])
    assert_printed(power, np.log(b_over_a[5.0] / b_over_a[10.0]) / np.log(2.0))
    kls = [float(k) for k in find(EXACT, r"at k_L L = (\d+), (\d+), (\d+);")]
    for r_over_l in (1.0, 3.0):
        printed = find(EXACT, rf"R/L = {r_over_l:g}: {N}, {N}, {N}")
        closed = averaged_rates.inter_ensemble_rate(np.array(kls), r_over_l, method="closed")
        relative = closed.real / averaged_rates.pair_rate_exact(np.array(kls)) - 1
        for number, value in zip(printed, relative, strict=True):
            assert_printed(number, value, f"R/L = {r_over_l}")


def test_exact_finite_n():
    """Finite-N table (Gamma_d^add = 0), its fits, sector sizes, Gamma_d^add = 5, P_2."""
    (eq15,) = find(EXACT, rf"x = 0 \(Eq. \(15\): ξ∞ = {N};")
    assert_printed(eq15, xi_steady_state(Z_EXACT, D_EXACT, 0.0, 0.0))
    n_values = header_values(EXACT, "Finite N")
    (xi_row,) = rows(EXACT, r"^\| ξ_exact \| (.*) \|$", 1)
    (dxi_row,) = rows(EXACT, r"^\| ξ − Eq\. \(15\) \| (.*) \|$", 1)
    xi = {n: finite_n(n)[0] for n in n_values}
    exact = float(xi_steady_state(Z_EXACT, D_EXACT, 0.0, 0.0))
    for n, a, b in zip(n_values, xi_row.split(" | "), dxi_row.split(" | "), strict=True):
        assert_printed(a, xi[n], f"N = {n}")
        assert_printed(b, xi[n] - exact, f"N = {n}")
    assert all(xi[n] > xi[n + 1] > exact for n in n_values[1:-1]) and xi[1] < xi[2]
    table = pd.DataFrame(
        {"n_atoms": n_values, "xi_exact": list(xi.values()), "xi_large_n": exact}
    ).assign(delta_xi=lambda t: t["xi_exact"] - exact)
    inf5, eq15_again, a1, a2, inf2, power_a, power_p = find(
        EXACT,
        rf"over N = 5…8 \(`fit_finite_n_approach\(table, 5\)`\): xi_inf = {N} \(Eq. \(15\): {N}\), "
        rf"a1 = {N}, a2 = {N}; over N = 2…8: xi_inf = {N}\. A pure power law over N = 5…8 "
        rf"gives \|Δξ\| ≈ {N} N\^{{−{N}}}",
    )
    fit5, fit2 = fit_finite_n_approach(table, 5), fit_finite_n_approach(table, 2)
    assert_printed(eq15_again, exact)
    for printed, value in [
        (inf5, fit5["xi_inf_extrapolated"]),
        (a1, fit5["a1"]),
        (a2, fit5["a2"]),
        (inf2, fit2["xi_inf_extrapolated"]),
        (power_a, fit5["power_a"]),
        (power_p, fit5["power_p"]),
    ]:
        assert_printed(printed, value)
    (sizes,) = find(EXACT, r"dimension (\d+(?:, \d+)*) for N = 1…12")
    dims = [build_spin_model(n, Z_EXACT, D_EXACT).dim for n in range(1, 13)]
    assert [int(s) for s in sizes.split(", ")] == dims
    eq15_5, first, last = find(
        EXACT, rf"With Γ_d\^add = 5 \(Eq. \(15\): {N}\): ξ_exact = {N} \(N = 2\) … {N} \(N = 6\)"
    )
    assert_printed(eq15_5, xi_steady_state(Z_EXACT, D_EXACT, 5.0, 0.0))
    assert_printed(first, finite_n(2, 5.0)[0])
    assert_printed(last, finite_n(6, 5.0)[0])
    *pumped, large_n = find(EXACT, rf"P₂ = {N}, {N}, {N} for N = 2, 4, 6 versus {N}")
    for n, printed in zip((2, 4, 6), pumped, strict=True):
        assert_printed(printed, finite_n(n, 2.0, 0.5)[1], f"N = {n}")
    assert_printed(large_n, two_level_rates(Z_EXACT, 2.0, 0.5).polarization_steady)


def test_exact_finite_n_dynamics():
    """The dynamics table, the adiabatic-following error of Eq. (14) and P_2(t)."""
    n_values = [
        int(n)
        for n in find(
            EXACT, r"\| t \| Eq. \(14\) \| moments \| N = (\d+) \| N = (\d+) \| N = (\d+) \|"
        )
    ]
    found = rows(EXACT, rf"^\| ([\d.]+) \| {N} \| {N} \| {N} \| {N} \| {N} \|$", 5)
    times = tuple(float(t) for t, *_ in found)
    table = finite_n_dynamics(times, tuple(n_values))
    for t, *printed in found:
        at = table[table["t"] == float(t)].set_index("n_atoms")
        first = at.iloc[0]
        computed = [first["xi_closed_form"], first["xi_moments"]]
        computed += [at.loc[n, "xi_exact"] for n in n_values]
        for number, value in zip(printed, computed, strict=True):
            assert_printed(number, value, f"t = {t}")
    largest, at_t = find(EXACT, rf"at most {N} \(at t = {N}\), small against the finite-N error")
    t = np.linspace(0.0, 4.0, 4001)
    rates = two_level_rates(Z_EXACT)
    error = np.abs(
        np.ravel(xi_moment_equations(t, rates, D_EXACT)[0])
        - np.ravel(xi_closed_form(t, rates, D_EXACT))
    )
    assert_printed(largest, error.max())
    assert_printed(at_t, t[np.argmax(error)])
    exact_p2, moments_p2, t_p2, n_p2 = find(
        EXACT, rf"single-particle rate \({N} vs {N} at t = {N}, N = (\d+)\)"
    )
    row = table[(table["t"] == float(t_p2)) & (table["n_atoms"] == int(n_p2))].iloc[0]
    assert_printed(exact_p2, row["polarization_exact"])
    assert_printed(moments_p2, row["polarization_moments"])


def test_exact_collective_dephasing():
    """C11: the large-N limit of N delta-xi and the finite-N table with and without C, D."""
    (limit,) = find(EXACT, rf"N Δξ → 2μνΓ̌\(μ−ν\)²/Γ = {N} at Z = 1.6")
    mu, nu = (float(v) for v in mu_nu_from_z(Z_EXACT))
    assert_printed(limit, 2 * mu * nu * 2.0 * (mu - nu) ** 2)
    n_values = header_values(EXACT, "C11")
    (without,) = rows(EXACT, r"^\| ξ without C,D \| (.*) \|$", 1)
    (with_cd,) = rows(EXACT, r"^\| ξ with C,D \| (.*) \|$", 1)
    (n_delta,) = rows(EXACT, r"^\| N Δξ \| (.*) \|$", 1)
    for n, a, b, c in zip(
        n_values, without.split(" | "), with_cd.split(" | "), n_delta.split(" | "), strict=True
    ):
        xi0, xi1 = finite_n(n)[0], finite_n(n, check=2.0)[0]
        assert_printed(a, xi0, f"N = {n}")
        assert_printed(b, xi1, f"N = {n}")
        assert_printed(c, n * (xi1 - xi0), f"N = {n}")


def test_exact_three_level():
    """Sector sizes of the three-level model and the Fig. 8 errors at d = 1."""
    (sizes,) = find(EXACT, r"(\d+(?:, \d+)*) coefficients for N = 1…5")
    setup = paper_setup()
    probe = setup.rates.probe
    scalar = ThreeLevelRates(**{k: float(np.ravel(v)[0]) for k, v in probe.as_dict().items()})
    dims = [
        three_level.build_three_level_model(
            n, scalar, 1.0, float(setup.rates.z), 0.0
        ).liouvillian.shape[0]
        for n in range(1, 6)
    ]
    assert [int(s) for s in sizes.split(", ")] == dims
    # the larger sectors and their symmetry orbits (Representation, Symmetry reduction)
    (sectors,) = find(EXACT, r"2580 coefficients for N = 1…5, ([^.]*)\.")
    pairs = re.findall(r"(\d+) at N = (\d+)", sectors)
    assert len(pairs) == 3
    for size, n in pairs:
        assert int(size) == three_level.sector_dimension(int(n)), f"sector at N = {n}"
    (orbits,) = find(EXACT, r"the solve runs on the orbits: ([^,]+, [^,]+, [^,]+),")
    pairs = re.findall(r"(\d+)(?: unknowns)? at N = (\d+)", orbits)
    assert len(pairs) == 3
    for size, n in pairs:
        assert int(size) == three_level.sector_dimension(int(n), reduced=True), f"orbits at N = {n}"
    printed = find(EXACT, rf"by {N}, {N}, {N}, {N} at t = 1/Γ for N = 1…4")
    table = three_level.three_level_dynamics_table(setup, [1, 2, 3, 4], [0.0, 1.0], [1.0], 0.0)
    at_one = table[table["t"] == 1.0].set_index("n_atoms")["error"]
    for n, number in zip((1, 2, 3, 4), printed, strict=True):
        assert_printed(number, at_one[n], f"N = {n}")


def test_exact_cumulant_expansion():
    """The unknowns' count and the large-N verdict at d = 30 (third order, x_repump at the
    ends of the default grid, where a1 and xi - Eq. (30) take their extremes)."""
    (count,) = find(EXACT, r"leaves (\d+) unknowns at third")
    setup = paper_setup()
    scalar = ThreeLevelRates(
        **{k: float(np.ravel(v)[0]) for k, v in setup.rates.probe.as_dict().items()}
    )
    model = cumulants.build_cumulant_model(10.0, scalar, 30.0, float(setup.rates.z), 0.0)
    assert int(count) == int(cumulants.CumulantSystem(model, 3).charge_free.sum())
    table = cumulants.cumulant_steady_table(
        setup, [1000.0, 2000.0, 4000.0, 1e12], [10.0, 0.01], [30.0], 0.0, orders=[3]
    )
    limit = cumulants.cumulant_limit_table(table, 1000.0, 1e12).set_index("x_repump")
    low, high = find(EXACT, rf"Eq. \(30\) by {N} \(x_repump = 10\) to {N} \(x_repump = 0.01\)")
    assert_printed(low, limit.loc[10.0, "error_physical_3"], "x_repump = 10")
    assert_printed(high, limit.loc[0.01, "error_physical_3"], "x_repump = 0.01")
    a_low, a_high, d_low, d_high = find(
        EXACT, rf"a₁ = {N} \(x_repump = 10\) to {N} \(x_repump = 0.01\), a₁/d = {N} to {N}"
    )
    assert_printed(a_low, limit.loc[10.0, "a1_3"], "a1 at x_repump = 10")
    assert_printed(a_high, limit.loc[0.01, "a1_3"], "a1 at x_repump = 0.01")
    assert_printed(d_low, limit.loc[10.0, "a1_over_d_3"], "a1/d at x_repump = 10")
    assert_printed(d_high, limit.loc[0.01, "a1_over_d_3"], "a1/d at x_repump = 0.01")
    (a1_bound,) = find(EXACT, rf"uncertain by\s+at most {N} \(`a1_uncertainty_3`")
    assert limit["a1_uncertainty_3"].max() <= float(a1_bound)
    (bound,) = find(EXACT, rf"is Eq. \(30\) to {N} at d = 1, 3 and 30")
    assert limit["error_infinite_3"].abs().max() < float(bound)


def test_exact_cumulant_dynamics():
    """Fig. 8 at N = 1e12, d = 30 (second order, the config's t grid): the distance of
    Eq. (28) and of the integrated App. D moment equations to the expansion."""
    grid = grid_values(load_yaml(REPO / "config/config.yaml")["validation"]["three_level"]["t"])
    table = cumulants.cumulant_dynamics_table(paper_setup(), [1e12], grid, [30.0], 0.0)
    (eq28,) = find(EXACT, rf"Eq. \(28\) stays within {N}\s+of the master equation")
    assert_printed(eq28, table["error"].abs().max(), "Eq. (28) at N = 1e12")
    (moments,) = find(EXACT, rf"differ from it by up to {N} at every d")
    assert_printed(moments, (table["xi_cumulant"] - table["xi_moments"]).abs().max(), "App. D")
