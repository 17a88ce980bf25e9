"""Single-atom probe, pump and repump rates between all ground sublevels (App. E).

For any alkali species of the registry and either probe line, the paper's Cs-133 D2
included. The probe rates have two readings of App. E's formula
Gamma_ab^probe = Omega_probe^2 sum_l (c_l^ab)^2 / Delta_l^ab gamma_LW (``amplitude_sum``):

- "coherent" (default, Kramers-Heisenberg): Gamma_ab proportional to
  sum_q |sum_F' c_F'^ab(q) / Delta_F'^ab|^2 (paths through the same excited m' and
  different F' interfere; q is the polarization of the emitted photon, cross terms
  between different q vanish on integration over emission directions);
- "incoherent": sum_q sum_F' c_F'^ab(q)^2 / Delta_F'^2.

Unit: Gamma, fixed by Gamma_(down->up) = mu^2 Gamma (App. E, Sec. IV.1), i.e.
Gamma = passive^2 - active^2 with the coherent amplitudes of
:func:`.couplings.process_amplitudes`; then Gamma_(down->up) = mu^2 Gamma and
Gamma_(up->down) = nu^2 Gamma hold identically with the coherent sum.

Pump and repump (App. E; :func:`resonant_rate_matrix`): the pump drives the D2 line
F_up -> F' = F_up, the repump the D1 line F_low -> F' = F_up (Cs: F=4 -> F'=4 and
F=3 -> F'=4), sigma+ for ensemble I and sigma- for ensemble II, so |up> = |F_up, F_up> is
dark to the pump. The rate |a> -> |b> per unit reference strength s is
c^2 = |<e|d.eps|a>|^2 b(e -> b), the absorption strength times the branching ratio, the
"branching" reading (config ``multilevel.model.pump_channels``);
:func:`resonant_contributions` keeps the parts through each excited level F' apart.
Which excited levels the resonant fields reach is the ``pump_levels`` reading:
"resonant_only" (App. E: "involve to a good approximation only one level") or
"doppler_weighted", each F' reached by the velocity class that Doppler-shifts it into
resonance, with the Gaussian weight of :func:`.doppler.doppler_weight` and the Doppler
width of the field's own line (D2 for the pump, D1 for the repump).

:func:`rates_table` lists every probe, pump and repump rate between ground sublevels as
a tidy table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .couplings import (
    DEFAULT_DETUNING_REFERENCE,
    DEFAULT_POLARIZATION,
    coupling_table,
    field_components,
    ground_index,
    ground_states,
    level_detunings_MHz,
    process_amplitudes,
    raman_coefficients,
    reference_name,
    three_level_states,
)
from .doppler import doppler_weight
from .species import as_species

if TYPE_CHECKING:  # pandas is imported where used (rates_table)
    import pandas as pd

AMPLITUDE_SUMS = ("coherent", "incoherent")
RESONANT_PROCESSES = ("pump", "repump")
PUMP_LEVELS = ("resonant_only", "doppler_weighted")
LEAKAGES = ("neglect", "into_h")


def _probe_raw(species, line, detuning_MHz, probe_polarization, options, velocity_sigma_MHz=None):
    """Unnormalised probe rates sum_q |sum_F' c/Delta|^2 (or incoherent), shape S+(n, n)."""
    detuning_reference, amplitude_sum = options
    coeff = raman_coefficients(species, line, probe_polarization)  # (nF', i, f, q)
    delta = level_detunings_MHz(species, line, detuning_MHz, detuning_reference)
    if velocity_sigma_MHz is None:
        return raman_rate_sum(coeff, delta, amplitude_sum)
    linewidth = as_species(species).line(line).linewidth_MHz
    return raman_rate_sum_averaged(coeff, delta, linewidth, velocity_sigma_MHz, amplitude_sum)


