"""Figures of the multi-level model: Figs. 7 and 8, the couplings and the Fig. 7 sensitivity."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..plotting import FIG3_COLORS, color_for, gamma_label, legend_outside, separable_limit
from .probe_validity import probe_lines_MHz
from .setup import reference_label, species_label


def _per_gamma(ax, table, x, y, **kwargs):
    for i, (g, part) in enumerate(table.groupby("gamma_d_add", sort=True)):
        ax.plot(
            part[x], part[y], color=color_for(g, FIG3_COLORS, i), label=gamma_label(g), **kwargs
        )


def fig7_figure(table: pd.DataFrame, optical_depth: float, detuning_MHz: float, atom: str):
    """Fig. 7: xi_exp,inf versus x_repump (log axis) per Gamma_d^add, separable limit.

    Parameters
    ----------
    table : pandas.DataFrame
        Fig. 7 table (columns x_repump, gamma_d_add in units of Gamma, xi_exp).
    optical_depth : float
        Optical depth d (dimensionless), for the title.
    detuning_MHz : float
        Probe detuning in MHz, for the title.
    atom : str
        The atoms, for the title (:func:`.setup.atom_label`, e.g. "Cs-133").

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = plt.subplots()
    _per_gamma(ax, table, "x_repump", "xi_exp")
    separable_limit(ax)
    ax.set_xscale("log")
    ax.set_xlabel(r"repump parameter $x_{repump} = \Omega_{repump}^2/\Omega_{pump,opt}^2$")
    ax.set_ylabel(r"$\xi_{exp,\infty}$")
    ax.set_xlim(table["x_repump"].min(), table["x_repump"].max())
    ax.set_title(rf"{atom}, $d = {optical_depth:g}$, $\Delta = {detuning_MHz:+g}$ MHz", fontsize=8)
    legend_outside(ax, fontsize=6)
    return fig


