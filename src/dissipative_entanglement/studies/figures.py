"""Study figures chosen by grid dimension, drawn from a bounded subsample of the grid.

* 1-D: the quantity (and further result columns such as Z_opt, in a panel below) versus
  the swept parameter.
* 2-D: a map of the quantity over the two swept parameters (first on x, second on y),
  with the separable limit xi = 1 as a contour; further result columns as a second map.
* 3-D and more: small multiples. The third swept parameter runs over the columns, the
  fourth (if any) over the rows; each panel is a map of the first two. Parameters beyond
  the fourth are held at their value at the optimum (the title says so).

A huge grid is never loaded: :func:`subsample` streams ``values.parquet`` one row group at
a time and keeps only the rows on a strided sub-grid, at most ``MAX_POINTS[dim]`` indices
per axis (evenly spaced, always including both ends and the optimum's index). The figure
therefore shows exact grid values on a coarser lattice; features narrower than the stride
can be missed there, but the optimum marker is the exact optimum of the full grid
(optimum.csv) and its slice is always among the panels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from ..plotting import wrap_title, xi_colorbar
from .spec import StudyGrid

#: Display indices per axis: {dimension: (per map axis, per panel axis)}.
MAX_POINTS = {1: (4000, 0), 2: (400, 0), 3: (200, 6), 4: (120, 4)}
MAX_PANELS_HIGHER = (120, 4)

LABELS = {
    "optical_depth": r"optical depth $d$",
    "Z": r"$Z = (|\mu| - |\nu|)^{-1}$",
    "pump_x": r"pump parameter $x$",
    "gamma_d_add": r"$\Gamma_d^{add} / \Gamma$",
    "detuning_MHz": r"detuning $\Delta$ (MHz)",
    "x_repump": r"$x_{repump}$",
    "temperature_C": r"temperature ($^\circ$C)",
    "xi_inf": r"$\xi_\infty$",
    "xi_opt": r"$\xi_\infty^{opt}$",
    "Z_opt": r"$Z_{opt}$",
    "xi_exp_inf": r"$\xi_{exp,\infty}$",
}


def label(name: str) -> str:
    """Axis label of a column (``LABELS``), else the column name itself.

    Parameters
    ----------
    name : str
        Column name.

    Returns
    -------
    str
    """
    return LABELS.get(name, name)


def display_indices(n: int, limit: int, keep: int | None = None) -> np.ndarray:
    """At most ``limit`` (+1 for ``keep``) evenly spaced indices of 0..n-1, ends included.

    Parameters
    ----------
    n : int
        Axis length.
    limit : int
        Maximum number of indices (<= 0: none, apart from ``keep``).
    keep : int, optional
        An index always included (the optimum's).

    Returns
    -------
    ndarray of int64
        Sorted unique indices.
    """
    if limit <= 0:
        chosen = np.array([], dtype=np.int64)
    elif n <= limit:
        chosen = np.arange(n, dtype=np.int64)
    else:
        chosen = np.unique(np.round(np.linspace(0, n - 1, limit)).astype(np.int64))
    if keep is not None:
        chosen = np.union1d(chosen, [keep]).astype(np.int64)
    return chosen


def display_selection(grid: StudyGrid, optimum_index: int | None) -> list[np.ndarray]:
    """Per-axis indices kept for the figure (see the module docstring).

    Parameters
    ----------
    grid : StudyGrid
        The study grid.
    optimum_index : int or None
        Flat index of the optimum, or None.

    Returns
    -------
    list of ndarray
        One index array per grid axis.
    """
    dim = len(grid.shape)
    per_map, per_panel = MAX_POINTS.get(dim, MAX_PANELS_HIGHER)
    opt = (
        np.unravel_index(optimum_index, grid.shape)
        if optimum_index is not None and optimum_index >= 0
        else [None] * dim
    )
    selection = []
    for axis, n in enumerate(grid.shape):
        if axis < 2:
            selection.append(display_indices(n, per_map))
        elif axis < 4:
            selection.append(display_indices(n, per_panel, opt[axis]))
        else:  # held at the optimum
            selection.append(np.array([opt[axis] if opt[axis] is not None else 0]))
    return selection


def subsample(
    values_path: str | Path, grid: StudyGrid, selection: Sequence[np.ndarray]
) -> dict[str, np.ndarray]:
    """Rows of ``values.parquet`` on the sub-grid ``selection``, reshaped to its shape.

    Streams one row group at a time (row number = flat grid index), so memory is bounded
    by the row group and the sub-grid, whatever the grid size.

    Parameters
    ----------
    values_path : str or pathlib.Path
        The merged ``values.parquet`` of the study.
    grid : StudyGrid
        The study grid.
    selection : sequence of ndarray
        Per-axis indices (:func:`display_selection`).

    Returns
    -------
    dict of str to ndarray
        Every column of the grid, each of shape ``tuple(len(s) for s in selection)``.
    """
    import pyarrow.parquet as pq

    keep = []
    for n, chosen in zip(grid.shape, selection, strict=True):
        mask = np.zeros(n, dtype=bool)
        mask[chosen] = True
        keep.append(mask)
    parts: dict[str, list[np.ndarray]] = {c: [] for c in grid.columns}
    source = pq.ParquetFile(values_path)
    offset = 0
    for i in range(source.num_row_groups):
        group = source.read_row_group(i)
        flat = np.arange(offset, offset + group.num_rows, dtype=np.int64)
        offset += group.num_rows
        inside = np.ones(group.num_rows, dtype=bool)
        for axis_index, mask in zip(np.unravel_index(flat, grid.shape), keep, strict=True):
            inside &= mask[axis_index]
        if inside.any():
            for c in grid.columns:
                parts[c].append(group.column(c).to_numpy()[inside])
    shape = tuple(len(s) for s in selection)
    return {c: np.concatenate(p).reshape(shape) if p else np.empty(shape) for c, p in parts.items()}


def _edges(values: np.ndarray, log: bool) -> np.ndarray:
    """Cell edges around grid values (midpoints; geometric midpoints on a log axis)."""
    v = np.log(values) if log else np.asarray(values, dtype=float)
    if v.size == 1:
        edges = (
            np.array([v[0] - 0.5, v[0] + 0.5]) if not log else np.array([v[0] - 0.1, v[0] + 0.1])
        )
    else:
        mid = 0.5 * (v[1:] + v[:-1])
        edges = np.concatenate([[2 * v[0] - mid[0]], mid, [2 * v[-1] - mid[-1]]])
    return np.exp(edges) if log else edges


def _norm(data: np.ndarray, quantity: str):
    """Colour scale: diverging around the separable limit xi = 1 if the data straddle it."""
    from matplotlib.colors import Normalize, TwoSlopeNorm

    finite = data[np.isfinite(data)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    if quantity.startswith("xi") and lo < 1.0 < hi:
        return TwoSlopeNorm(vcenter=1.0, vmin=lo, vmax=hi), "RdBu_r"
    if hi <= lo:
        hi = lo + 1.0
    return Normalize(vmin=lo, vmax=hi), "viridis"


def _map(ax, grid, sel_values, data, column, norm_cmap, optimum, show_x=True, show_y=True):
    norm, cmap = norm_cmap
    x, y = sel_values[0], sel_values[1]
    lx, ly = grid.log_axes[0], grid.log_axes[1]
    mesh = ax.pcolormesh(
        _edges(x, lx), _edges(y, ly), data.T, norm=norm, cmap=cmap, shading="flat", rasterized=True
    )
    if column.startswith("xi") and data.shape[0] > 1 and data.shape[1] > 1:
        finite = data[np.isfinite(data)]
        if finite.size and finite.min() < 1.0 < finite.max():
            ax.contour(x, y, data.T, levels=[1.0], colors="black", linewidths=0.8)
    if optimum is not None:
        ax.plot(optimum[0], optimum[1], **optimum_marker(optimum.at_edge), ms=8)
    if lx:
        ax.set_xscale("log")
    if ly:
        ax.set_yscale("log")
    if show_x:
        ax.set_xlabel(label(grid.names[0]))
    if show_y:
        ax.set_ylabel(label(grid.names[1]))
    return mesh


class OptimumPoint(list):
    """Swept-parameter values of the optimum, with ``at_edge`` from optimum.csv."""

    def __init__(self, optimum: Mapping, names):
        super().__init__(optimum[n] for n in names)
        self.at_edge = bool(optimum.get("at_grid_edge", False))


def optimum_marker(at_edge: bool) -> dict:
    """Marker style of a study optimum: filled gold star inside the grid, open on its edge.

    Parameters
    ----------
    at_edge : bool
        Whether the optimum lies on an edge of the grid (not bracketed by it).

    Returns
    -------
    dict
        Keyword arguments for ``Axes.plot``.
    """
    face = "none" if at_edge else "gold"
    return {"marker": "*", "mfc": face, "mec": "black", "mew": 0.8, "clip_on": False, "zorder": 5}


def _fixed_text(spec: Mapping) -> str:
    return ", ".join(f"{k} = {v:g}" for k, v in sorted(spec["fixed"].items()))


def study_figure(grid: StudyGrid, sub: Mapping[str, np.ndarray], selection, optimum: Mapping):
    """Figure of a study from its subsample; ``optimum`` is the row of optimum.csv.

    Parameters
    ----------
    grid : StudyGrid
        The study grid.
    sub : Mapping of str to ndarray
        Output of :func:`subsample`.
    selection : sequence of ndarray
        The per-axis indices behind ``sub``.
    optimum : Mapping
        Row of optimum.csv (``flat_index`` < 0 or absent: no optimum marker).

    Returns
    -------
    matplotlib.figure.Figure
        Line plots (1-D), maps (2-D) or small multiples (3-D and more).
    """
    import matplotlib.pyplot as plt

    spec = grid.spec
    quantity = grid.kernel.quantity
    extras = list(grid.kernel.columns[1:])
    dim = len(grid.shape)
    sel_values = [v[s] for v, s in zip(grid.values, selection, strict=True)]
    has_opt = optimum.get("flat_index", -1) >= 0
    opt_point = OptimumPoint(optimum, grid.names) if has_opt else None
    title = f"{spec['name']}: {spec['model']}, {quantity}"
    fixed = _fixed_text(spec)
    if has_opt and opt_point.at_edge:
        fixed = f"{fixed}\nopen star: optimum on the grid edge ({optimum['grid_edge']})"

    if dim == 1:
        columns = [quantity, *extras]
        fig, axes = plt.subplots(
            len(columns),
            1,
            sharex=True,
            squeeze=False,
            layout="constrained",
            figsize=(3.4, 1.2 + 1.4 * len(columns)),
        )
        x = sel_values[0]
        for ax, column in zip(axes[:, 0], columns, strict=True):
            ax.plot(x, sub[column], color="tab:blue")
            if column.startswith("xi"):
                ax.axhline(1.0, color="black", lw=0.8, ls="--", zorder=0)
            if has_opt:
                ax.plot(opt_point[0], optimum[column], **optimum_marker(opt_point.at_edge))
            ax.set_ylabel(label(column))
            if grid.log_axes[0]:
                ax.set_xscale("log")
        axes[-1, 0].set_xlabel(label(grid.names[0]))
        axes[0, 0].set_title(wrap_title(fig, f"{title}\n{fixed}", 7), fontsize=7)
        return fig

    if dim == 2:
        columns = [quantity, *extras]
        fig, axes = plt.subplots(
            1, len(columns), squeeze=False, layout="constrained", figsize=(3.6 * len(columns), 3.0)
        )
        for ax, column in zip(axes[0], columns, strict=True):
            data = sub[column]
            mesh = _map(ax, grid, sel_values, data, column, _norm(data, column), opt_point)
            xi_colorbar(fig, mesh, ax, label(column))
        fig.suptitle(wrap_title(fig, f"{title}\n{fixed}" if fixed else title, 7), fontsize=7)
        return fig

    # small multiples: axis 2 over columns, axis 3 over rows, first two axes in each panel
    n_col = len(sel_values[2])
    n_row = len(sel_values[3]) if dim >= 4 else 1
    data_all = sub[quantity]
    norm_cmap = _norm(data_all, quantity)
    fig, axes = plt.subplots(
        n_row,
        n_col,
        squeeze=False,
        sharex=True,
        sharey=True,
        layout="constrained",
        figsize=(1.9 * n_col + 1.0, 1.7 * n_row + 0.8),
    )
    mesh = None
    for r in range(n_row):
        for c in range(n_col):
            index = (slice(None), slice(None), c) + ((r,) if dim >= 4 else ()) + (0,) * (dim - 4)
            panel = data_all[index]
            here = opt_point is not None and np.isclose(sel_values[2][c], opt_point[2])
            if dim >= 4:
                here = here and np.isclose(sel_values[3][r], opt_point[3])
            ax = axes[r, c]
            mesh = _map(
                ax,
                grid,
                sel_values,
                panel,
                quantity,
                norm_cmap,
                opt_point if here else None,
                show_x=r == n_row - 1,
                show_y=c == 0,
            )
            name = f"{grid.names[2]} = {sel_values[2][c]:.4g}"
            if dim >= 4:
                name += f"\n{grid.names[3]} = {sel_values[3][r]:.4g}"
            ax.set_title(name, fontsize=6)
    xi_colorbar(fig, mesh, axes, label(quantity))
    held = ", ".join(
        f"{n} = {v[s][0]:.4g}"
        for n, v, s in zip(grid.names[4:], grid.values[4:], selection[4:], strict=True)
    )
    notes = "; ".join(t for t in (fixed, f"at the optimum: {held}" if held else "") if t)
    fig.suptitle(wrap_title(fig, f"{title}\n{notes}" if notes else title, 7), fontsize=7)
    return fig


def study_figure_from_files(spec: Mapping, values_path: str | Path, optimum: Mapping):
    """Subsample ``values.parquet`` (bounded memory) and draw the study's figure.

    Parameters
    ----------
    spec : Mapping
        Resolved study spec.
    values_path : str or pathlib.Path
        The merged ``values.parquet``.
    optimum : Mapping
        Row of optimum.csv.

    Returns
    -------
    matplotlib.figure.Figure
    """
    grid = StudyGrid(spec)
    flat = int(optimum.get("flat_index", -1))
    selection = display_selection(grid, flat if flat >= 0 else None)
    sub = subsample(values_path, grid, selection)
    return study_figure(grid, sub, selection, optimum)