def raman_rate_sum_averaged(
    coefficients,
    level_detunings_MHz,
    linewidth_MHz: float,
    sigma_MHz: float,
    amplitude_sum="coherent",
):
    """:func:`raman_rate_sum` averaged over the atoms' Doppler shifts, natural width included.

    sum_q sum_(F', F'') c_F'(q) c_F''(q) <1/((Delta_F' - x + i gamma/2)(Delta_F'' - x -
    i gamma/2))>, the average by partial fractions
    (:func:`.velocity_average.mean_resolvent_product`); "incoherent" keeps F' = F'' only.

    Parameters
    ----------
    coefficients : ndarray, shape (n_F', n, n, 3)
        Raman coefficients (:func:`.couplings.raman_coefficients`).
    level_detunings_MHz : ndarray, shape S + (n_F', n)
        Detunings of the probe from each excited level for each initial state, MHz.
    linewidth_MHz : float
        gamma = Gamma_nat / 2 pi of the line, MHz.
    sigma_MHz : float
        Doppler sigma, MHz.
    amplitude_sum : {"coherent", "incoherent"}, optional
        As in :func:`raman_rate_sum`.

    Returns
    -------
    ndarray, shape S + (n, n)
        Unnormalised rates in MHz^-2 (element [i, f]).
    """
    from .velocity_average import mean_resolvent_product

    half = 0.5j * linewidth_MHz
    delta = np.asarray(level_detunings_MHz, dtype=float)
    a = delta[..., :, None, :] + half  # (k, l, i): the amplitude's F'
    b = delta[..., None, :, :] - half  # its conjugate's F''
    pair = mean_resolvent_product(a, b, sigma_MHz)
    if amplitude_sum != "coherent":
        pair = pair * np.eye(delta.shape[-2])[:, :, None]
    coeff = np.asarray(coefficients, dtype=float)
    return np.einsum("kifq,lifq,...kli->...if", coeff, coeff, pair).real


def raman_rate_sum(coefficients, level_detunings_MHz, amplitude_sum: str = "coherent"):
    """sum_q |sum_F' c_F'(q) / Delta_F'|^2 (coherent) or sum_q sum_F' (c/Delta)^2 (App. E).

    The Kramers-Heisenberg sum behind every probe rate matrix (species-generic and Cs),
    vectorised over detunings; the loop runs over the few excited hyperfine levels.

    Parameters
    ----------
    coefficients : ndarray, shape (n_F', n, n, 3)
        Raman coefficients c (absorption x emission couplings) for initial i, final f and
        emitted polarization q (:func:`.couplings.raman_coefficients`).
    level_detunings_MHz : ndarray, shape S + (n_F', n)
        Detuning of the probe from each excited level for each initial state, in MHz.
    amplitude_sum : {"coherent", "incoherent"}, optional
        Paths through different F' add as amplitudes (default) or as rates.

    Returns
    -------
    ndarray, shape S + (n, n)
        Unnormalised rates in MHz^-2 (element [i, f]).
    """
    coeff, delta = coefficients, level_detunings_MHz
    total = np.zeros(np.shape(delta)[:-2] + coeff.shape[1:])
    for k in range(coeff.shape[0]):
        term = coeff[k] / delta[..., k, :, None, None]
        total = total + (term if amplitude_sum == "coherent" else term**2)
    if amplitude_sum == "coherent":
        total = total**2
    return total.sum(axis=-1)


