"""Figures 3 and 4 of the paper, drawn from their tidy tables."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from ..plotting import (
    FIG3_COLORS,
    FIG4_COLORS,
    color_for,
    gamma_label,
    legend_outside,
    separable_limit,
)


def fig3_figure(table: pd.DataFrame):
    """Fig. 3: xi_inf versus Z, one curve per Gamma_d^add, separable limit drawn.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`~.tables.fig3_table` (columns Z, gamma_d_add in units of Gamma,
        xi_inf, optical_depth).

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = plt.subplots()
    for i, (g, part) in enumerate(table.groupby("gamma_d_add", sort=True)):
        ax.plot(part["Z"], part["xi_inf"], color=color_for(g, FIG3_COLORS, i), label=gamma_label(g))
    separable_limit(ax)
    d = table["optical_depth"].iloc[0]
    ax.set_xlabel(r"$Z = (|\mu| - |\nu|)^{-1}$")
    ax.set_ylabel(r"$\xi_\infty$")
    ax.set_xlim(table["Z"].min(), table["Z"].max())
    ax.set_title(rf"two-level model, $d = {d:g}$, probe only", fontsize=8)
    # up to 1.6 as in the paper (the curves rise beyond), down to just below the minima
    top = 1.6
    low = float(table["xi_inf"].min())
    ax.set_ylim(low - 0.05 * (top - low), top)
    legend_outside(ax)
    return fig


def fig4_figure(table: pd.DataFrame, inset: pd.DataFrame):
    """Fig. 4: xi_inf^opt versus pump x per Gamma_d^add; inset P_2,inf versus Z.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`~.tables.fig4_table` (columns pump_x, gamma_d_add in units of
        Gamma, xi_opt, optical_depth).
    inset : pandas.DataFrame
        Output of :func:`~.tables.fig4_inset_table` (columns Z, pump_x, P2).

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = plt.subplots(figsize=(3.4, 3.3))
    for i, (g, part) in enumerate(table.groupby("gamma_d_add", sort=True)):
        ax.plot(
            part["pump_x"], part["xi_opt"], color=color_for(g, FIG4_COLORS, i), label=gamma_label(g)
        )
    separable_limit(ax)
    d = table["optical_depth"].iloc[0]
    ax.set_xlabel(r"pump parameter $x$")
    ax.set_ylabel(r"$\xi_\infty^{opt}$ (optimal $Z$)")
    ax.set_xlim(table["pump_x"].min(), table["pump_x"].max())
    ax.set_title(rf"two-level model, $d = {d:g}$", fontsize=8)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    ymin = min(table["xi_opt"].min(), 1.0)
    ymax = max(table["xi_opt"].max(), 1.0)
    span = ymax - ymin
    ax.set_ylim(ymin - 0.05 * span, ymax + 1.2 * span)  # room above xi = 1 for the inset

    sub = ax.inset_axes([0.56, 0.6, 0.4, 0.33])
    styles = ["--", "-", ":", "-."]
    for i, (x, part) in enumerate(inset.groupby("pump_x", sort=True)):
        sub.plot(part["Z"], part["P2"], ls=styles[i % 4], color="black", lw=1.0, label=f"x = {x:g}")
    sub.set_xlabel(r"$Z$", fontsize=7, labelpad=1)
    sub.set_ylabel(r"$P_{2,\infty}$", fontsize=7, labelpad=1)
    sub.tick_params(labelsize=6)
    sub.legend(fontsize=6, loc="lower left")
    return fig
