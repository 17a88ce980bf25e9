"""Tidy data of the multi-level model's figures, one row per point (docs/interface.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..atoms import couplings as atom_couplings
from .entanglement import xi_exp_long_time
from .probe_validity import probe_detuning_problems
from .pump import fig8_xi_exp_time
from .rates import rates_table as multilevel_rates_table
from .scenario import xi_exp_inf_grid
from .setup import MultilevelSetup


def couplings_table(
    detuning_MHz,
    polarizations,
    detuning_reference: str,
    resonance_margin_MHz: float,
    *,
    species: str,
    line: str,
) -> pd.DataFrame:
    """mu, nu, Z versus probe detuning for each probe polarization (Sec. IV.1).

    Needs only the atoms and the probe's reference, not a whole
    :class:`~.setup.MultilevelSetup`.

    Parameters
    ----------
    detuning_MHz : array_like
        Probe detunings in MHz from ``detuning_reference``.
    polarizations : sequence of str
        Probe polarizations, "y" and/or "x".
    detuning_reference : str
        Reference transition of the detunings (``multilevel.model.detuning_reference``).
    resonance_margin_MHz : float
        Detunings this close to a line are flagged in ``note`` (:mod:`.probe_validity`).
    species, line : str
        The atoms and the probe's line (config ``multilevel.atom``).

    Returns
    -------
    DataFrame
        Columns probe_polarization, detuning_MHz, mu, nu, Z (dimensionless),
        detuning_reference (as :func:`dissipative_entanglement.atoms.couplings.
        reference_name` writes it, e.g. "F5"), note. mu, nu, Z are NaN where no real
        (mu, nu) exists (|passive| <= |active|); ``note`` says so, and also flags
        detunings within the margin of a line, where the values exist but the
        off-resonant model does not apply. ``note`` is empty where all is well.
    """
    detuning_MHz = np.asarray(detuning_MHz, dtype=float)
    name = atom_couplings.reference_name(species, line, detuning_reference)
    frames = []
    for pol in polarizations:
        p = atom_couplings.squeezing_parameters(
            species, line, detuning_MHz, pol, detuning_reference=detuning_reference
        )
        note = probe_detuning_problems(
            detuning_MHz,
            pol,
            detuning_reference,
            resonance_margin_MHz,
            species=species,
            line=line,
        )
        frames.append(
            pd.DataFrame(
                {
                    "probe_polarization": pol,
                    "detuning_MHz": detuning_MHz,
                    "mu": p.mu,
                    "nu": p.nu,
                    "Z": p.z,
                    "detuning_reference": name,
                    "note": note,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def rates_table(setup: MultilevelSetup) -> pd.DataFrame:
    """All probe, pump and repump single-atom rates between ground sublevels (App. E).

    Parameters
    ----------
    setup : MultilevelSetup
        Atoms, probe detuning and polarization, temperature (Doppler widths of each
        resonant field's line) and readings.

    Returns
    -------
    DataFrame
        One row per connected (initial, final, process), see :func:`.rates.rates_table`;
        probe rates in units of Gamma, pump/repump rates per unit strength.
    """
    return multilevel_rates_table(
        setup.species,
        setup.line,
        float(setup.detuning_MHz),
        setup.probe_polarization,
        setup.options,
        temperature_C=float(setup.temperature_C),
    )


def fig7_table(setup: MultilevelSetup, x_repump, gamma_d_add) -> pd.DataFrame:
    """Fig. 7: xi_exp,inf versus x_repump per Gamma_d^add, pump at its optimum.

    Parameters
    ----------
    setup : MultilevelSetup
        The configured scenario (d = 30, +700 MHz, y probe in the paper).
    x_repump : array_like
        Repump strengths Omega^2_repump / Omega^2_pump,opt, dimensionless.
    gamma_d_add : array_like
        Additional dephasing Gamma_d^add in units of Gamma.

    Returns
    -------
    DataFrame
        Columns x_repump, gamma_d_add, xi_exp (dimensionless), plus Z, s_pump (optimal
        pump strength, units of the reference strength) and up_fraction (N_up/N_2 at the
        optimum); one row per (Gamma_d^add, x_repump), x_repump fastest.
    """
    g, x = np.meshgrid(np.asarray(gamma_d_add, float), np.asarray(x_repump, float), indexing="ij")
    out = xi_exp_inf_grid(setup, x, g)
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


def fig7_sensitivity_table(setup: MultilevelSetup, x_repump, gamma_d_add) -> pd.DataFrame:
    """Fig. 7 under the configured readings and under each alternative reading.

    Parameters
    ----------
    setup : MultilevelSetup
        The configured scenario; each alternative changes one of its readings.
    x_repump, gamma_d_add : array_like
        As in :func:`fig7_table`.

    Returns
    -------
    DataFrame
        Columns option, value ("configured" rows carry the configured readings),
        x_repump, gamma_d_add, xi_exp, note (why xi_exp is NaN under a reading where
        Fig. 7 is undefined; empty elsewhere, and a NaN there is an error of the writer).
    """
    frames = []
    for name, value, variant in [("configured", "", setup), *setup.alternatives()]:
        t = fig7_table(variant, x_repump, gamma_d_add)
        note = UNDEFINED_FIG7.get((name, value), "")
        t = t[["x_repump", "gamma_d_add", "xi_exp"]].assign(option=name, value=value)
        frames.append(t.assign(note=np.where(t["xi_exp"].isna(), note, "")))
    cols = ["option", "value", "x_repump", "gamma_d_add", "xi_exp", "note"]
    return pd.concat(frames, ignore_index=True)[cols]


def fig8_table(setup: MultilevelSetup, t, gamma_d_add) -> pd.DataFrame:
    """Fig. 8: xi_exp(t) without repump (x_repump = 0), pump at its optimum.

    Parameters
    ----------
    setup : MultilevelSetup
        The configured scenario.
    t : array_like
        Times in 1/Gamma.
    gamma_d_add : array_like
        Additional dephasing Gamma_d^add in units of Gamma.

    Returns
    -------
    DataFrame
        Columns t (1/Gamma), gamma_d_add, xi_exp (Eq. (28) closed form with
        Eqs. (17)–(19)), xi_exp_moments (App. D Eqs. (42)–(43) integrated),
        xi_exp_long_time (Eq. (30)), and the populations N_up, N_down, N_h (units of N).
    """
    t = np.asarray(t, dtype=float)
    g = np.asarray(gamma_d_add, dtype=float)
    args = (setup.rates, t, g, setup.optical_depth, setup.options)
    closed = fig8_xi_exp_time(*args)
    moments = fig8_xi_exp_time(*args, method="moment_equations")
    pops = closed.populations  # (len(t), len(g), 3)
    lt = xi_exp_long_time(
        pops, closed.gamma_bar, setup.optical_depth, setup.rates.z, F=setup.f_upper
    )
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