def probe_rate_matrix(
    species,
    line: str,
    detuning_MHz,
    probe_polarization: str = DEFAULT_POLARIZATION,
    *,
    detuning_reference: str = DEFAULT_DETUNING_REFERENCE,
    amplitude_sum: str = "coherent",
    velocity_sigma_MHz: float | None = None,
):
    """Probe-induced rates Gamma_ab between all ground sublevels, in units of Gamma.

    Gamma is fixed by Gamma_(down->up) = mu^2 Gamma of ensemble I (the probe rates are
    mirror symmetric, so ensemble II gives the same Gamma). Memory grows as
    3 n_ground^2 floats per detuning point (n_ground = 2(2I+1)). With
    ``velocity_sigma_MHz`` (atoms in thermal motion) the single-atom rates are the
    Doppler averages of the squared amplitudes (:func:`raman_rate_sum_averaged`) and Gamma
    is fixed by the collective process, Gamma = |<passive>|^2 - |<active>|^2 of the
    averaged amplitudes (:func:`.couplings.process_amplitudes`): then Gamma_(down->up) =
    mu^2 Gamma <|passive|^2> / |<passive>|^2 >= mu^2 Gamma, the motion's incoherent excess.

    Parameters
    ----------
    species : Species or str
        The atoms (or their registry name).
    line : {"D1", "D2"}
        The D line the probe is tuned to.
    detuning_MHz : array_like
        Probe detuning in MHz (blue > 0) from ``detuning_reference``.
    probe_polarization : {"y", "x"}, optional
        Probe polarization (default "y"; see :mod:`.couplings`).
    detuning_reference : str, optional
        See :func:`.couplings.reference_offset_MHz` (default "highest").
    amplitude_sum : {"coherent", "incoherent"}, optional
        "coherent" (default) or "incoherent" (module docstring, App. E).
    velocity_sigma_MHz : float, optional
        Doppler sigma of the atoms (:func:`.velocity_average.doppler_sigma_MHz`); None
        (default): atoms at rest.

    Returns
    -------
    ndarray, shape ``shape(detuning_MHz) + (n_ground, n_ground)``
        Element [a, b] is the rate |a> -> |b> in units of Gamma (states ordered as
        :func:`.couplings.ground_states`), including a = b (Rayleigh); NaN where no real
        (mu, nu) exists.

    Raises
    ------
    ValueError
        For an unknown ``amplitude_sum``.
    """
    if amplitude_sum not in AMPLITUDE_SUMS:
        raise ValueError(f"amplitude_sum must be one of {AMPLITUDE_SUMS}, got {amplitude_sum!r}")
    raw = _probe_raw(
        species,
        line,
        detuning_MHz,
        probe_polarization,
        (detuning_reference, amplitude_sum),
        velocity_sigma_MHz,
    )
    passive, active = process_amplitudes(
        species,
        line,
        detuning_MHz,
        probe_polarization,
        detuning_reference=detuning_reference,
        velocity_sigma_MHz=velocity_sigma_MHz,
    )
    if velocity_sigma_MHz is not None:
        passive, active = np.abs(passive), np.abs(active)
    gamma = passive**2 - active**2
    gamma = np.where(gamma > 0, gamma, np.nan)
    return raw / gamma[..., None, None]


# --------------------------------------------------------------------------- pump/repump


def _check(value, allowed, name):
    if value not in allowed:
        raise ValueError(f"{name} must be one of {allowed}, got {value!r}")


def _resonant_transition(species, process: str) -> tuple[str, int, int]:
    """(line, F, F') the pump or repump is resonant with (App. E)."""
    sp = as_species(species)
    if process == "pump":
        return "D2", sp.f_upper, sp.f_upper
    return "D1", sp.f_lower, sp.f_upper


def resonant_contributions(
    species,
    process: str = "pump",
    *,
    ensemble: str = "I",
    pump_levels: str = "resonant_only",
    doppler_fwhm_MHz: float | None = None,
) -> np.ndarray:
    """Pump or repump rates per unit reference strength, split by the excited level F'.

    Element [k, a, b] = sum over the sublevels e of the k-th F' of the field's line of
    w_e |<e| d.eps |a>|^2 b(e -> b) (App. E: Gamma^pump = Omega^2/gamma_LW c^2 k, with
    c^2 = absorption strength times branching ratio); the sum over k is
    :func:`resonant_rate_matrix`, which is computed from this function; :func:`rates_table`
    uses the parts for its ``via_F_prime`` column.

    Parameters
    ----------
    species : Species or str
        The atoms (or their registry name).
    process : {"pump", "repump"}, optional
        "pump" (default; D2, F_up -> F' = F_up) or "repump" (D1, F_low -> F' = F_up).
    ensemble : {"I", "II"}, optional
        "I" (sigma+, default) or "II" (sigma-), Sec. IV.1.
    pump_levels : {"resonant_only", "doppler_weighted"}, optional
        "resonant_only" (default; w_e = 1 on the resonant F' from the resonant F, else 0;
        App. E "involve to a good approximation only one level") or "doppler_weighted"
        (w_e = exp(-4 ln2 (delta/FWHM)^2), delta the detuning in MHz of the transition
        a -> e from the laser; needs ``doppler_fwhm_MHz``).
    doppler_fwhm_MHz : float, optional
        Doppler FWHM in MHz of the field's line (D2 for the pump, D1 for the repump),
        for "doppler_weighted".

    Returns
    -------
    ndarray, shape (n_F', n_ground, n_ground)
        Units of Gamma per unit reference strength s = Omega^2 k / (gamma_LW Gamma);
        k runs over the excited levels F' of the field's line, ascending (states ordered
        as :func:`.couplings.ground_states`).

    Raises
    ------
    ValueError
        For an unknown option, or "doppler_weighted" without ``doppler_fwhm_MHz``.
    """
    _check(process, RESONANT_PROCESSES, "process")
    _check(pump_levels, PUMP_LEVELS, "pump_levels")
    sp = as_species(species)
    line, f_res, f_exc_res = _resonant_transition(sp, process)
    table = coupling_table(sp, line)
    ((q_a, eps),) = field_components(pump_polarization(sp, ensemble)).items()
    # absorption |a> -> |e> with d.e_q = d_q: |<e|d_q|a>|^2 = |<a|d_(-q)|e>|^2
    absorb = (eps * table.dipole[-q_a + 1]) ** 2  # [a, e]
    f_ground = np.array([f for f, _ in table.ground])[:, None]
    f_excited = np.array([fe for fe, _ in table.excited])[None, :]
    if pump_levels == "resonant_only":
        weight = ((f_ground == f_res) & (f_excited == f_exc_res)).astype(float)
    else:
        if doppler_fwhm_MHz is None:
            raise ValueError("pump_levels='doppler_weighted' needs doppler_fwhm_MHz")
        laser = sp.transition_offset_MHz(line, f_res, f_exc_res)
        offsets = np.array(
            [
                [sp.transition_offset_MHz(line, f, fe) for fe, _ in table.excited]
                for f, _ in table.ground
            ]
        )
        weight = doppler_weight(laser - offsets, doppler_fwhm_MHz)
    excitation = weight * absorb  # [a, e]
    return np.stack(
        [(excitation * table.excited_mask(fe)) @ table.branching for fe in table.excited_f]
    )


