"""Tidy data of the Cs figures (one row per point; the columns of docs/interface.md first)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from .couplings import squeezing_parameters
from .entanglement import xi_exp_long_time
from .probe_validity import probe_detuning_problems
from .pump import fig8_xi_exp_time
from .rates import rates_table
from .scenario import ALTERNATIVES, CesiumOptions, cesium_rates, xi_exp_inf_grid


def couplings_table(
    detuning_MHz, polarizations, options: CesiumOptions, resonance_margin_MHz: float
) -> pd.DataFrame:
    """mu, nu, Z versus probe detuning for each probe polarization (Sec. IV.1).

    Columns: probe_polarization, detuning_MHz (from ``options.detuning_reference``), mu,
    nu, Z, detuning_reference, note. mu, nu, Z are NaN where no real (mu, nu) exists
    (|passive| <= |active|); ``note`` says so, and also flags detunings within
    ``resonance_margin_MHz`` of a D2 line, where the values exist but the off-resonant
    model does not apply (:mod:`.probe_validity`). ``note`` is empty where all is well.
    """
    detuning_MHz = np.asarray(detuning_MHz, dtype=float)
    frames = []
    for pol in polarizations:
        p = squeezing_parameters(detuning_MHz, pol, detuning_reference=options.detuning_reference)
        note = probe_detuning_problems(
            detuning_MHz, pol, options.detuning_reference, resonance_margin_MHz
        )
        frames.append(
            pd.DataFrame(
                {
                    "probe_polarization": pol,
                    "detuning_MHz": detuning_MHz,
                    "mu": p.mu,
                    "nu": p.nu,
                    "Z": p.z,
                    "detuning_reference": options.detuning_reference,
                    "note": note,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def cs_rates_table(
    detuning_MHz, probe_polarization, temperature_C, options: CesiumOptions
) -> pd.DataFrame:
    """All probe, pump and repump single-atom rates between ground sublevels (App. E)."""
    from .doppler import doppler_width_MHz

    return rates_table(
        float(detuning_MHz),
        probe_polarization,
        detuning_reference=options.detuning_reference,
        amplitude_sum=options.amplitude_sum,
        pump_levels=options.pump_levels,
        doppler_fwhm_MHz=float(doppler_width_MHz(temperature_C, formula=options.doppler_formula)),
    )


def fig7_table(
    x_repump,
    gamma_d_add,
    optical_depth,
    detuning_MHz,
    probe_polarization,
    temperature_C,
    options: CesiumOptions,
) -> pd.DataFrame:
    """Fig. 7: xi_exp,inf versus x_repump per Gamma_d^add, pump at its optimum.

    Columns: x_repump, gamma_d_add, xi_exp, plus Z, s_pump (optimal pump strength, units of
    the reference strength), up_fraction (N_up/N_2 at the optimum).
    """
    g, x = np.meshgrid(np.asarray(gamma_d_add, float), np.asarray(x_repump, float), indexing="ij")
    out = xi_exp_inf_grid(
        optical_depth, detuning_MHz, x, g, temperature_C, probe_polarization, options
    )
    return pd.DataFrame(
        {
            "x_repump": x.ravel(),
            "gamma_d_add": g.ravel(),
            "xi_exp": out["xi_exp_inf"].ravel(),
            "Z": out["Z"].ravel(),
            "s_pump": out["s_pump"].ravel(),
            "up_fraction": out["up_fraction"].ravel(),
        }
    )


#: Readings under which Fig. 7 has no value, and why (the sensitivity table's ``note``).
UNDEFINED_FIG7 = {
    ("hh_entry", "printed"): (
        "hh_entry = printed: Eq. (26) as printed loses atoms from |h>, so with any repump "
        "the only steady state is N = 0 and xi_exp,inf is undefined"
    ),
}


def fig7_sensitivity_table(
    x_repump,
    gamma_d_add,
    optical_depth,
    detuning_MHz,
    probe_polarization,
    temperature_C,
    options: CesiumOptions,
) -> pd.DataFrame:
    """Fig. 7 under the configured options and under each alternative reading.

    Columns: option, value ("configured" rows carry the configured options), x_repump,
    gamma_d_add, xi_exp, note (why xi_exp is NaN under a reading where Fig. 7 is
    undefined; empty elsewhere, and a NaN there is an error of the writer).
    """
    frames = []
    variants = [("configured", "")] + [
        (name, value) for name, value in ALTERNATIVES if getattr(options, name) != value
    ]
    for name, value in variants:
        opts = options if name == "configured" else replace(options, **{name: value})
        t = fig7_table(
            x_repump,
            gamma_d_add,
            optical_depth,
            detuning_MHz,
            probe_polarization,
            temperature_C,
            opts,
        )
        note = UNDEFINED_FIG7.get((name, value), "")
        t = t[["x_repump", "gamma_d_add", "xi_exp"]].assign(option=name, value=value)
        frames.append(t.assign(note=np.where(t["xi_exp"].isna(), note, "")))
    cols = ["option", "value", "x_repump", "gamma_d_add", "xi_exp", "note"]
    return pd.concat(frames, ignore_index=True)[cols]


def fig8_table(
    t,
    gamma_d_add,
    optical_depth,
    detuning_MHz,
    probe_polarization,
    temperature_C,
    options: CesiumOptions,
) -> pd.DataFrame:
    """Fig. 8: xi_exp(t) without repump (x_repump = 0), pump at its optimum.

    Columns: t (1/Gamma), gamma_d_add, xi_exp (Eq. 28 closed form with Eqs. 17-19),
    xi_exp_moments (App. D Eqs. 42-43 integrated), xi_exp_long_time (Eq. 30), and the
    populations N_up, N_down, N_h (units of N).
    """
    t = np.asarray(t, dtype=float)
    g = np.asarray(gamma_d_add, dtype=float)
    probe, pump_unit, repump_unit, z = cesium_rates(
        detuning_MHz, probe_polarization, temperature_C, options
    )
    kwargs = dict(
        threshold=options.threshold, criterion=options.criterion, hh_entry=options.hh_entry
    )
    closed = fig8_xi_exp_time(t, g, optical_depth, probe, pump_unit, repump_unit, z, **kwargs)
    moments = fig8_xi_exp_time(
        t,
        g,
        optical_depth,
        probe,
        pump_unit,
        repump_unit,
        z,
        method="moment_equations",
        **kwargs,
    )
    pops = closed.populations  # (len(t), len(g), 3)
    lt = xi_exp_long_time(pops, closed.gamma_bar, optical_depth, z)
    tt, gg = np.meshgrid(t, g, indexing="ij")
    return pd.DataFrame(
        {
            "t": tt.ravel(),
            "gamma_d_add": gg.ravel(),
            "xi_exp": closed.xi_exp.ravel(),
            "xi_exp_moments": moments.xi_exp.ravel(),
            "xi_exp_long_time": lt.ravel(),
            "N_up": pops[..., 0].ravel(),
            "N_down": pops[..., 1].ravel(),
            "N_h": pops[..., 2].ravel(),
        }
    )
