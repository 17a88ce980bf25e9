"""Single-atom rates of the multi-level model under the probe, pump and repump (App. E).

The paper evaluates them for Cs-133 with the probe on D2; every formula holds for any
alkali species and either probe line (:mod:`dissipative_entanglement.atoms`), with
F_up = I + 1/2, F_low = I - 1/2 and the Cs numbers in brackets.

Probe (off-resonant, on the probe's line). App. E: "probe induced rates Gamma_ab for transitions
|a> -> |b> are calculated using the formula Gamma_ab^probe = Omega_probe^2
sum_l (c_l^ab)^2 / Delta_l^ab gamma_LW, where the sum runs over all levels contributing
to a particular transitions". As printed the formula is dimensionally inconsistent (a
rate needs 1/Delta^2) and, summing signed 1/Delta_l, can turn negative. Two readings are
offered (``amplitude_sum``):

- "coherent" (default, Kramers-Heisenberg): Gamma_ab proportional to
  sum_q |sum_l c_l^ab(q) / Delta_l^ab|^2, paths through the same excited m' but different
  F' interfere; q runs over the polarization of the spontaneously emitted photon (all
  directions: cross terms between different q integrate to zero).
- "incoherent": sum_q sum_l c_l^ab(q)^2 / Delta_l^2, the printed formula with the square
  put on Delta (footnote 68 for a single level: Omega^2 c^2/|Delta + i gamma|^2 gamma_LW).

Unit. Rates are in units of Gamma, fixed by Gamma_(down->up) = mu^2 Gamma (App. E, Sec.
IV.1): Gamma = (rate of |down> -> |up>)/mu^2 with mu from the coherent amplitudes
(:func:`dissipative_entanglement.atoms.couplings.squeezing_parameters`). Both |down> -> |up>
and |up> -> |down> have a single emitted polarization (pi for the y probe, sigma-/sigma+ for
the x probe), so the rate summed over all emission directions carries exactly the squared
amplitude of the quantum-mode process; hence with the coherent sum Gamma_(up->down) = nu^2
Gamma and Gamma_(down->up) = mu^2 Gamma hold identically (the emission pattern only rescales
d). With the incoherent sum the same Gamma is used and Gamma_(up->down) differs from nu^2.

Pump (D2, F_up -> F' = F_up [F=4 -> F'=4], sigma+ for ensemble I) and repump (D1,
F_low -> F' = F_up [F=3 -> F'=4], sigma+), resonant with |F_up, F_up> of the excited
levels (App. E for Cs: "we consider pumping resonant with respect to the level |4,4> in
6P1/2 (D1 line) and pump fields resonant with respect to the level |4,4> in 6P3/2 (D2
line)"; Sec. IV.1: "pump fields drive transitions within the manifold F = I+1/2 while
repump fields transfer atoms in F = I-1/2 back"). App. E:
"Gamma_ab^pump = Omega_pump^2/gamma_LW c_pump^2 k". Reading (``pump_channels``):

- "branching" (default): c^2 for |a> -> |b> is the absorption strength
  |<e|d_q|a>|^2 times the branching ratio of |e> -> |b>, i.e. the product of the
  squared absorption and emission couplings, exactly as "c is the product of the
  corresponding Clebsch Gordan coefficients" for the probe. For ensemble I the pump takes
  |down> to |F_up', F_up>, which decays to up, down and h: Gamma_(down->up),
  Gamma_(down->down), Gamma_(down->h). The repump takes |h> to |F_up', F_up> of the D1
  excited level, which decays to up, down, h: Gamma_(h->up), Gamma_(h->down).
- "all_to_up": the two-level reading of Sec. III.4 / footnote 68 (Gamma_cool^pump =
  Omega_pump^2/gamma_LW): every excitation of |down> (|h>) returns to |up>.

Which excited levels the resonant fields reach (``pump_levels``): "resonant_only"
(default; App. E: "Pump, or repump induced transitions are resonant and involve to a good
approximation only one level") or "doppler_weighted": every F' of the line is reached by
the velocity class that Doppler-shifts it into resonance, with weight
exp(-4 ln2 (delta/FWHM)^2) relative to the resonant level
(:func:`dissipative_entanglement.atoms.doppler.doppler_weight`), the FWHM that of the
field's own line (D2 for the pump, D1 for the repump; :func:`field_doppler_widths_MHz`);
for the Cs pump this adds |4,4> -> |5',5> -> |4,4> (Gamma_(up->up)) and |4,3> -> |5',4>.

Pump and repump rates are linear in intensity and are returned per unit of a reference
strength s = Omega^2 k / (gamma_LW Gamma), Omega the Rabi frequency the field would have
on a transition of unit coupling (the D2 cycling transition); a configuration is
``probe + s_pump * pump_unit + s_repump * repump_unit`` (:func:`.model.combine_rates`).
The paper uses one gamma_LW and one k for both lines (App. E).
"""

