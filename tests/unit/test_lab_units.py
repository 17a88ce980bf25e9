"""Lab units (dissipative_entanglement.lab) against hand-computed cases.

Every expected value is written out here with plain floats and CODATA constants from
scipy.constants (not pint). The absolute scale of the rate unit Gamma is checked by two
routes that do not use the module's rate formula: the textbook two-level scattering rate
in the single-level limit, and the total scattering rate of the y probe from the stretched
state against Gamma_nat times the far-detuned excited-state population.
"""

from __future__ import annotations

import math

import pytest
import scipy.constants as sc

from dissipative_entanglement import lab
from dissipative_entanglement.atoms.couplings import (
    coupling_table,
    field_components,
    ground_index,
)
from dissipative_entanglement.atoms.species import get_species

Q = lab.Quantity
TWO_PI_MHZ = 2.0 * math.pi * 1e6  # rad/s per MHz


def hand_i_sat_mw_cm2(linewidth_mhz, wavelength_nm):
    """pi h c Gamma / (3 lambda^3) in mW/cm^2 (W/m^2 -> mW/cm^2: x 0.1)."""
    gamma = 2.0 * math.pi * linewidth_mhz * 1e6
    return math.pi * sc.h * sc.c * gamma / (3.0 * (wavelength_nm * 1e-9) ** 3) * 0.1


# --------------------------------------------------------------------------- intensity


def test_peak_intensity_by_hand():
    # 1 mW in a 2 mm waist: 2 x 1e-3 W / (pi x (2e-3 m)^2) = 159.15 W/m^2 = 15.915 mW/cm^2
    expected = 2.0 * 1e-3 / (math.pi * (2e-3) ** 2) * 0.1
    assert lab.peak_intensity(1.0, 2.0).to("mW/cm^2").magnitude == pytest.approx(expected)
    assert expected == pytest.approx(15.9155, rel=1e-5)
    # the same beam given in other units
    same = lab.peak_intensity(Q(1e-3, "W"), Q(0.2, "cm"))
    assert same.to("mW/cm^2").magnitude == pytest.approx(expected)


@pytest.mark.parametrize(
    "species, steck",
    [("Cs133", 1.1023), ("Rb87", 1.669)],  # Steck D2 tables, cycling transition
)
def test_saturation_intensity_of_d2_cycling_transition(species, steck):
    d2 = get_species(species).d2
    value = lab.saturation_intensity(species, "D2").to("mW/cm^2").magnitude
    assert value == pytest.approx(steck, rel=1e-3)
    assert value == pytest.approx(hand_i_sat_mw_cm2(d2.linewidth_MHz, d2.wavelength_nm))


def test_saturation_intensity_d1_uses_d1_width_and_wavelength():
    d1 = get_species("Cs133").d1
    value = lab.saturation_intensity("Cs133", "D1").to("mW/cm^2").magnitude
    assert value == pytest.approx(hand_i_sat_mw_cm2(d1.linewidth_MHz, d1.wavelength_nm))


def test_unit_rabi_frequency_by_hand():
    # Rb87 D2, I = 10 mW/cm^2: Omega_1 = Gamma sqrt(I / (2 I_sat))
    gamma = 2.0 * math.pi * 6.0666e6
    expected = gamma * math.sqrt(10.0 / (2.0 * hand_i_sat_mw_cm2(6.0666, 780.241209686)))
    value = lab.unit_rabi_frequency("Rb87", "D2", 10.0).to("1/s").magnitude
    assert value == pytest.approx(expected, rel=1e-12)


# --------------------------------------------------------------------------- Gamma


@pytest.mark.parametrize("saturation", [0.01, 1.0, 30.0])
def test_single_level_limit_is_the_textbook_scattering_rate(saturation):
    """One excited level of coupling 1, far detuned: R = (Gamma/2) s/(1 + s + (2 Delta/Gamma)^2)."""
    linewidth, delta = 6.0666, 2.0e4  # MHz
    gamma = 2.0 * math.pi * linewidth * 1e6
    rabi = gamma * math.sqrt(saturation / 2.0)  # I/I_sat = 2 Omega^2 / Gamma^2
    textbook = gamma / 2.0 * saturation / (1.0 + saturation + (2.0 * delta / linewidth) ** 2)
    rate = lab.raman_rate([1.0 / delta], linewidth, rabi).to("1/s").magnitude
    # far-detuned limit: neglected (1 + s)/(2 Delta/Gamma)^2 < 3e-6
    assert rate == pytest.approx(textbook, rel=3e-6)