def resonant_rate_matrix(
    species,
    process: str = "pump",
    *,
    ensemble: str = "I",
    pump_levels: str = "resonant_only",
    doppler_fwhm_MHz: float | None = None,
) -> np.ndarray:
    """Pump or repump rates between all ground sublevels per unit reference strength.

    Gamma_ab / s = sum_e w_e |<e| d.eps |a>|^2 b(e -> b) (App. E: Gamma^pump =
    Omega^2/gamma_LW c^2 k, c^2 = absorption strength times branching ratio): the sum over
    F' of :func:`resonant_contributions`.

    Parameters
    ----------
    species : Species or str
        The atoms (or their registry name).
    process : {"pump", "repump"}, optional
        "pump" (default; D2, F_up -> F' = F_up) or "repump" (D1, F_low -> F' = F_up).
    ensemble : {"I", "II"}, optional
        "I" (sigma+, default) or "II" (sigma-), Sec. IV.1.
    pump_levels : {"resonant_only", "doppler_weighted"}, optional
        "resonant_only" (default; w_e = 1 on the resonant F' from the resonant F, else 0;
        App. E "involve to a good approximation only one level") or "doppler_weighted"
        (w_e = exp(-4 ln2 (delta/FWHM)^2), delta the detuning in MHz of the transition
        a -> e from the laser; needs ``doppler_fwhm_MHz``).
    doppler_fwhm_MHz : float, optional
        Doppler FWHM in MHz of the field's line, for "doppler_weighted".

    Returns
    -------
    ndarray, shape (n_ground, n_ground)
        Element [a, b] is Gamma_ab / s in units of Gamma per unit reference strength
        s = Omega^2 k / (gamma_LW Gamma) (states ordered as
        :func:`.couplings.ground_states`).

    Raises
    ------
    ValueError
        For an unknown option, or "doppler_weighted" without ``doppler_fwhm_MHz``.
    """
    return resonant_contributions(
        species,
        process,
        ensemble=ensemble,
        pump_levels=pump_levels,
        doppler_fwhm_MHz=doppler_fwhm_MHz,
    ).sum(axis=0)


def pump_polarization(species, ensemble: str = "I") -> str:
    """Polarization of the pump and repump: "sigma+" for ensemble I, "sigma-" for II.

    Sec. IV.1: the resonant fields drive Delta m = +1 (ensemble I) or -1 (II), so that
    |up> = |F_up, +-F_up> is dark to the pump.

    Parameters
    ----------
    species : Species or str
        The atoms.
    ensemble : {"I", "II"}, optional
        The ensemble (default "I").

    Returns
    -------
    str
        "sigma+" or "sigma-".
    """
    return "sigma+" if three_level_states(species, ensemble)["up"][1] > 0 else "sigma-"