from __future__ import annotations

import numpy as np

from ..atoms import rates as atom_rates
from ..atoms.doppler import doppler_width_MHz
from ..atoms.rates import RESONANT_PROCESSES
from ..atoms.velocity_average import doppler_sigma_MHz
from .model import ThreeLevelRates
from .options import MultilevelOptions

#: the line each resonant field drives (App. E): the pump D2, the repump D1
FIELD_LINES = {"pump": "D2", "repump": "D1"}


def field_doppler_widths_MHz(species, temperature_C, options: MultilevelOptions) -> dict:
    """Doppler width of the line of each resonant field, for ``pump_levels``.

    Parameters
    ----------
    species : Species or str
        The atoms.
    temperature_C : float
        Cell temperature in degrees C.
    options : MultilevelOptions
        The readings: ``pump_levels`` and ``doppler_formula``.

    Returns
    -------
    dict
        ``{"pump": FWHM of D2, "repump": FWHM of D1}`` in MHz under ``doppler_formula``
        (:func:`dissipative_entanglement.atoms.doppler.doppler_width_MHz`) for
        "doppler_weighted"; ``None`` for both under "resonant_only", which uses none.
    """
    if options.pump_levels != "doppler_weighted":
        return dict.fromkeys(FIELD_LINES)
    return {
        process: float(
            doppler_width_MHz(species, line, temperature_C, formula=options.doppler_formula)
        )
        for process, line in FIELD_LINES.items()
    }


def probe_velocity_sigma_MHz(species, line: str, temperature_C, options: MultilevelOptions):
    """The probe's Doppler sigma under ``probe_velocities = "thermal"``, else None.

    Parameters
    ----------
    species, line : str
        The atoms and the probe's line.
    temperature_C : float
        Cell temperature, degrees C.
    options : MultilevelOptions

    Returns
    -------
    float or None
        sigma in MHz (:func:`dissipative_entanglement.atoms.velocity_average.doppler_sigma_MHz`).
    """
    if options.probe_velocities != "thermal":
        return None
    return doppler_sigma_MHz(species, line, float(temperature_C))


