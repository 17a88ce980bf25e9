"""Probe intensity, saturation intensity, Rabi frequency and the rate unit Gamma in s^-1.

Every rate of the model is in units of Gamma, fixed by Gamma_(down->up) = mu^2 Gamma (App.
E; :func:`dissipative_entanglement.atoms.rates.probe_rate_matrix`). This module gives
Gamma its absolute value for a probe of given intensity.

Normalisation. :mod:`dissipative_entanglement.atoms.couplings` divides every dipole
matrix element by <J||d||J'> sqrt((2J+1)/(2J'+1)), on D1 and D2 alike, so that the
squared couplings of every excited sublevel to all ground sublevels sum to 1. A coupling
1 is therefore the dipole d_1 of a two-level transition whose spontaneous rate is the
line's natural width, Gamma_nat = omega^3 d_1^2 / (3 pi eps_0 hbar c^3) (Steck, "Reduced
dipole matrix elements"). On D2 it is the cycling transition |F_up, F_up> ->
|F'_max, F'_max> (coupling exactly 1); on D1 no transition has coupling 1 and the unit
is this fictitious cycling-strength transition with the D1 width and wavelength. Its
saturation intensity is Steck's two-level value I_sat = pi h c Gamma_nat / (3 lambda^3)
and its Rabi frequency Omega_1 = Gamma_nat sqrt(I / (2 I_sat)) (Steck, "Optical Bloch
equations" / "Resonance cross section": I/I_sat = 2 Omega^2/Gamma^2).

Far-detuned Raman rate (Kramers-Heisenberg, emission summed over polarizations q): the
excited amplitude of path F' is (Omega_1/2) c_F'/Delta_F', paths ending in the same
final state and emitted polarization add, and each decays with rate Gamma_nat times its
squared emission coupling:

    Gamma_ab = Gamma_nat sum_q | sum_F' (Omega_1/2) c_F'^ab(q) / Delta_F' |^2,

with Omega_1, Delta_F' and Gamma_nat angular frequencies. The project's amplitudes
sum_F' c_F'/Delta_F' are in 1/MHz of cyclic detuning, hence the factor 1/(2 pi 10^6)^2.
"""

from __future__ import annotations

import numpy as np
import scipy.constants as sc

from ..atoms.couplings import (
    DEFAULT_DETUNING_REFERENCE,
    DEFAULT_POLARIZATION,
    squeezing_parameters,
)
from ..atoms.rates import probe_rate_matrix
from ..atoms.species import as_species
from .units import magnitude_in, ureg

#: rad/s per MHz of cyclic frequency
_ANGULAR_PER_MHZ = 2.0 * np.pi * 1e6


def peak_intensity(power_mW, waist_mm):
    """Peak intensity of a Gaussian beam, I = 2 P / (pi w^2).

    w is the 1/e^2 intensity radius (Siegman, "Lasers", ch. 17; any optics text).

    Parameters
    ----------
    power_mW : pint.Quantity or float
        Beam power (plain number: mW).
    waist_mm : pint.Quantity or float
        1/e^2 intensity radius (plain number: mm).

    Returns
    -------
    pint.Quantity
        Peak intensity in mW/cm^2.
    """
    power = magnitude_in(power_mW, "mW", "power_mW")
    waist = magnitude_in(waist_mm, "mm", "waist_mm")
    return ureg.Quantity(2.0 * power / (np.pi * waist**2), "mW/mm^2").to("mW/cm^2")


def natural_linewidth(species, line: str):
    """Natural linewidth Gamma_nat = 2 pi x (linewidth_MHz) of a D line, in rad/s.

    Parameters
    ----------
    species : Species or str
        The atoms (or their registry name, e.g. "Rb87").
    line : {"D1", "D2"}
        The D line.

    Returns
    -------
    pint.Quantity
        Gamma_nat in 1/s (angular: the decay rate of the excited-state population).
    """
    return ureg.Quantity(as_species(species).line(line).linewidth_MHz * _ANGULAR_PER_MHZ, "1/s")