def all_to_up(species, matrix, ensemble: str = "I") -> np.ndarray:
    """'all_to_up' reading of a resonant rate matrix: every excitation ends in |up>.

    The two-level reading of Sec. III.4 / footnote 68 (Gamma_cool^pump =
    Omega_pump^2/gamma_LW).

    Parameters
    ----------
    species : Species or str
        The atoms.
    matrix : ndarray, shape (n_ground, n_ground)
        Rates [a, b] per unit strength (:func:`resonant_rate_matrix`).
    ensemble : {"I", "II"}, optional
        Which state is |up> (default "I").

    Returns
    -------
    ndarray, shape (n_ground, n_ground)
        Column |up> holds the total excitation rate out of each state; the elastic
        |up> -> |up> entry is kept.
    """
    up = ground_index(species, *three_level_states(species, ensemble)["up"])
    out = np.zeros_like(matrix)
    out[:, up] = matrix.sum(axis=-1)
    out[up, up] = matrix[up, up]
    return out


def three_level_entries(species, matrix, ensemble: str = "I", leakage: str = "neglect") -> dict:
    """The |up>, |down>, |h> entries of a rate matrix (Fig. 6, App. D-E).

    |up> = |F_up, F_up>, |down> = |F_up, F_up - 1>, |h> = |F_low, F_low> (ensemble I;
    mirrored for II).

    Parameters
    ----------
    species : Species or str
        The atoms.
    matrix : array_like, shape (..., n_ground, n_ground)
        Rates [a, b] of |a> -> |b> (units of Gamma, or per unit strength).
    ensemble : {"I", "II"}, optional
        The ensemble (default "I").
    leakage : {"neglect", "into_h"}, optional
        Rates from |up>, |down> into the other sublevels: dropped (default; App. E "two
        orders of magnitude smaller") or added to Gamma_(up->h), Gamma_(down->h).

    Returns
    -------
    dict of str to ndarray
        Keys up_down, down_up, up_h, down_h, h_up, h_down, up_up, down_down (the fields
        of :class:`dissipative_entanglement.multilevel.model.ThreeLevelRates`), in the units
        of ``matrix``.
    """
    _check(leakage, LEAKAGES, "leakage")
    matrix = np.asarray(matrix, dtype=float)
    s = three_level_states(species, ensemble)
    up, down, h = (ground_index(species, *s[k]) for k in ("up", "down", "h"))
    up_h = matrix[..., up, h]
    down_h = matrix[..., down, h]
    if leakage == "into_h":
        others = np.ones(matrix.shape[-1], dtype=bool)
        others[[up, down, h]] = False
        up_h = up_h + matrix[..., up, others].sum(axis=-1)
        down_h = down_h + matrix[..., down, others].sum(axis=-1)
    return {
        "up_down": matrix[..., up, down],
        "down_up": matrix[..., down, up],
        "up_h": up_h,
        "down_h": down_h,
        "h_up": matrix[..., h, up],
        "h_down": matrix[..., h, down],
        "up_up": matrix[..., up, up],
        "down_down": matrix[..., down, down],
    }


def elastic_coherence_loss(
    species,
    line: str,
    detuning_MHz,
    probe_polarization: str = DEFAULT_POLARIZATION,
    *,
    detuning_reference: str = DEFAULT_DETUNING_REFERENCE,
):
    """sum_q |a_q - b_q|^2: damping of the up/down coherence by elastic scattering (App. D).

    a_q, b_q are the Kramers-Heisenberg amplitudes of |up> -> |up> and |down> -> |down>
    (ensemble I) with emission of polarization q, coherent over F' (App. E), normalised
    as :func:`probe_rate_matrix`.

    Parameters
    ----------
    species : Species or str
        The atoms.
    line : {"D1", "D2"}
        The probe's line.
    detuning_MHz : array_like
        Probe detuning in MHz from ``detuning_reference``.
    probe_polarization : {"y", "x"}, optional
        Probe polarization (default "y").
    detuning_reference : str, optional
        See :func:`.couplings.reference_offset_MHz` (default "highest").

    Returns
    -------
    ndarray
        The loss rate in units of Gamma, shape of ``detuning_MHz``; NaN where no real
        (mu, nu) exists.
    """
    coeff = raman_coefficients(species, line, probe_polarization)  # (nF', i, f, q)
    states = three_level_states(species, "I")
    up, down = (ground_index(species, *states[k]) for k in ("up", "down"))
    delta = level_detunings_MHz(species, line, detuning_MHz, detuning_reference)
    a = np.sum(coeff[:, up, up, :] / delta[..., :, up, None], axis=-2)
    b = np.sum(coeff[:, down, down, :] / delta[..., :, down, None], axis=-2)
    passive, active = process_amplitudes(
        species, line, detuning_MHz, probe_polarization, detuning_reference=detuning_reference
    )
    gamma = passive**2 - active**2
    return np.sum((a - b) ** 2, axis=-1) / np.where(gamma > 0, gamma, np.nan)