@pytest.mark.parametrize(
    "species, line, detuning",
    [
        ("Rb87", "D2", 700.0),
        ("Cs133", "D2", 700.0),
        ("Rb87", "D2", 3000.0),
        ("Cs133", "D1", 1500.0),
    ],
)
def test_stretched_state_total_rate_is_gamma_nat_times_excited_population(species, line, detuning):
    """Sum over final states of the absolute y-probe rates out of |F_up, F_up> equals
    Gamma_nat x sum_e |a_e|^2, a_e = (Omega_1/2) <e|d.eps|up> / Delta_e (far detuned).

    Exact: summed over all ground sublevels and polarizations, the emission couplings of
    the excited sublevels are orthonormal (Sigma_q d_q P_ground d_q^dagger is a scalar on
    the J' level), so the coherences between different F' drop out of the total.
    """
    sp = get_species(species)
    data = sp.line(line)
    intensity = 5.0  # mW/cm^2
    table = coupling_table(sp, line)
    up = ground_index(sp, sp.f_upper, sp.f_upper)
    f_max = data.excited_f[-1]
    # laser frequency relative to the line centroid, then Delta_e for each excited level
    nu_laser = detuning + sp.transition_offset_MHz(line, sp.f_upper, f_max)
    gamma_nat = 2.0 * math.pi * data.linewidth_MHz * 1e6
    i_sat = hand_i_sat_mw_cm2(data.linewidth_MHz, data.wavelength_nm)
    rabi = gamma_nat * math.sqrt(intensity / (2.0 * i_sat))
    population = 0.0
    for e, (f_exc, _) in enumerate(table.excited):
        delta = 2.0 * math.pi * 1e6 * (nu_laser - sp.transition_offset_MHz(line, sp.f_upper, f_exc))
        amplitude = sum(
            eps * table.dipole[-q_a + 1, up, e] for q_a, eps in field_components("y").items()
        )
        population += (rabi / 2.0 * amplitude / delta) ** 2
    expected = gamma_nat * population
    rates = lab.probe_rates(sp, line, detuning, intensity, "y").to("1/s").magnitude
    assert rates[up].sum() == pytest.approx(expected, rel=1e-10)


def test_rate_unit_is_linear_in_intensity_and_quantity_aware():
    one = lab.rate_unit("Rb87", "D2", 700.0, 1.0).to("1/s").magnitude
    assert lab.rate_unit("Rb87", "D2", Q(0.7, "GHz"), Q(30.0, "W/m^2")).to(
        "1/s"
    ).magnitude == pytest.approx(3.0 * one)


def test_rate_unit_refuses_detunings_without_real_mu_nu():
    with pytest.raises(ValueError, match="no real"):
        lab.rate_unit("Rb87", "D2", -1000.0, 1.0)


# --------------------------------------------------------------------------- optical depth


def test_optical_depth_by_hand():
    # Rb87 D2, n = 1e11 cm^-3, L = 3 cm: d = n (3 lambda^2 / 2 pi) L
    wavelength_cm = 780.241209686e-7
    sigma0 = 3.0 * wavelength_cm**2 / (2.0 * math.pi)  # 2.907e-9 cm^2
    expected = 1e11 * sigma0 * 3.0
    value = lab.optical_depth("Rb87", "D2", 3.0, density_cm3=1e11)
    assert value.to("dimensionless").magnitude == pytest.approx(expected, rel=1e-12)
    assert expected == pytest.approx(872.1, rel=1e-3)
    # the same with the length in mm and the density in m^-3
    same = lab.optical_depth("Rb87", "D2", Q(30.0, "mm"), density_cm3=Q(1e17, "1/m^3"))
    assert same.magnitude == pytest.approx(expected, rel=1e-12)


def test_optical_depth_from_temperature_and_doppler_factor():
    # Rb at 40 C (liquid, Steck Rb87 Eq. (2)): log10(P/torr) = 2.881 + 4.312 - 4040/T
    t = 313.15
    pressure = 10 ** (2.881 + 4.312 - 4040.0 / t) * sc.torr
    density_cm3 = pressure / (sc.k * t) * 1e-6
    sigma0 = 3.0 * (780.241209686e-7) ** 2 / (2.0 * math.pi)
    expected = density_cm3 * sigma0 * 3.0
    value = lab.optical_depth("Rb87", "D2", 3.0, temperature_K=Q(40.0, "degC"))
    assert value.magnitude == pytest.approx(expected, rel=1e-9)
    # Doppler: sigma0 x sqrt(pi ln 2)/2 x Gamma/delta_D, delta_D = sqrt(8 k T ln 2 / m)/lambda
    mass = 86.909180531 * sc.atomic_mass
    doppler_mhz = math.sqrt(8 * sc.k * t * math.log(2) / mass) / 780.241209686e-9 / 1e6
    factor = math.sqrt(math.pi * math.log(2)) / 2 * 6.0666 / doppler_mhz
    broadened = lab.optical_depth("Rb87", "D2", 3.0, temperature_K=t, doppler=True)
    assert broadened.magnitude == pytest.approx(expected * factor, rel=1e-9)