def saturation_intensity(species, line: str):
    """Saturation intensity of the unit-coupling line, I_sat = pi h c Gamma_nat / (3 lambda^3).

    Steck's two-level (cycling-transition) saturation intensity, e.g. 1.1023 mW/cm^2 for
    Cs D2 and 1.669 mW/cm^2 for Rb-87 D2 (Steck, "Cesium D Line Data" and "Rubidium 87
    D Line Data", D2 optical properties). On D1 it is the same formula with the D1 width
    and wavelength: the transition of coupling 1 in the normalisation of
    :mod:`dissipative_entanglement.atoms.couplings` (module docstring).

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The D line.

    Returns
    -------
    pint.Quantity
        I_sat in mW/cm^2.
    """
    data = as_species(species).line(line)
    gamma = data.linewidth_MHz * _ANGULAR_PER_MHZ
    wavelength = data.wavelength_nm * sc.nano
    value = np.pi * sc.h * sc.c * gamma / (3.0 * wavelength**3)
    return ureg.Quantity(value, "W/m^2").to("mW/cm^2")


def unit_rabi_frequency(species, line: str, intensity_mW_cm2):
    """Rabi frequency of the unit-coupling transition, Omega_1 = Gamma_nat sqrt(I / (2 I_sat)).

    Steck, "Optical Bloch equations": I/I_sat = 2 Omega^2/Gamma^2.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The D line.
    intensity_mW_cm2 : pint.Quantity or float
        Probe intensity (plain number: mW/cm^2), e.g. from :func:`peak_intensity`.

    Returns
    -------
    pint.Quantity
        Omega_1 in rad/s (returned as 1/s).
    """
    intensity = magnitude_in(intensity_mW_cm2, "mW/cm^2", "intensity_mW_cm2", sign="non-negative")
    i_sat = saturation_intensity(species, line).magnitude
    return natural_linewidth(species, line) * np.sqrt(intensity / (2.0 * i_sat))


def raman_rate(amplitudes_per_MHz, linewidth_MHz, rabi_frequency_per_s):
    """Far-detuned Raman (Kramers-Heisenberg) rate Gamma_nat sum_q |(Omega_1/2) A_q|^2.

    A_q = sum_F' c_F'(q) / Delta_F' are the two-photon amplitudes of the emitted
    polarizations q with Delta in MHz of cyclic frequency (as
    :func:`dissipative_entanglement.atoms.couplings.process_amplitudes` returns them); the
    rate is Gamma_nat (Omega_1/2)^2 sum_q |A_q|^2 / (2 pi 10^6)^2 (module docstring).
    One excited level of coupling 1 gives the textbook far-detuned scattering rate
    Gamma_nat Omega_1^2 / (4 Delta^2).

    Parameters
    ----------
    amplitudes_per_MHz : array_like
        A_q in 1/MHz; the last axis runs over the emitted polarizations (summed); a
        scalar is one polarization. Plain numbers only (a Quantity is read in 1/MHz).
    linewidth_MHz : pint.Quantity or float
        Natural linewidth Gamma_nat/2pi (plain number: MHz).
    rabi_frequency_per_s : pint.Quantity or float
        Omega_1 in rad/s (plain number: 1/s), e.g. from :func:`unit_rabi_frequency`.

    Returns
    -------
    pint.Quantity
        The rate in 1/s.
    """
    amplitudes = np.atleast_1d(
        magnitude_in(amplitudes_per_MHz, "1/MHz", "amplitudes_per_MHz", sign="any")
    )
    width = magnitude_in(linewidth_MHz, "MHz", "linewidth_MHz") * _ANGULAR_PER_MHZ
    rabi = magnitude_in(rabi_frequency_per_s, "1/s", "rabi_frequency_per_s", sign="non-negative")
    amplitude_sq = np.sum(np.abs(amplitudes) ** 2, axis=-1) / _ANGULAR_PER_MHZ**2
    return ureg.Quantity(width * rabi**2 / 4.0 * amplitude_sq, "1/s")


