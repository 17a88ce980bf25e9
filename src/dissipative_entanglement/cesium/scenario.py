"""The Cs-133 model as configured: every open modelling choice in one place (App. D-E).

:class:`CesiumOptions` collects the readings of the places where the paper is silent or
self-contradictory (docs/physics.md#open-readings); config key ``cesium.model``. Each
field's docstring names the option and the module that documents the sentence it
interprets. :func:`cesium_rates` turns a probe configuration into the three-level rates,
and :func:`xi_exp_inf_grid` is the vectorised kernel of Fig. 7 and of the studies.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np

from .couplings import (
    ground_index,
    level_detunings_MHz,
    raman_coefficients,
    squeezing_parameters,
    three_level_states,
)
from .doppler import doppler_width_MHz
from .entanglement import xi_exp_steady_state
from .model import ThreeLevelRates, combine_rates
from .pump import fig7_xi_exp_steady_state
from .rates import three_level_rates

ELASTIC_DEPHASING = ("rates", "coherence")


@dataclass(frozen=True)
class CesiumOptions:
    """Readings of the open choices of the Cs model (config ``cesium.model``).

    detuning_reference : line the probe detuning is counted from ("F5", App. E; the red
        x-probe variant of C5 is reproduced with "F2"; :mod:`.couplings`).
    amplitude_sum : "coherent" | "incoherent" sum over excited levels in the probe rates
        (App. E's garbled formula; :mod:`.rates`).
    pump_channels : "branching" | "all_to_up" (App. E "c_pump"; :mod:`.rates`).
    pump_levels : "resonant_only" | "doppler_weighted" (App. E "involve to a good
        approximation only one level"; :mod:`.rates`).
    leakage : "neglect" | "into_h" for probe transitions out of {up, down, h}
        (App. E "two orders of magnitude smaller"; :mod:`.rates`).
    repump_reference : "self_consistent" | "pump_only" (x_repump = Omega_repump^2 /
        Omega_pump,opt^2, Sec. IV.2; :mod:`.pump`).
    criterion : "steady_state" (Sec. IV.2) | "all_times" (App. E) for N_up/N_2 >= 0.95.
    threshold : the 0.95 of Sec. IV.2 / App. E.
    elastic_dephasing : how the state-preserving scattering |up> -> |up>, |down> -> |down>
        enters Gamma-bar. "rates" (default): Gamma_upup + Gamma_downdown as printed in
        Gamma-bar (Sec. IV.2, App. D master equation with separate jump operators
        |up><up| and |down><down|). "coherence": one jump operator
        sum_q (a_q |up><up| + b_q |down><down|) per emitted polarization, which damps the
        up/down coherence only by sum_q |a_q - b_q|^2 (Rayleigh scattering that does not
        tell |up> from |down> does not dephase); that sum replaces Gamma_upup +
        Gamma_downdown.
    doppler_formula : "fwhm" | "footnote_69" for the Doppler width (footnote 69;
        :mod:`.doppler`); enters only with pump_levels = "doppler_weighted" and C7.
    hh_entry : "conserving" | "printed" last diagonal entry of M in Eq. (26)
        (:mod:`.rate_equations`). With "printed" and any repump the only steady state is
        N = 0, so Fig. 7 has no value (NaN); Fig. 8 (no repump) is defined under both.
    """

    detuning_reference: str = "F5"
    amplitude_sum: str = "coherent"
    pump_channels: str = "branching"
    pump_levels: str = "resonant_only"
    leakage: str = "neglect"
    repump_reference: str = "self_consistent"
    criterion: str = "steady_state"
    threshold: float = 0.95
    elastic_dephasing: str = "rates"
    doppler_formula: str = "fwhm"
    hh_entry: str = "conserving"

    @classmethod
    def from_config(cls, section) -> CesiumOptions:
        """Options from the ``cesium.model`` config mapping (missing keys: defaults)."""
        names = {f.name for f in fields(cls)}
        unknown = set(section or {}) - names
        if unknown:
            raise ValueError(f"unknown cesium.model options {sorted(unknown)}")
        return cls(**dict(section or {}))


#: alternatives shown in the sensitivity figure: (option, alternative value)
ALTERNATIVES = [
    ("amplitude_sum", "incoherent"),
    ("pump_channels", "all_to_up"),
    ("pump_levels", "doppler_weighted"),
    ("leakage", "into_h"),
    ("repump_reference", "pump_only"),
    ("criterion", "all_times"),
    ("elastic_dephasing", "coherence"),
    ("hh_entry", "printed"),
]


def elastic_coherence_loss(
    detuning_MHz, probe_polarization="y", *, detuning_reference="F5", ensemble="I"
):
    """sum_q |a_q - b_q|^2 / Gamma: up/down coherence damping by elastic scattering.

    a_q, b_q are the Kramers-Heisenberg amplitudes of |up> -> |up> and |down> -> |down>
    with emission of polarization q (coherent sum over F', App. E), in the normalisation
    of :func:`.rates.probe_rate_matrix` (Gamma from Gamma_(down->up) = mu^2 Gamma).
    """
    coeff = raman_coefficients("D2", probe_polarization)  # (nF', i, f, q)
    states = three_level_states(ensemble)
    up, down = ground_index(*states["up"]), ground_index(*states["down"])
    delta = level_detunings_MHz(detuning_MHz, detuning_reference)  # S + (nF', i)
    a = np.sum(coeff[:, up, up, :] / delta[..., :, up, None], axis=-2)  # S + (3,)
    b = np.sum(coeff[:, down, down, :] / delta[..., :, down, None], axis=-2)
    p = squeezing_parameters(
        detuning_MHz, probe_polarization, detuning_reference=detuning_reference, ensemble=ensemble
    )
    gamma = p.passive_amplitude**2 - p.active_amplitude**2
    return np.sum((a - b) ** 2, axis=-1) / np.where(gamma > 0, gamma, np.nan)


def cesium_rates(
    detuning_MHz,
    probe_polarization="y",
    temperature_C=22.0,
    options: CesiumOptions = CesiumOptions(),
):
    """(probe, pump_unit, repump_unit, Z) of the three-level model under ``options``.

    Rates in units of Gamma (probe) or of Gamma per unit pump strength (:mod:`.rates`);
    Z = 1/(|mu| - |nu|) of the probe (Sec. IV.1). Arrays follow ``detuning_MHz``.
    """
    fwhm = float(doppler_width_MHz(temperature_C, formula=options.doppler_formula))
    probe, pump_unit, repump_unit = three_level_rates(
        detuning_MHz,
        probe_polarization,
        detuning_reference=options.detuning_reference,
        amplitude_sum=options.amplitude_sum,
        leakage=options.leakage,
        pump_channels=options.pump_channels,
        pump_levels=options.pump_levels,
        doppler_fwhm_MHz=fwhm,
    )
    if options.elastic_dephasing == "coherence":
        loss = elastic_coherence_loss(
            detuning_MHz, probe_polarization, detuning_reference=options.detuning_reference
        )
        probe = replace(probe, up_up=loss, down_down=np.zeros_like(loss))
        # the pump's elastic returns dephase like the probe's: same reading for both
        pump_unit = replace(pump_unit, up_up=0.0, down_down=0.0)
    elif options.elastic_dephasing != "rates":
        raise ValueError(f"elastic_dephasing must be one of {ELASTIC_DEPHASING}")
    z = squeezing_parameters(
        detuning_MHz, probe_polarization, detuning_reference=options.detuning_reference
    ).z
    return probe, pump_unit, repump_unit, z


def _take(rates: ThreeLevelRates, index) -> ThreeLevelRates:
    return ThreeLevelRates(**{k: np.asarray(v)[index] for k, v in rates.as_dict().items()})


def _rates_by_key(detunings, temperatures, probe_polarization, options):
    """(probe, pump_unit, repump_unit, Z) as arrays along (detuning, temperature) pairs.

    One :func:`cesium_rates` call per distinct temperature (the Doppler width is the only
    temperature dependence), vectorised over the detunings at that temperature.
    """
    parts, order = [], []
    for temperature in np.unique(temperatures):
        sel = np.flatnonzero(temperatures == temperature)
        parts.append(cesium_rates(detunings[sel], probe_polarization, temperature, options))
        order.append(sel)
    back = np.argsort(np.concatenate(order))

    def gather(i):
        fields_ = [
            {k: np.broadcast_to(v, idx.shape) for k, v in part[i].as_dict().items()}
            for part, idx in zip(parts, order, strict=True)
        ]
        return ThreeLevelRates(
            **{k: np.concatenate([f[k] for f in fields_])[back] for k in fields_[0]}
        )

    z = np.concatenate(
        [np.broadcast_to(part[3], idx.shape) for part, idx in zip(parts, order, strict=True)]
    )[back]
    return gather(0), gather(1), gather(2), z


def xi_exp_inf_grid(
    optical_depth,
    detuning_MHz,
    x_repump,
    gamma_d_add,
    temperature_C=22.0,
    probe_polarization="y",
    options: CesiumOptions = CesiumOptions(),
):
    """xi_exp,inf (Eq. 30 at the steady state of Eq. 26, pump at its optimum) on a grid.

    All five parameters are arrays broadcast together (d, detuning in MHz, x_repump,
    Gamma_d^add in units of Gamma, cell temperature in degrees C). Rates are computed once
    per distinct (detuning, temperature) and gathered, so memory stays O(points).

    Returns a dict of arrays: xi_exp_inf, Z, s_pump (optimal pump strength), up_fraction.
    """
    arrays = np.broadcast_arrays(
        *(
            np.asarray(a, dtype=float)
            for a in (optical_depth, detuning_MHz, x_repump, gamma_d_add, temperature_C)
        )
    )
    d, delta, x, g, temp = (a.ravel() for a in arrays)
    unique, inverse = np.unique(np.stack([delta, temp], axis=1), axis=0, return_inverse=True)
    inverse = inverse.ravel()
    probe, pump_unit, repump_unit, z = _rates_by_key(
        unique[:, 0], unique[:, 1], probe_polarization, options
    )
    result = fig7_xi_exp_steady_state(
        x,
        g,
        d,
        _take(probe, inverse),
        _take(pump_unit, inverse),
        _take(repump_unit, inverse),
        z[inverse],
        threshold=options.threshold,
        repump_reference=options.repump_reference,
        criterion=options.criterion,
    )
    xi = result.xi_exp_inf
    if options.hh_entry != "conserving":
        rates = combine_rates(
            _take(probe, inverse),
            _take(pump_unit, inverse),
            _take(repump_unit, inverse),
            result.s_pump,
            result.s_repump,
        )
        xi = xi_exp_steady_state(rates, d, z[inverse], g, hh_entry=options.hh_entry)
    shape = arrays[0].shape
    return {
        "xi_exp_inf": np.asarray(xi).reshape(shape),
        "Z": z[inverse].reshape(shape),
        "s_pump": np.broadcast_to(result.s_pump, d.shape).reshape(shape),
        "up_fraction": np.broadcast_to(result.up_fraction, d.shape).reshape(shape),
    }