def ground_rate_matrices(
    species,
    line: str,
    detuning_MHz,
    probe_polarization: str,
    options: MultilevelOptions,
    *,
    temperature_C,
    ensemble: str = "I",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Probe, unit pump and unit repump rates between all ground sublevels (App. E).

    The matrices the three-level model (:func:`three_level_rates`) and the lower-manifold
    model (:mod:`.manifold`) pick their entries from, under the readings of ``options``.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The probe's line.
    detuning_MHz : array_like
        Probe detuning in MHz (blue > 0) from ``options.detuning_reference``.
    probe_polarization : {"y", "x"}
        Probe polarization (Sec. IV.1).
    options : MultilevelOptions
        Readings used: ``detuning_reference``, ``amplitude_sum`` (probe), ``pump_channels``
        (module docstring), ``pump_levels`` and ``doppler_formula`` (resonant fields).
    temperature_C : float
        Cell temperature in degrees C (Doppler widths, used under "doppler_weighted").
    ensemble : {"I", "II"}, optional
        Pump and repump polarization sigma+ (I, default) or sigma- (II).

    Returns
    -------
    probe : ndarray, shape ``shape(detuning_MHz) + (n_ground, n_ground)``
        Element [a, b] the rate |a> -> |b> in units of Gamma; NaN where no real (mu, nu)
        exists.
    pump_unit, repump_unit : ndarray, shape (n_ground, n_ground)
        Rates per unit reference strength s (units of Gamma per unit s).
    """
    probe = atom_rates.probe_rate_matrix(
        species,
        line,
        detuning_MHz,
        probe_polarization,
        detuning_reference=options.detuning_reference,
        amplitude_sum=options.amplitude_sum,
        velocity_sigma_MHz=probe_velocity_sigma_MHz(species, line, temperature_C, options),
    )
    widths = field_doppler_widths_MHz(species, temperature_C, options)
    units = []
    for process in RESONANT_PROCESSES:
        matrix = atom_rates.resonant_rate_matrix(
            species,
            process,
            ensemble=ensemble,
            pump_levels=options.pump_levels,
            doppler_fwhm_MHz=widths[process],
        )
        if options.pump_channels == "all_to_up":
            matrix = atom_rates.all_to_up(species, matrix, ensemble)
        units.append(matrix)
    return probe, units[0], units[1]


def three_level_rates(
    species,
    line: str,
    detuning_MHz,
    probe_polarization: str,
    options: MultilevelOptions,
    *,
    temperature_C,
    ensemble: str = "I",
) -> tuple[ThreeLevelRates, ThreeLevelRates, ThreeLevelRates]:
    """(probe, pump_unit, repump_unit) rates of the three-level model (Fig. 6, App. D–E).

    The |up>, |down>, |h> entries of :func:`ground_rate_matrices`, with the ``leakage``
    reading ("neglect": App. E, transitions from |up> to m = F_up - 2 "occur at rates
    which are two orders of magnitude smaller"; "into_h": probe rates into sublevels
    outside {up, down, h} are added to Gamma_(up->h), Gamma_(down->h)).

    Parameters
    ----------
    species, line, detuning_MHz, probe_polarization, options, temperature_C, ensemble
        As in :func:`ground_rate_matrices`.

    Returns
    -------
    probe : ThreeLevelRates
        In units of Gamma, fields of the shape of ``detuning_MHz``; probe.down_up = mu^2
        and probe.up_down = nu^2 for the coherent sum.
    pump_unit, repump_unit : ThreeLevelRates
        Per unit reference strength s (float fields, units of Gamma per unit s).
    """
    matrices = ground_rate_matrices(
        species,
        line,
        detuning_MHz,
        probe_polarization,
        options,
        temperature_C=temperature_C,
        ensemble=ensemble,
    )
    entries = [
        atom_rates.three_level_entries(species, m, ensemble, options.leakage) for m in matrices
    ]
    probe = ThreeLevelRates(**entries[0])
    pump_unit, repump_unit = (
        ThreeLevelRates(**{k: float(v) for k, v in e.items()}) for e in entries[1:]
    )
    return probe, pump_unit, repump_unit


def rates_table(
    species,
    line: str,
    detuning_MHz: float,
    probe_polarization: str,
    options: MultilevelOptions,
    *,
    temperature_C,
    ensemble: str = "I",
):
    """Tidy table of every probe, pump and repump rate between ground sublevels (App. E).

    :func:`dissipative_entanglement.atoms.rates.rates_table` under the readings of
    ``options`` (``detuning_reference``, ``amplitude_sum``, ``pump_levels`` with the
    Doppler width of each field's line); the ``pump_channels`` reading does not enter:
    the table is the branching reading, the physical rate matrix.

    Parameters
    ----------
    species, line, probe_polarization, options, temperature_C, ensemble
        As in :func:`ground_rate_matrices`.
    detuning_MHz : float
        Probe detuning in MHz (blue > 0) from ``options.detuning_reference``.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`dissipative_entanglement.atoms.rates.rates_table`.
    """
    widths = field_doppler_widths_MHz(species, temperature_C, options)
    return atom_rates.rates_table(
        species,
        line,
        float(detuning_MHz),
        probe_polarization,
        detuning_reference=options.detuning_reference,
        amplitude_sum=options.amplitude_sum,
        pump_levels=options.pump_levels,
        pump_doppler_fwhm_MHz=widths["pump"],
        repump_doppler_fwhm_MHz=widths["repump"],
        ensemble=ensemble,
    )


__all__ = [
    "FIELD_LINES",
    "field_doppler_widths_MHz",
    "ground_rate_matrices",
    "rates_table",
    "three_level_rates",
]