def fig8_figure(
    table: pd.DataFrame,
    optical_depth: float,
    detuning_MHz: float,
    atom: str,
    unit_time_ms: float | None = None,
):
    """Fig. 8: xi_exp(t) without repump per Gamma_d^add; Eq. (30) dotted.

    Parameters
    ----------
    table : pandas.DataFrame
        Fig. 8 table (columns t in 1/Gamma, gamma_d_add in units of Gamma, xi_exp,
        xi_exp_long_time).
    optical_depth : float
        Optical depth d (dimensionless), for the title.
    detuning_MHz : float
        Probe detuning in MHz, for the title.
    atom : str
        The atoms, for the title (:func:`.setup.atom_label`, e.g. "Cs-133").
    unit_time_ms : float, optional
        1/Gamma in ms from the ``lab`` section (:mod:`dissipative_entanglement.lab`); if
        given, a second time axis in ms on top (the paper's "time in ms").

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = plt.subplots()
    _per_gamma(ax, table, "t", "xi_exp")
    first = table[table["gamma_d_add"] == table["gamma_d_add"].min()]
    ax.plot(
        first["t"],
        first["xi_exp_long_time"],
        color="black",
        ls=":",
        lw=1.0,
        label="Eq. (30), long-time form",
    )
    separable_limit(ax)
    ax.set_xlabel(r"$t$ ($1/\Gamma$)")
    ax.set_ylabel(r"$\xi_{exp}(t)$")
    ax.set_xlim(table["t"].min(), table["t"].max())
    shown = np.concatenate([table["xi_exp"], first["xi_exp_long_time"], [1.0]])
    shown = shown[np.isfinite(shown)]
    lo, hi = shown.min(), shown.max()
    ax.set_ylim(lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo))
    title = rf"{atom} without repump, $d = {optical_depth:g}$, $\Delta = {detuning_MHz:+g}$ MHz"
    if unit_time_ms is not None:
        top = ax.secondary_xaxis(
            "top", functions=(lambda t: t * unit_time_ms, lambda ms: ms / unit_time_ms)
        )
        top.set_xlabel(rf"$t$ (ms; $1/\Gamma$ = {unit_time_ms:.3g} ms)", fontsize=7)
        top.tick_params(labelsize=6)
    ax.set_title(title, fontsize=8)
    legend_outside(ax, fontsize=6)
    return fig


def couplings_figure(
    table: pd.DataFrame,
    resonance_margin_MHz: float,
    species: str,
    line: str,
):
    """mu, nu and Z versus probe detuning for each probe polarization (Sec. IV.1).

    Values are drawn only where the off-resonant model holds (empty ``note``); the lines
    of the probe's D line inside the detuning range are marked, with the refused band of
    +-``resonance_margin_MHz`` around each shaded. A polarization with no valid point
    draws, and lists, nothing.

    Parameters
    ----------
    table : pandas.DataFrame
        Couplings table (columns probe_polarization, detuning_MHz in MHz, mu, nu, Z,
        detuning_reference, note).
    resonance_margin_MHz : float
        The margin of ``multilevel.resonance_margin_MHz``, MHz.
    species, line : str
        The atoms and the probe's line (config ``multilevel.atom``).

    Returns
    -------
    matplotlib.figure.Figure
        Two panels: mu and nu (top), Z (bottom).
    """
    fig, (ax_mn, ax_z) = plt.subplots(2, 1, sharex=True, figsize=(3.4, 3.8))
    styles = {"y": "-", "x": "--"}
    ref = table["detuning_reference"].iloc[0]
    lo, hi = table["detuning_MHz"].min(), table["detuning_MHz"].max()
    lines = probe_lines_MHz(ref, species=species, line=line)
    f_up = max(f for f, _ in lines)
    for (f, f_exc), position in sorted(lines.items(), key=lambda kv: kv[1]):
        if lo <= position <= hi:
            for ax in (ax_mn, ax_z):
                ax.axvspan(
                    position - resonance_margin_MHz,
                    position + resonance_margin_MHz,
                    color="0.9",
                    lw=0,
                    zorder=0,
                )
                ax.axvline(position, color="0.5", lw=0.6, ls=":", zorder=1)
            ax_mn.text(
                position,
                1.01,
                f"{f_exc}′" if f == f_up else f"{f}→{f_exc}′",
                transform=ax_mn.get_xaxis_transform(),
                ha="center",
                va="bottom",
                fontsize=5,
            )
    for pol, part in table.groupby("probe_polarization", sort=True):
        valid = part["note"].fillna("").eq("") & np.isfinite(part["Z"])
        if not valid.any():
            continue
        shown = part.where(valid)  # NaN outside the valid region: the curves break there
        ls = styles.get(pol, "-.")
        x = part["detuning_MHz"]
        ax_mn.plot(x, shown["mu"], ls=ls, color="tab:blue", label=rf"$\mu$, {pol}-pol.")
        ax_mn.plot(x, shown["nu"], ls=ls, color="tab:red", label=rf"$\nu$, {pol}-pol.")
        ax_z.plot(x, shown["Z"], ls=ls, color="black", label=f"{pol}-pol.")
    ax_mn.set_ylabel(r"$\mu$, $\nu$")
    legend_outside(ax_mn, fontsize=6)
    ax_z.set_ylabel(r"$Z = (|\mu| - |\nu|)^{-1}$")
    reference = reference_label(species, line, ref)
    if reference.startswith("F="):
        f, fe = reference.split(" -> ")
        reference = rf"${f} \to {fe}$"
    ax_z.set_xlabel(f"probe detuning from {reference} (MHz)")
    ax_z.set_xlim(lo, hi)
    legend_outside(ax_z, fontsize=6)
    ax_mn.set_title(
        f"{species_label(species)} {line} probe couplings; dotted: lines F={f_up} → F′\n"
        "(grey: within the resonance margin of a line)",
        fontsize=7,
        pad=10,
    )
    return fig


def sensitivity_figure(table: pd.DataFrame):
    """Fig. 7 (lowest and highest Gamma_d^add) under each alternative reading.

    Parameters
    ----------
    table : pandas.DataFrame
        Sensitivity table (columns option, value, gamma_d_add in units of Gamma,
        x_repump, xi_exp); rows with option "configured" are the reference curves.

    Returns
    -------
    matplotlib.figure.Figure
        One panel per alternative reading (option, value), two columns.
    """
    alternatives = table[table["option"] != "configured"]
    options = list(dict.fromkeys(zip(alternatives["option"], alternatives["value"], strict=True)))
    ncols = 2
    nrows = -(-len(options) // ncols)
    fig, axes = plt.subplots(
        nrows,
        ncols,
        sharex=True,
        sharey=True,
        figsize=(6.8, 1.7 * nrows + 0.9),
        squeeze=False,
        layout="constrained",
    )
    base = table[table["option"] == "configured"]
    gammas = sorted(table["gamma_d_add"].unique())
    shown = [gammas[0], gammas[-1]] if len(gammas) > 1 else gammas
    for ax, (option, value) in zip(axes.flat, options, strict=False):
        alt = table[(table["option"] == option) & (table["value"] == value)]
        for i, g in enumerate(shown):
            c = color_for(g, FIG3_COLORS, i)
            b = base[base["gamma_d_add"] == g]
            a = alt[alt["gamma_d_add"] == g]
            ax.plot(b["x_repump"], b["xi_exp"], color=c, label=f"configured, {gamma_label(g)}")
            ax.plot(
                a["x_repump"],
                a["xi_exp"],
                color=c,
                ls="--",
                label=f"the panel's reading, {gamma_label(g)}",
            )
        ax.axhline(1.0, color="black", lw=0.8)
        ax.set_xscale("log")
        drawn = np.isfinite(alt["xi_exp"]).any()
        what = "dashed" if drawn else "undefined: no steady state"
        ax.set_title(f"{option} = {value} ({what})", fontsize=7)
        ax.tick_params(labelsize=6)
    for ax in axes.flat[len(options) :]:
        ax.set_visible(False)
    for column in range(ncols):  # x labels under the lowest panel shown in each column
        shown_axes = [ax for ax in axes[:, column] if ax.get_visible()]
        shown_axes[-1].xaxis.set_tick_params(labelbottom=True)
        shown_axes[-1].set_xlabel(r"$x_{repump}$", fontsize=7)
    for ax in axes[:, 0]:
        ax.set_ylabel(r"$\xi_{exp,\infty}$", fontsize=7)
    # one legend for all panels, under them: a legend inside a panel is placed by
    # matplotlib's "best" search, which differs between releases and may cover a curve
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=2, fontsize=6)
    fig.suptitle(
        "Fig. 7 under each alternative reading of the paper (solid: configured)", fontsize=8
    )
    return fig
