"""Figure styling shared by all paper figures (single-column PRA-like layout)."""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np

# colours named in the figure captions of the paper, keyed by Gamma_d^add / Gamma
FIG3_COLORS = {0: "darkviolet", 2: "tab:blue", 5: "tab:green", 10: "tab:red", 20: "tab:orange"}
FIG4_COLORS = {15: "grey", 20: "tab:orange", 25: "saddlebrown", 30: "hotpink", 35: "yellowgreen"}

STYLE = {
    "figure.figsize": (3.4, 2.6),
    "figure.dpi": 100,
    "font.size": 9,
    "axes.labelsize": 9,
    "legend.fontsize": 7,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "axes.linewidth": 0.8,
    "lines.linewidth": 1.4,
    "xtick.direction": "in",
    "ytick.direction": "in",
    "xtick.top": True,
    "ytick.right": True,
    "legend.frameon": False,
    "pdf.fonttype": 42,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.02,
    "path.simplify": False,
}


@contextmanager
def paper_style():
    """Matplotlib rc context of the project's figures.

    Yields
    ------
    None
        Inside the block the settings of ``STYLE`` apply (single-column, PRA-like).
    """
    with plt.rc_context(STYLE):
        yield


def color_for(value: float, palette: dict, index: int) -> str:
    """Caption colour for a Gamma_d^add value, else a colour from the default cycle.

    Parameters
    ----------
    value : float
        Gamma_d^add in units of Gamma (rounded to 9 digits for the look-up).
    palette : dict
        Caption colours keyed by Gamma_d^add / Gamma (``FIG3_COLORS`` or ``FIG4_COLORS``).
    index : int
        Curve number; selects ``"C{index % 10}"`` when ``value`` is not in ``palette``.

    Returns
    -------
    str
        Matplotlib colour specification.
    """
    key = round(float(value), 9)
    if key in palette:
        return palette[key]
    return f"C{index % 10}"


def gamma_label(value: float) -> str:
    """Legend label for a Gamma_d^add value.

    Parameters
    ----------
    value : float
        Gamma_d^add in units of Gamma.

    Returns
    -------
    str
        Mathtext label ``Gamma_d^add = <value> Gamma``.
    """
    return rf"$\Gamma_d^{{add}} = {float(value):g}\,\Gamma$"


def separable_limit(ax) -> None:
    """Draw the separable limit xi = 1 (by Eq. (3), xi >= 1 for separable states).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw the horizontal line on (labelled for the legend).
    """
    ax.axhline(1.0, color="black", lw=0.9, zorder=0, label=r"separable limit $\xi = 1$")


def legend_outside(ax, **kwargs):
    """A legend to the right of the axes, so that it never covers data.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes whose labelled artists are listed.
    **kwargs
        Passed to ``Axes.legend`` (e.g. ``fontsize``).

    Returns
    -------
    matplotlib.legend.Legend
    """
    options = {"loc": "upper left", "bbox_to_anchor": (1.02, 1.0), "borderaxespad": 0.0}
    return ax.legend(**{**options, **kwargs})


def wrap_title(fig, text: str, fontsize: float) -> str:
    """``text`` broken into lines that fit the width of ``fig`` at ``fontsize``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (its width in inches sets the line length).
    text : str
        Title text; existing line breaks are kept.
    fontsize : float
        Font size in points.

    Returns
    -------
    str
        The text with line breaks (about 0.55 em per character, 90 % of the width).
    """
    import textwrap

    width = max(20, int(0.9 * fig.get_figwidth() * 72 / (0.55 * fontsize)))
    return "\n".join(textwrap.fill(line, width) for line in text.splitlines())


def xi_colorbar(fig, mesh, ax, label: str):
    """Colour bar of a xi map: ticks over its whole range, the separable limit xi = 1 marked.

    A diverging norm centred on xi = 1 maps the two sides onto halves of the bar; ticks
    are placed on each side separately so that both halves can be read.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    mesh : matplotlib.collections.QuadMesh
        The mapped data (its norm gives the range).
    ax : matplotlib.axes.Axes or sequence of Axes
        Axes the bar is attached to.
    label : str
        Colour-bar label.

    Returns
    -------
    matplotlib.colorbar.Colorbar
    """
    from matplotlib.ticker import MaxNLocator

    bar = fig.colorbar(mesh, ax=ax, label=label)
    lo, hi = float(mesh.norm.vmin), float(mesh.norm.vmax)
    if lo < 1.0 < hi:
        below = MaxNLocator(4).tick_values(lo, 1.0)
        above = MaxNLocator(4).tick_values(1.0, hi)
        ticks = np.unique(np.round(np.concatenate([below, above, [1.0]]), 10))
        bar.set_ticks([t for t in ticks if lo <= t <= hi])
        bar.ax.axhline(1.0, color="black", lw=1.2)
    return bar
