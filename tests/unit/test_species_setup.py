"""The atoms as fields of the model's value (MultilevelSetup.species, .line).

(a) the atoms come from the config's ``atom`` mapping, F from the species;
(b) Rb-87 D2 at +700 MHz (y probe, d = 30, 22 C): Gamma_(down->up) = mu^2 and
    Gamma_(up->down) = nu^2 with mu, nu of atoms.couplings; the Fig. 7 pump optimum meets
    N_up/N_2 = 0.95, checked with a null-space steady state of the 3 x 3 Eq. (26) matrix
    written here; xi_exp,inf is Eq. (30) with F = F_up = 2, written here, and tends to its
    d -> infinity form at Gamma_d^add = 0; Fig. 8 starts at xi_exp = 1;
(c) every species and line: finite rates wherever Z is real;
(d) refused combinations raise errors naming the key and the allowed values.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.constants as sc

from dissipative_entanglement.atoms import couplings as gc
from dissipative_entanglement.atoms.species import SPECIES, get_species
from dissipative_entanglement.multilevel.options import MultilevelOptions
from dissipative_entanglement.multilevel.pump import fig7_xi_exp_steady_state, fig8_xi_exp_time
from dissipative_entanglement.multilevel.setup import MultilevelSetup, multilevel_rates

from ..helpers import xi_long_time_eq30

RB = MultilevelSetup(700.0, "y", 30.0, 22.0, species="Rb87", line="D2")


def _rate_fields(rates):
    for name in ("probe", "pump_unit", "repump_unit"):
        for key, value in getattr(rates, name).as_dict().items():
            yield f"{name}.{key}", np.asarray(value, dtype=float)


# --------------------------------------------------------------------------- (a) atoms


def test_config_reads_the_atom_mapping():
    section = {"detuning_MHz": 700, "probe_polarization": "y", "temperature_C": 22}
    cs = MultilevelSetup.from_config(section | {"atom": {"species": "Cs133", "line": "D2"}})
    assert cs == MultilevelSetup(700.0, "y", None, 22.0, species="Cs133", line="D2")
    assert cs.f_upper == cs.rates.f_upper == 4
    rb = MultilevelSetup.from_config(section | {"atom": {"species": "Rb87", "line": "D1"}})
    assert (rb.species, rb.line, rb.f_upper) == ("Rb87", "D1", 2)
    with pytest.raises(ValueError, match="unknown"):
        MultilevelSetup.from_config(section | {"atom": {"isotope": "Rb87", "line": "D2"}})
    with pytest.raises(ValueError, match="missing"):  # F comes from the atoms, never a default
        MultilevelSetup.from_config(section | {"atom": {"line": "D2"}})
    with pytest.raises(KeyError):
        MultilevelSetup.from_config(section)
    with pytest.raises(TypeError):
        MultilevelSetup(700.0, "y", None, 22.0)  # species and line are required


# --------------------------------------------------------------------------- (b) Rb87


def _steady_state_eq26(r) -> np.ndarray:
    """(N_up, N_down, N_h)/N: null vector of the Eq. (26) generator, rates r (scalars)."""
    out = {
        "up": {"down": r.up_down, "h": r.up_h},
        "down": {"up": r.down_up, "h": r.down_h},
        "h": {"up": r.h_up, "down": r.h_down},
    }
    names = ["up", "down", "h"]
    m = np.zeros((3, 3))
    for a, targets in out.items():
        for b, rate in targets.items():
            m[names.index(b), names.index(a)] += float(rate)
            m[names.index(a), names.index(a)] -= float(rate)
    _, _, vh = np.linalg.svd(m)
    n = vh[-1]
    return n / n.sum()


def test_rb87_probe_rates_are_mu_and_nu_squared():
    p = gc.squeezing_parameters("Rb87", "D2", 700.0, "y", detuning_reference="highest")
    rates = RB.rates
    np.testing.assert_allclose(rates.probe.down_up, p.mu**2, rtol=1e-12)
    np.testing.assert_allclose(rates.probe.up_down, p.nu**2, rtol=1e-12)
    np.testing.assert_allclose(rates.z, 1.0 / (abs(p.mu) - abs(p.nu)), rtol=1e-12)
    assert rates.f_upper == 2 and 1.0 < rates.z < 10.0
    assert rates.probe.h_up == 0.0 and rates.probe.h_down == 0.0  # absorbing |h>
    assert rates.pump_unit.up_down == 0.0 and rates.pump_unit.up_h == 0.0  # dark |up>


@pytest.mark.parametrize("gamma_d_add", [0.0, 20.0])
def test_rb87_fig7_pump_optimum_and_eq30(gamma_d_add):
    rates = RB.rates
    result = fig7_xi_exp_steady_state(rates, 1.0, gamma_d_add, 30.0, RB.options)
    assert np.isfinite(result.xi_exp_inf) and 0.0 < result.xi_exp_inf
    pumped = rates.at(result.s_pump, result.s_repump)
    n = _steady_state_eq26(pumped)
    np.testing.assert_allclose(n[0] / (n[0] + n[1]), 0.95, rtol=1e-7)
    np.testing.assert_allclose(np.squeeze(result.populations), n, rtol=1e-8, atol=1e-12)
    gbar = sum(
        float(getattr(pumped, k))
        for k in ("up_down", "down_up", "up_h", "down_h", "up_up", "down_down")
    )
    expected = xi_long_time_eq30(n[0], n[1], gbar + gamma_d_add, 30.0, float(rates.z), 2)
    np.testing.assert_allclose(result.xi_exp_inf, expected, rtol=1e-8)


def test_rb87_xi_tends_to_its_infinite_depth_form():
    rates = RB.rates
    huge = fig7_xi_exp_steady_state(rates, 1.0, 0.0, 1e12, RB.options)
    n = _steady_state_eq26(rates.at(huge.s_pump, huge.s_repump))
    n2, p2 = n[0] + n[1], (n[0] - n[1]) / (n[0] + n[1])
    f, z = 2, float(rates.z)
    # d -> infinity in Eq. (30): the ratio -> P_2 / Z^2
    limit = p2 / z**2 * 2 * f / (p2 + 2 * f - 1) + n[1] / n2 * 2 * (2 * f - 1) / (p2 + 2 * f - 1)
    np.testing.assert_allclose(huge.xi_exp_inf, limit, rtol=1e-8)
    depths = np.array([10.0, 30.0, 100.0, 1000.0])
    xi = fig7_xi_exp_steady_state(rates, 1.0, 0.0, depths, RB.options).xi_exp_inf
    assert np.all(np.diff(xi) < 0) and np.all(xi > limit)


def test_rb87_fig8_starts_at_one():
    t = np.array([0.0, 0.1, 1.0, 10.0])
    result = fig8_xi_exp_time(RB.rates, t, 0.0, 30.0, RB.options)
    np.testing.assert_allclose(result.xi_exp[0], 1.0, rtol=1e-12)
    assert np.all(np.isfinite(result.xi_exp))


def test_rb87_doppler_width_uses_its_mass_and_wavelength():
    sp = get_species("Rb87")
    t_K = 22.0 + sc.zero_Celsius
    expected = np.sqrt(8 * np.log(2) * sc.k * t_K / (sp.mass_u * sc.atomic_mass)) / 780.241e-9
    np.testing.assert_allclose(RB.doppler_fwhm_MHz, expected / 1e6, rtol=1e-6)
    d1 = RB.replace(line="D1").doppler_fwhm_MHz
    np.testing.assert_allclose(d1 / RB.doppler_fwhm_MHz, 780.241 / 794.979, rtol=1e-4)


# --------------------------------------------------------------------------- (c) all atoms


@pytest.mark.parametrize("polarization", ["y", "x"])
@pytest.mark.parametrize("line", ["D1", "D2"])
@pytest.mark.parametrize("species", list(SPECIES))
def test_every_species_and_line_gives_finite_rates_where_z_is_real(species, line, polarization):
    grid = np.linspace(-4000.0, 4000.0, 41) + 13.0
    z = gc.squeezing_parameters(species, line, grid, polarization).z
    real = np.isfinite(z)
    assert real.sum() >= 5
    setup = MultilevelSetup(grid[real], polarization, 30.0, 22.0, species=species, line=line)
    rates = setup.rates
    np.testing.assert_allclose(rates.z, z[real], rtol=1e-13)
    for name, value in _rate_fields(rates):
        assert np.all(np.isfinite(value)) and np.all(value >= 0.0), name
    assert rates.f_upper == get_species(species).f_upper
    result = fig7_xi_exp_steady_state(rates, 1.0, 0.0, 30.0, setup.options)
    assert np.any(np.isfinite(result.xi_exp_inf))


# --------------------------------------------------------------------------- (d) refusals


def test_refused_combinations_name_the_key_and_the_allowed_values():
    atom = {"species": "Cs133", "line": "D2"}
    with pytest.raises(ValueError, match=r"atom.species = 'Rb88'.*'Rb87'"):
        MultilevelSetup(700.0, "y", 30.0, 22.0, **(atom | {"species": "Rb88"}))
    with pytest.raises(ValueError, match=r"atom.line = 'D3'.*'D1', 'D2'"):
        MultilevelSetup(700.0, "y", 30.0, 22.0, **(atom | {"line": "D3"}))
    # F<n> names an excited level of the probe's line: Rb-87 D2 has F' = 0..3
    for reference in ("F4", "F5"):
        with pytest.raises(ValueError, match=r"detuning_reference = .*'F0', 'F1', 'F2', 'F3'"):
            RB.replace(options={"detuning_reference": reference})
    with pytest.raises(ValueError, match="detuning_reference"):
        multilevel_rates(
            700.0, "y", 22.0, MultilevelOptions(detuning_reference="F4"), species="K39", line="D2"
        )
    # every reading runs for every atoms: the lower-manifold model on Rb-87 and on Cs D1
    assert RB.replace(options={"h_return": "lower_manifold"}).rates.manifold.probe.shape == (5, 5)
    cs_d1 = MultilevelSetup(
        700.0,
        "y",
        30.0,
        22.0,
        MultilevelOptions(h_return="lower_manifold"),
        **(atom | {"line": "D1"}),
    )
    assert cs_d1.rates.manifold.probe.shape == (9, 9)