# --------------------------------------------------------------------------- table

_Q_NAMES = {-1: "sigma-", 0: "pi", 1: "sigma+"}


def _label(state) -> str:
    return f"{state[0]},{state[1]}"


def rates_table(
    species,
    line: str,
    detuning_MHz: float,
    probe_polarization: str = DEFAULT_POLARIZATION,
    *,
    detuning_reference: str = DEFAULT_DETUNING_REFERENCE,
    amplitude_sum: str = "coherent",
    pump_levels: str = "resonant_only",
    pump_doppler_fwhm_MHz: float | None = None,
    repump_doppler_fwhm_MHz: float | None = None,
    ensemble: str = "I",
) -> pd.DataFrame:
    """Tidy table of every probe, pump and repump rate between ground sublevels (App. E).

    One row per (initial, final, process) connected by the field (selection rules), for
    a single probe detuning: the probe rows (:func:`probe_rate_matrix` on ``line``,
    App. E Gamma_ab^probe, coherent or incoherent sum over F') for every connected
    (a, b) in the order of :func:`.couplings.ground_states`, then the pump rows (D2,
    F_up -> F' = F_up) and the repump rows (D1, F_low -> F' = F_up), both
    :func:`resonant_rate_matrix` (App. E Gamma_ab^pump = Omega^2/gamma_LW c^2 k, c^2 =
    absorption strength times branching ratio) for every non-zero entry. The
    "all_to_up" reading of the pump channels does not enter: this is the branching
    reading, the physical rate matrix.

    Parameters
    ----------
    species : Species or str
        The atoms (or their registry name).
    line : {"D1", "D2"}
        The D line the probe is tuned to (the pump is on D2, the repump on D1 whatever
        the probe's line).
    detuning_MHz : float
        Probe detuning in MHz (blue > 0) from ``detuning_reference``.
    probe_polarization : {"y", "x"}, optional
        Probe polarization (default "y"; see :mod:`.couplings`).
    detuning_reference : str, optional
        See :func:`.couplings.reference_offset_MHz` (default "highest": F_up -> the
        highest F' of ``line``); written into the ``detuning_reference`` column as
        :func:`.couplings.reference_name` names it (e.g. "F5" for "highest" on Cs D2).
    amplitude_sum : {"coherent", "incoherent"}, optional
        Sum over F' in the probe rates (default "coherent"; module docstring, App. E).
    pump_levels : {"resonant_only", "doppler_weighted"}, optional
        Excited levels the pump and repump reach (default "resonant_only"; see
        :func:`resonant_contributions`).
    pump_doppler_fwhm_MHz, repump_doppler_fwhm_MHz : float, optional
        Doppler FWHM in MHz of the D2 (pump) and of the D1 (repump) line, needed with
        ``pump_levels = "doppler_weighted"`` (:func:`.doppler.doppler_width_MHz` of each
        line); ignored under "resonant_only".
    ensemble : {"I", "II"}, optional
        Pump/repump polarization sigma+ (I, default) or sigma- (II), and the names of the
        three-level states in the ``three_level`` column (Sec. IV.1).

    Returns
    -------
    pandas.DataFrame
        Columns: initial, final ("F,m"), process ("probe", "pump", "repump"),
        rate_per_gamma (probe: units of Gamma, Gamma_(down->up) = mu^2 Gamma; pump and
        repump: units of Gamma per unit reference strength s = Omega^2 k /
        (gamma_LW Gamma)), rate_unit, three_level (e.g. "up->down" between the states
        of the three-level model of ``ensemble``, else ""), via_F_prime (excited F' on
        the path, space separated; for the pump and repump followed by the line, e.g.
        "4 5 (D2)"), absorbed_polarization, emitted_polarization ("sigma-", "pi",
        "sigma+", space separated), initial_F, initial_m, final_F, final_m,
        probe_polarization, detuning_MHz (MHz), detuning_reference, amplitude_sum,
        pump_levels, ensemble. NaN probe rates where no real (mu, nu) exists.

    Raises
    ------
    ValueError
        For an unknown option or reference, or "doppler_weighted" without the Doppler
        width of a resonant field.
    """
    import pandas as pd  # not at module level: ~0.8 s that the rate kernels do not need

    sp = as_species(species)
    detuning = float(detuning_MHz)
    states = ground_states(sp)
    names = {ground_index(sp, *v): k for k, v in three_level_states(sp, ensemble).items()}
    rows = []

    def add(process, a, b, rate, unit, via, absorbed, emitted):
        tl = f"{names[a]}->{names[b]}" if a in names and b in names else ""
        rows.append(
            {
                "initial": _label(states[a]),
                "final": _label(states[b]),
                "process": process,
                "rate_per_gamma": float(rate),
                "rate_unit": unit,
                "three_level": tl,
                "via_F_prime": via,
                "absorbed_polarization": absorbed,
                "emitted_polarization": emitted,
                "initial_F": states[a][0],
                "initial_m": states[a][1],
                "final_F": states[b][0],
                "final_m": states[b][1],
            }
        )

    probe = probe_rate_matrix(
        sp,
        line,
        detuning,
        probe_polarization,
        detuning_reference=detuning_reference,
        amplitude_sum=amplitude_sum,
    )
    probe_f = coupling_table(sp, line).excited_f
    coeff = raman_coefficients(sp, line, probe_polarization)
    connected = np.abs(coeff) > 0  # (nF', i, f, q) structural (selection rules)
    for a in range(len(states)):
        for b in range(len(states)):
            if not connected[:, a, b, :].any():
                continue
            via = " ".join(str(fe) for k, fe in enumerate(probe_f) if connected[k, a, b].any())
            q_emit = [q for q in (-1, 0, 1) if connected[:, a, b, q + 1].any()]
            q_abs = sorted({states[b][1] + q - states[a][1] for q in q_emit})
            add(
                "probe",
                a,
                b,
                probe[a, b],
                "Gamma",
                via,
                " ".join(_Q_NAMES[q] for q in q_abs),
                " ".join(_Q_NAMES[q] for q in q_emit),
            )
    polarization = pump_polarization(sp, ensemble)
    fwhm = {"pump": pump_doppler_fwhm_MHz, "repump": repump_doppler_fwhm_MHz}
    for process in RESONANT_PROCESSES:
        field_line = _resonant_transition(sp, process)[0]
        field_f = coupling_table(sp, field_line).excited_f
        parts = resonant_contributions(
            sp,
            process,
            ensemble=ensemble,
            pump_levels=pump_levels,
            doppler_fwhm_MHz=fwhm[process],
        )
        matrix = parts.sum(axis=0)
        for a, b in zip(*np.nonzero(matrix > 0), strict=True):
            via = " ".join(str(fe) for k, fe in enumerate(field_f) if parts[k, a, b] > 0)
            m_e = states[a][1] + (1 if polarization == "sigma+" else -1)
            add(
                process,
                a,
                b,
                matrix[a, b],
                "Gamma per unit s_" + process,
                f"{via} ({field_line})",
                polarization,
                _Q_NAMES[m_e - states[b][1]],
            )
    frame = pd.DataFrame(rows)
    frame["probe_polarization"] = probe_polarization
    frame["detuning_MHz"] = detuning
    frame["detuning_reference"] = reference_name(sp, line, detuning_reference)
    frame["amplitude_sum"] = amplitude_sum
    frame["pump_levels"] = pump_levels
    frame["ensemble"] = ensemble
    return frame


__all__ = [
    "AMPLITUDE_SUMS",
    "LEAKAGES",
    "PUMP_LEVELS",
    "RESONANT_PROCESSES",
    "all_to_up",
    "elastic_coherence_loss",
    "probe_rate_matrix",
    "pump_polarization",
    "rates_table",
    "resonant_contributions",
    "resonant_rate_matrix",
    "three_level_entries",
]
