"""Single-atom rates of Cs-133 under the probe, pump and repump fields (App. E).

Probe (off-resonant, D2). App. E: "probe induced rates Gamma_ab for transitions
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

Unit. Rates are in units of Gamma, fixed by Gamma_(down->up) = mu^2 Gamma (App. E,
Sec. IV.1): Gamma = (rate of |down> -> |up>)/mu^2 with mu from the coherent amplitudes
(:func:`.couplings.squeezing_parameters`). Both |down> -> |up> and |up> -> |down> have a
single emitted polarization (pi for the y probe, sigma-/sigma+ for the x probe), so the
rate summed over all emission directions carries exactly the squared amplitude of the
quantum-mode process; hence with the coherent sum Gamma_(up->down) = nu^2 Gamma and
Gamma_(down->up) = mu^2 Gamma hold identically (the emission pattern only rescales d).
With the incoherent sum the same Gamma is used and Gamma_(up->down) differs from nu^2.

Pump (D2, F=4 -> F'=4, sigma+ for ensemble I) and repump (D1, F=3 -> F'=4, sigma+),
resonant with |4,4> of 6P3/2 and of 6P1/2 (App. E: "we consider pumping resonant with
respect to the level |4,4> in 6P1/2 (D1 line) and pump fields resonant with respect to
the level |4,4> in 6P3/2 (D2 line)"; Sec. IV.1: "pump fields drive transitions within the
manifold F = I+1/2 while repump fields transfer atoms in F = I-1/2 back"). App. E:
"Gamma_ab^pump = Omega_pump^2/gamma_LW c_pump^2 k". Reading (``pump_channels``):

- "branching" (default): c^2 for |a> -> |b> is the absorption strength
  |<e|d_q|a>|^2 times the branching ratio of |e> -> |b>, i.e. the product of the
  squared absorption and emission couplings, exactly as "c is the product of the
  corresponding Clebsch Gordan coefficients" for the probe. For ensemble I the pump takes
  |down> = |4,3> to |4',4>, which decays to |4,4> (up), |4,3> (down), |3,3> (h):
  Gamma_(down->up), Gamma_(down->down), Gamma_(down->h). The repump takes |h> = |3,3> to
  |4',4> of 6P1/2, which decays to up, down, h: Gamma_(h->up), Gamma_(h->down).
- "all_to_up": the two-level reading of Sec. III.4 / footnote 68 (Gamma_cool^pump =
  Omega_pump^2/gamma_LW): every excitation of |down> (|h>) returns to |up>.

Which excited levels the resonant fields reach (``pump_levels``): "resonant_only"
(default; App. E: "Pump, or repump induced transitions are resonant and involve to a good
approximation only one level") or "doppler_weighted": every F' of the line is reached by
the velocity class that Doppler-shifts it into resonance, with weight
exp(-4 ln2 (delta/FWHM)^2) relative to the resonant level (:func:`.doppler.doppler_weight`);
for the pump this adds |4,4> -> |5',5> -> |4,4> (Gamma_(up->up)) and |4,3> -> |5',4>.

Pump and repump rates are linear in intensity and are returned per unit of a reference
strength s = Omega^2 k / (gamma_LW Gamma), Omega the Rabi frequency the field would have
on a transition of unit coupling (the D2 cycling transition); a configuration is
``probe + s_pump * pump_unit + s_repump * repump_unit`` (:func:`.model.combine_rates`).
The paper uses one gamma_LW and one k for both lines (App. E).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..atoms import rates as atom_rates
from ..atoms.rates import RESONANT_PROCESSES
from .couplings import (
    DEFAULT_DETUNING_REFERENCE,
    DEFAULT_POLARIZATION,
    centroid_detuning_MHz,
    reference_offset_MHz,
)
from .model import ThreeLevelRates
from .options import AMPLITUDE_SUMS, PUMP_LEVELS, CesiumOptions  # noqa: F401 (re-exported)

#: the species-generic layer (:mod:`dissipative_entanglement.atoms.rates`) computes every
#: rate of this module for these atoms, with the same float operations
_CS = "Cs133"


# --------------------------------------------------------------------------- probe


def probe_rate_matrix(
    detuning_MHz,
    probe_polarization: str = DEFAULT_POLARIZATION,
    *,
    detuning_reference: str = DEFAULT_DETUNING_REFERENCE,
    amplitude_sum: str = CesiumOptions.amplitude_sum,
):
    """Probe-induced rates Gamma_ab between all 16 ground sublevels, in units of Gamma.

    Gamma is fixed by Gamma_(down->up) = mu^2 Gamma (ensemble I; the probe rates are mirror
    symmetric, so ensemble II gives the same Gamma). Memory grows as 768 floats per
    detuning point. :func:`dissipative_entanglement.atoms.rates.probe_rate_matrix` for
    Cs-133 D2, the detuning mapped by :func:`.couplings.centroid_detuning_MHz`.

    Parameters
    ----------
    detuning_MHz : array_like
        Probe detuning in MHz (blue > 0) from the ``detuning_reference`` line (default
        F=4 -> F'=5 of D2, App. E).
    probe_polarization : {"y", "x"}, optional
        Probe polarization (default "y"; see :mod:`.couplings`).
    detuning_reference : str, optional
        See :func:`.couplings.reference_offset_MHz` (default "F5").
    amplitude_sum : {"coherent", "incoherent"}, optional
        "coherent" (default) or "incoherent" (module docstring, App. E).

    Returns
    -------
    ndarray, shape ``shape(detuning_MHz) + (16, 16)``
        Element [a, b] is the rate |a> -> |b> in units of Gamma (states ordered as
        :func:`.couplings.ground_states`), including a = b (Rayleigh); NaN where no real
        (mu, nu) exists.
    """
    return atom_rates.probe_rate_matrix(
        _CS,
        "D2",
        centroid_detuning_MHz(detuning_MHz, detuning_reference),
        probe_polarization,
        detuning_reference="centroid",
        amplitude_sum=amplitude_sum,
    )


# --------------------------------------------------------------------------- pump/repump


def resonant_rate_matrix(
    process: str = "pump",
    *,
    ensemble: str = "I",
    pump_levels: str = "resonant_only",
    doppler_fwhm_MHz: float | None = None,
) -> np.ndarray:
    """Pump or repump rates between all ground sublevels per unit reference strength.

    Gamma_ab / s = sum_e w_e |<e| d.eps |a>|^2 b(e -> b) (App. E: Gamma^pump =
    Omega^2/gamma_LW c^2 k, with c^2 = absorption strength times branching ratio):
    :func:`dissipative_entanglement.atoms.rates.resonant_rate_matrix` for Cs-133.

    Parameters
    ----------
    process : {"pump", "repump"}, optional
        "pump" (default; D2, F=4 -> F'=4) or "repump" (D1, F=3 -> F'=4).
    ensemble : {"I", "II"}, optional
        "I" (sigma+, default) or "II" (sigma-), Sec. IV.1.
    pump_levels : {"resonant_only", "doppler_weighted"}, optional
        "resonant_only" (default; w_e = 1 on the resonant F', else 0; App. E "involve to a
        good approximation only one level") or "doppler_weighted" (w_e = Gaussian Doppler
        weight of the detuning of a -> e, needs ``doppler_fwhm_MHz``).
    doppler_fwhm_MHz : float, optional
        Doppler FWHM in MHz for "doppler_weighted" (:func:`.doppler.doppler_width_MHz`).

    Returns
    -------
    ndarray, shape (16, 16)
        Element [a, b] is Gamma_ab / s, in units of Gamma per unit reference strength
        s = Omega^2 k / (gamma_LW Gamma).

    Raises
    ------
    ValueError
        For an unknown option, or "doppler_weighted" without ``doppler_fwhm_MHz``.
    """
    return atom_rates.resonant_rate_matrix(
        _CS,
        process,
        ensemble=ensemble,
        pump_levels=pump_levels,
        doppler_fwhm_MHz=doppler_fwhm_MHz,
    )


# --------------------------------------------------------------------------- three level


def _three_level(matrix, ensemble, leakage) -> ThreeLevelRates:
    """The |up>, |down>, |h> entries of a rate matrix (atoms.rates.three_level_entries)."""
    return ThreeLevelRates(**atom_rates.three_level_entries(_CS, matrix, ensemble, leakage))


def three_level_rates(
    detuning_MHz,
    probe_polarization: str = DEFAULT_POLARIZATION,
    options: CesiumOptions | None = None,
    *,
    doppler_fwhm_MHz: float | None = None,
    ensemble: str = "I",
) -> tuple[ThreeLevelRates, ThreeLevelRates, ThreeLevelRates]:
    """(probe, pump_unit, repump_unit) rates of the three-level model (Fig. 6, App. D–E).

    Parameters
    ----------
    detuning_MHz : array_like
        Probe detuning in MHz (blue > 0) from ``options.detuning_reference``.
    probe_polarization : {"y", "x"}, optional
        "y" (default; App. E, Fig. 5) or "x" (Fig. 6).
    options : CesiumOptions, optional
        The readings used here: ``detuning_reference`` and ``amplitude_sum`` (see
        :func:`probe_rate_matrix`), ``leakage`` ("neglect": App. E, transitions from |up>
        to m = +-2 "occur at rates which are two orders of magnitude smaller"; "into_h":
        probe rates into sublevels outside {up, down, h} are added to Gamma_(up->h),
        Gamma_(down->h)), ``pump_channels`` (module docstring) and ``pump_levels``
        (:func:`resonant_rate_matrix`). None: the defaults of ``CesiumOptions``.
    doppler_fwhm_MHz : float, optional
        Doppler FWHM in MHz, needed with ``pump_levels = "doppler_weighted"``.
    ensemble : {"I", "II"}, optional
        "I" (default) or "II" (mirrored states, sigma- pump/repump); identical rates.

    Returns
    -------
    probe : ThreeLevelRates
        In units of Gamma, fields of the shape of ``detuning_MHz``; probe.down_up = mu^2
        and probe.up_down = nu^2 for the coherent sum.
    pump_unit, repump_unit : ThreeLevelRates
        Per unit reference strength s (float fields, units of Gamma per unit s).

    Raises
    ------
    ValueError
        For an unknown option.
    """
    options = CesiumOptions() if options is None else options
    matrices = ground_rate_matrices(
        detuning_MHz,
        probe_polarization,
        options,
        doppler_fwhm_MHz=doppler_fwhm_MHz,
        ensemble=ensemble,
    )
    probe = _three_level(matrices[0], ensemble, options.leakage)
    units = [_three_level(m, ensemble, options.leakage) for m in matrices[1:]]
    units = [ThreeLevelRates(**{k: float(v) for k, v in u.as_dict().items()}) for u in units]
    return probe, units[0], units[1]


def ground_rate_matrices(
    detuning_MHz,
    probe_polarization: str = DEFAULT_POLARIZATION,
    options: CesiumOptions | None = None,
    *,
    doppler_fwhm_MHz: float | None = None,
    ensemble: str = "I",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Probe, unit pump and unit repump rates between all 16 ground sublevels (App. E).

    The matrices the three-level model (:func:`three_level_rates`) and the F = 3 manifold
    model (:mod:`.manifold`) pick their entries from, under the readings of ``options``.

    Parameters
    ----------
    detuning_MHz : array_like
        Probe detuning in MHz (blue > 0) from ``options.detuning_reference``.
    probe_polarization : {"y", "x"}, optional
        Probe polarization (default "y").
    options : CesiumOptions, optional
        Readings used: ``detuning_reference``, ``amplitude_sum`` (:func:`probe_rate_matrix`),
        ``pump_channels`` (module docstring), ``pump_levels``
        (:func:`resonant_rate_matrix`). None: the defaults.
    doppler_fwhm_MHz : float, optional
        Doppler FWHM in MHz, needed with ``pump_levels = "doppler_weighted"``.
    ensemble : {"I", "II"}, optional
        Pump and repump polarization sigma+ (I, default) or sigma- (II).

    Returns
    -------
    probe : ndarray, shape ``shape(detuning_MHz) + (16, 16)``
        Element [a, b] the rate |a> -> |b> in units of Gamma.
    pump_unit, repump_unit : ndarray, shape (16, 16)
        Rates per unit reference strength s (units of Gamma per unit s).
    """
    options = CesiumOptions() if options is None else options
    probe = probe_rate_matrix(
        detuning_MHz,
        probe_polarization,
        detuning_reference=options.detuning_reference,
        amplitude_sum=options.amplitude_sum,
    )
    units = []
    for process in RESONANT_PROCESSES:
        matrix = resonant_rate_matrix(
            process,
            ensemble=ensemble,
            pump_levels=options.pump_levels,
            doppler_fwhm_MHz=doppler_fwhm_MHz,
        )
        if options.pump_channels == "all_to_up":
            matrix = atom_rates.all_to_up(_CS, matrix, ensemble)
        units.append(matrix)
    return probe, units[0], units[1]


# --------------------------------------------------------------------------- table


def rates_table(
    detuning_MHz: float,
    probe_polarization: str = DEFAULT_POLARIZATION,
    options: CesiumOptions | None = None,
    *,
    doppler_fwhm_MHz: float | None = None,
    ensemble: str = "I",
) -> pd.DataFrame:
    """Tidy table of every probe, pump and repump rate between ground sublevels (App. E).

    One row per (initial, final, process) connected by the field (selection rules), for a
    single probe detuning: :func:`dissipative_entanglement.atoms.rates.rates_table` for
    Cs-133 with the probe on D2. The ``pump_channels`` option of
    :func:`three_level_rates` does not enter: this table is the branching reading, the
    physical rate matrix.

    Every Cs detuning reference (:func:`.couplings.reference_offset_MHz`) is an offset
    from F=4 -> F'=5, the generic "F5"; the generic table gets the detuning counted from
    there, ``detuning_MHz + reference_offset_MHz(reference)``, the very sum
    :func:`.couplings.level_detunings_MHz` forms first, so the rates are the same floats
    (also for "centroid" and "strength_centroid", which the generic layer does not name).
    The ``detuning_MHz`` and ``detuning_reference`` columns then hold the Cs values.

    Parameters
    ----------
    detuning_MHz : float
        Probe detuning in MHz (blue > 0) from ``options.detuning_reference``.
    probe_polarization : str, optional
        See :func:`probe_rate_matrix`.
    options : CesiumOptions, optional
        Readings used: ``detuning_reference``, ``amplitude_sum``, ``pump_levels``
        (None: the defaults).
    doppler_fwhm_MHz : float, optional
        See :func:`resonant_rate_matrix`; the Cs path uses this (D2) width for the pump
        and the repump alike.
    ensemble : {"I", "II"}, optional
        Pump/repump polarization sigma+ (I, default) or sigma- (II) and the names of the
        three-level states in the ``three_level`` column.

    Returns
    -------
    pandas.DataFrame
        Columns: initial, final ("F,m"), process ("probe", "pump", "repump"),
        rate_per_gamma (probe: units of Gamma; pump/repump: units of Gamma per unit
        reference strength s, see module docstring), rate_unit, three_level (e.g.
        "up->down" for the states of the three-level model of ``ensemble``, else ""),
        via_F_prime (excited F' on the path, space separated), absorbed_polarization,
        emitted_polarization, initial_F, initial_m, final_F, final_m, probe_polarization,
        detuning_MHz (MHz), detuning_reference, amplitude_sum, pump_levels, ensemble.

    Raises
    ------
    ValueError
        For an unknown option, or "doppler_weighted" without ``doppler_fwhm_MHz``.
    """
    options = CesiumOptions() if options is None else options
    detuning = float(detuning_MHz)
    frame = atom_rates.rates_table(
        "Cs133",
        "D2",
        detuning + reference_offset_MHz(options.detuning_reference),
        probe_polarization,
        detuning_reference="F5",
        amplitude_sum=options.amplitude_sum,
        pump_levels=options.pump_levels,
        pump_doppler_fwhm_MHz=doppler_fwhm_MHz,
        repump_doppler_fwhm_MHz=doppler_fwhm_MHz,
        ensemble=ensemble,
    )
    frame["detuning_MHz"] = detuning
    frame["detuning_reference"] = options.detuning_reference
    return frame