def rate_unit(
    species,
    line: str,
    detuning_MHz,
    intensity_mW_cm2,
    probe_polarization: str = DEFAULT_POLARIZATION,
    *,
    detuning_reference: str = DEFAULT_DETUNING_REFERENCE,
    velocity_sigma_MHz: float | None = None,
):
    """The model's rate unit Gamma in s^-1: the rate of |down> -> |up> divided by mu^2.

    Gamma = Gamma_(down->up) / mu^2 (App. E, Sec. IV.1), Gamma_(down->up) from
    :func:`raman_rate` with the passive amplitude of
    :func:`dissipative_entanglement.atoms.couplings.process_amplitudes` and Omega_1 of
    :func:`unit_rabi_frequency`; equivalently Gamma_nat (Omega_1/2)^2 (passive^2 -
    active^2) / (2 pi 10^6)^2. With ``velocity_sigma_MHz`` (atoms in thermal motion,
    :mod:`dissipative_entanglement.atoms.velocity_average`) the collective Gamma of the
    averaged amplitudes: Gamma_nat (Omega_1/2)^2 (|<passive>|^2 - |<active>|^2) / (2 pi
    10^6)^2 (docs/physics.md#r23).

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The D line the probe is tuned to.
    detuning_MHz : pint.Quantity or float
        Probe detuning (blue > 0; plain number: MHz) from ``detuning_reference``.
    intensity_mW_cm2 : pint.Quantity or float
        Probe intensity (plain number: mW/cm^2).
    probe_polarization : {"y", "x"}, optional
        Probe polarization (default "y").
    detuning_reference : str, optional
        See :func:`dissipative_entanglement.atoms.couplings.reference_frequency_MHz`
        (default "highest": F_up -> F'_max).
    velocity_sigma_MHz : float, optional
        Doppler sigma of the atoms; None (default): atoms at rest.

    Returns
    -------
    pint.Quantity
        Gamma in 1/s.

    Raises
    ------
    ValueError
        Where no real (mu, nu) exists (the model's Gamma is undefined there).
    """
    sp = as_species(species)
    detuning = magnitude_in(detuning_MHz, "MHz", "detuning_MHz", sign="any")
    params = squeezing_parameters(
        sp,
        line,
        detuning,
        probe_polarization,
        detuning_reference=detuning_reference,
        velocity_sigma_MHz=velocity_sigma_MHz,
    )
    if not np.all(np.isfinite(params.mu)):
        raise ValueError(
            f"no real (mu, nu) for {sp.name} {line}, {probe_polarization} probe at "
            f"detuning_MHz={detuning}: Gamma is undefined there"
        )
    rabi = unit_rabi_frequency(sp, line, intensity_mW_cm2)
    passive = np.abs(params.passive_amplitude)  # complex for thermal atoms; squared below
    down_up = raman_rate(passive, sp.line(line).linewidth_MHz, rabi)
    return down_up / params.mu**2


def probe_rates(
    species,
    line: str,
    detuning_MHz,
    intensity_mW_cm2,
    probe_polarization: str = DEFAULT_POLARIZATION,
    *,
    detuning_reference: str = DEFAULT_DETUNING_REFERENCE,
):
    """Absolute probe rates between all ground sublevels, Gamma_ab in s^-1.

    :func:`dissipative_entanglement.atoms.rates.probe_rate_matrix` (units of Gamma,
    coherent amplitude sum) times :func:`rate_unit`.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The D line.
    detuning_MHz : pint.Quantity or float
        Probe detuning (plain number: MHz).
    intensity_mW_cm2 : pint.Quantity or float
        Probe intensity (plain number: mW/cm^2).
    probe_polarization : {"y", "x"}, optional
        Probe polarization (default "y").
    detuning_reference : str, optional
        Default "highest".

    Returns
    -------
    pint.Quantity
        Array (n_ground, n_ground) in 1/s; [a, b] is |a> -> |b> (order of
        :func:`dissipative_entanglement.atoms.couplings.ground_states`).
    """
    gamma = rate_unit(
        species,
        line,
        detuning_MHz,
        intensity_mW_cm2,
        probe_polarization,
        detuning_reference=detuning_reference,
    )
    detuning = magnitude_in(detuning_MHz, "MHz", "detuning_MHz", sign="any")
    matrix = probe_rate_matrix(
        species, line, detuning, probe_polarization, detuning_reference=detuning_reference
    )
    return gamma * matrix


__all__ = [
    "natural_linewidth",
    "peak_intensity",
    "probe_rates",
    "raman_rate",
    "rate_unit",
    "saturation_intensity",
    "unit_rabi_frequency",
]