def test_optical_depth_needs_a_density_source():
    with pytest.raises(ValueError, match="density_cm3 or temperature_K"):
        lab.optical_depth("Rb87", "D2", 3.0)
    with pytest.raises(ValueError, match="temperature_K"):
        lab.optical_depth("Rb87", "D2", 3.0, density_cm3=1e11, doppler=True)


# --------------------------------------------------------------------------- Larmor


def hand_g_f(g_j, g_i, nuclear_spin, f):
    ff, ii, jj = f * (f + 1), nuclear_spin * (nuclear_spin + 1), 0.75
    return g_j * (ff - ii + jj) / (2 * ff) + g_i * (ff + ii - jj) / (2 * ff)


@pytest.mark.parametrize(
    "species, g_j, g_i, nuclear_spin, f, approx_khz",
    [
        ("Cs133", 2.00254032, -0.00039885395, 3.5, 4, 350.0),  # Steck Cs Table 7
        ("Rb87", 2.00233113, -0.0009951414, 1.5, 2, 700.0),  # Steck Rb87 Table 7
    ],
)
def test_larmor_frequency_at_one_gauss(species, g_j, g_i, nuclear_spin, f, approx_khz):
    mu_b = sc.physical_constants["Bohr magneton"][0]
    expected_hz = hand_g_f(g_j, g_i, nuclear_spin, f) * mu_b * 1e-4 / sc.h
    value = lab.larmor_frequency(species, 1.0).to("Hz").magnitude
    assert value == pytest.approx(expected_hz, rel=1e-7)
    assert value / 1e3 == pytest.approx(approx_khz, rel=2e-3)
    assert lab.larmor_frequency(species, Q(1e-4, "T")).to("Hz").magnitude == pytest.approx(value)


def test_larmor_checks():
    assert lab.larmor_checks(700.0, 700.0, 64.0) == []
    far = lab.larmor_checks(Q(70.0, "MHz"), 700.0, 64.0)
    assert len(far) == 1 and "detuning" in far[0]
    slow = lab.larmor_checks(1.0, 700.0, [64.0, 1e4])  # 2 pi kHz / 1e4 1/s = 0.63
    assert len(slow) == 1 and "rate" in slow[0]
    assert lab.larmor_checks(1.0, 700.0, 1e4, min_rate_ratio=0.5) == []
    mixed = lab.larmor_checks(Q(1.0, "kHz"), 700.0, [Q(64.0, "1/s"), Q(10.0, "1/ms")])
    assert len(mixed) == 1 and "rate" in mixed[0]


# --------------------------------------------------------------------------- time scales


def test_entangling_rate_and_steady_state_time_by_hand():
    assert lab.entangling_rate(500.0, 64.0).to("1/s").magnitude == pytest.approx(32000.0)
    # t = 5 / ((1 + 10 x 0.5) x 100 1/s) = 8.333 ms
    t = lab.steady_state_time(10.0, 1.0, 0.5, 100.0)
    assert t.to("ms").magnitude == pytest.approx(5.0 / 600.0 * 1e3)
    # population relaxation slower than the transverse rate: it sets the time
    slow = lab.steady_state_time(10.0, 1.0, 0.5, 100.0, population_rate=2.0, e_foldings=3.0)
    assert slow.to("ms").magnitude == pytest.approx(3.0 / 200.0 * 1e3)


# --------------------------------------------------------------------------- bad input


def test_a_length_passed_as_a_power_is_a_clear_error():
    with pytest.raises(lab.UnitMismatchError, match="power_mW"):
        lab.peak_intensity(Q(1.0, "mm"), 2.0)
    with pytest.raises(lab.UnitMismatchError, match="field_G"):
        lab.larmor_frequency("Rb87", Q(1.0, "mW"))
    with pytest.raises(lab.UnitMismatchError, match="field_G"):
        lab.larmor_frequency("Rb87", Q(1.0, "mm"))
    with pytest.raises(lab.UnitMismatchError, match="intensity_mW_cm2"):
        lab.rate_unit("Rb87", "D2", 700.0, Q(1.0, "mW"))


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -1.0])
def test_nan_inf_negative_are_refused_with_the_parameter_name(bad):
    with pytest.raises(ValueError, match="waist_mm"):
        lab.peak_intensity(1.0, bad)
    with pytest.raises(ValueError, match="length_cm"):
        lab.optical_depth("Rb87", "D2", bad, density_cm3=1e11)
    with pytest.raises(ValueError, match="temperature_K"):
        lab.atom_density("Rb87", bad)
    with pytest.raises(ValueError, match="rate_unit_per_s"):
        lab.entangling_rate(10.0, bad)


def test_detuning_may_be_negative_but_not_nan():
    assert lab.larmor_checks(700.0, -700.0, 64.0) == []
    with pytest.raises(ValueError, match="detuning_MHz"):
        lab.rate_unit("Rb87", "D2", float("nan"), 1.0)
