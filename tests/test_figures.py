"""Figures a reader can trust at a glance, checked on the figure objects.

Every figure the README shows is rebuilt from the tables of a default build (and two small
studies) and checked for what a reader relies on: every legend entry is a drawn curve,
colour bars can be read over their whole range with the separable limit xi = 1 marked,
text lies inside the figure, legends cover no data, and axis ranges follow the data.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

from dissipative_entanglement.cesium import figures as cs_figures
from dissipative_entanglement.config import load_yaml
from dissipative_entanglement.plotting import paper_style
from dissipative_entanglement.studies import resolve_study
from dissipative_entanglement.studies.chunks import (
    compute_chunk,
    merge_chunks,
    optimum_table,
    read_summaries,
)
from dissipative_entanglement.studies.figures import study_figure_from_files
from dissipative_entanglement.two_level import figures as tl_figures

from .conftest import REPO

CONFIG = load_yaml(REPO / "config/config.yaml")
PIXEL = 2.0  # tolerance in display pixels


def gallery_figure(name: str, results):
    data = results / "data"
    cs = CONFIG["cesium"]
    if name == "fig3":
        return tl_figures.fig3_figure(pd.read_csv(data / "fig3.csv"))
    if name == "fig4":
        return tl_figures.fig4_figure(
            pd.read_csv(data / "fig4.csv"), pd.read_csv(data / "fig4_inset.csv")
        )
    if name in ("fig7", "fig8"):
        draw = getattr(cs_figures, f"{name}_figure")
        return draw(pd.read_csv(data / f"{name}.csv"), cs["optical_depth"], cs["detuning_MHz"])
    if name == "cs_couplings":
        return cs_figures.couplings_figure(
            pd.read_csv(data / "cs_couplings.csv"), cs["resonance_margin_MHz"]
        )
    return cs_figures.sensitivity_figure(pd.read_csv(data / "fig7_sensitivity.csv"))


def study_figure(tmp_path, name: str):
    """A small version of a shipped study file, computed and drawn as the workflow does."""
    study = load_yaml(REPO / f"config/studies/{name}.yaml")["studies"]
    ((key, entry),) = study.items()
    for axis in entry["sweep"].values():
        if isinstance(axis, dict):
            axis["num"] = min(axis["num"], 9)
    spec = resolve_study(key, {**entry, "chunks": 1}, CONFIG)
    values, summary = tmp_path / "c0.parquet", tmp_path / "c0.json"
    compute_chunk(spec, 0, values, summary)
    merged = tmp_path / "values.parquet"
    merge_chunks(spec, [values], merged)
    optimum = optimum_table(spec, read_summaries([summary])).iloc[0].to_dict()
    return study_figure_from_files(spec, merged, optimum), optimum


# --- the properties ---------------------------------------------------------------------


def is_colorbar(ax) -> bool:
    return hasattr(ax, "_colorbar")


def data_lines(ax):
    """Curves in data coordinates with finite points (not axhline/axvline guides)."""
    for line in ax.get_lines():
        if line.get_transform() != ax.transData or not line.get_visible():
            continue
        x, y = (np.asarray(v, dtype=float) for v in line.get_data())
        if np.isfinite(x * y).any():
            yield line, x, y


def check_legends_list_drawn_curves(fig):
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        _, labels = ax.get_legend_handles_labels()
        drawn = {label for line, _, _ in data_lines(ax) if (label := line.get_label())}
        drawn |= {ln.get_label() for ln in ax.get_lines() if ln.get_transform() != ax.transData}
        for text in legend.get_texts():
            assert text.get_text() in drawn, f"legend lists '{text.get_text()}', not drawn"
        assert len(legend.get_texts()) == len(labels)


def check_colorbars(fig):
    for ax in fig.axes:
        if not is_colorbar(ax):
            continue
        bar = ax._colorbar
        norm = bar.norm
        lo, hi = float(norm.vmin), float(norm.vmax)
        ticks = np.asarray([t for t in bar.get_ticks() if lo <= t <= hi])
        assert ticks.size >= 3
        position = np.asarray(norm(ticks), dtype=float)  # 0..1 along the bar
        assert position.min() <= 0.25 and position.max() >= 0.75, f"ticks {ticks} on [{lo}, {hi}]"
        if lo < 1.0 < hi:
            assert np.isclose(ticks, 1.0).any(), "xi = 1 has no tick"
            marks = [ln for ln in ax.get_lines() if np.allclose(ln.get_ydata(), 1.0)]
            assert marks, "the separable limit xi = 1 is not marked on the colour bar"


def check_text_inside(fig):
    """Titles, axis labels and legend texts lie inside the saved image (which is cut to
    the figure's tight bounding box), and no title is wider than the figure."""
    renderer = fig.canvas.get_renderer()
    frame = fig.get_tightbbox(renderer).transformed(fig.dpi_scale_trans)
    texts = [fig._suptitle] if fig._suptitle is not None else []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        texts += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
        if ax.get_legend() is not None:
            texts += list(ax.get_legend().get_texts())
    for text in texts:
        if not text.get_visible() or not text.get_text().strip():
            continue
        box = text.get_window_extent(renderer)
        inside = (
            box.x0 >= frame.x0 - PIXEL
            and box.x1 <= frame.x1 + PIXEL
            and box.y0 >= frame.y0 - PIXEL
            and box.y1 <= frame.y1 + PIXEL
        )
        assert inside, f"text '{text.get_text()[:40]}' leaves the saved image"
    for title in [t for t in texts if t in ([fig._suptitle] + [ax.title for ax in fig.axes])]:
        if title is not None and title.get_text().strip():
            width = title.get_window_extent(renderer).width
            assert width <= fig.bbox.width + PIXEL, f"title '{title.get_text()[:40]}' too wide"


def check_legends_cover_no_data(fig):
    renderer = fig.canvas.get_renderer()
    for owner in fig.axes:
        legend = owner.get_legend()
        if legend is None:
            continue
        box = legend.get_window_extent(renderer).shrunk(0.98, 0.98)
        for ax in fig.axes:
            if is_colorbar(ax):
                continue
            for line in ax.get_lines():
                path = line.get_path().transformed(line.get_transform())
                assert not path.intersects_bbox(box, filled=False), (
                    f"the legend covers '{line.get_label()}'"
                )


def check_ranges_follow_data(fig):
    """No more than 15 % of an axis range is empty beyond the data (axes sharing y
    count their data together; the separable limit counts as data where drawn)."""
    for ax in fig.axes:
        if is_colorbar(ax) or not list(data_lines(ax)) or ax.collections:
            continue
        ys = []
        for sibling in ax.get_shared_y_axes().get_siblings(ax):
            x0, x1 = sorted(sibling.get_xlim())
            ys += [y[(x >= x0) & (x <= x1) & np.isfinite(y)] for _, x, y in data_lines(sibling)]
            if any(ln.get_transform() != sibling.transData for ln in sibling.get_lines()):
                ys.append(np.array([1.0]))
        ys = np.concatenate(ys)
        lo, hi = sorted(ax.get_ylim())
        pad = 0.15 * (hi - lo)
        assert lo >= ys.min() - pad - 1e-12, f"{lo} far below the data ({ys.min()})"
        if not ax.child_axes:  # an inset needs the room above the curves
            assert hi <= ys.max() + pad + 1e-12, f"{hi} far above the data ({ys.max()})"


CHECKS = [
    check_legends_list_drawn_curves,
    check_colorbars,
    check_text_inside,
    check_legends_cover_no_data,
    check_ranges_follow_data,
]


@pytest.mark.workflow
@pytest.mark.parametrize(
    "name", ["fig3", "fig4", "fig7", "fig8", "cs_couplings", "fig7_sensitivity"]
)
@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__[6:])
def test_gallery_figure(built, name, check):
    with paper_style():
        fig = gallery_figure(name, built / "results")
        fig.canvas.draw()
        check(fig)
    plt.close(fig)


@pytest.mark.parametrize("study", ["two_level_depth_dephasing", "cesium_detuning_depth"])
def test_study_figures(tmp_path, study):
    with paper_style():
        fig, optimum = study_figure(tmp_path, study)
        fig.canvas.draw()
        for check in CHECKS:
            check(fig)
    text = " ".join(t.get_text() for t in fig.findobj(Text))
    if optimum["at_grid_edge"]:
        assert "grid edge" in text and optimum["grid_edge"].split(" at ")[0] in text
        stars = [ln for ax in fig.axes for ln in ax.get_lines() if ln.get_marker() == "*"]
        assert stars and all(ln.get_markerfacecolor() == "none" for ln in stars)


def test_couplings_figure_shows_both_polarizations_and_the_lines(built):
    """Both signs of the detuning by default: each polarization couples on one side."""
    table = pd.read_csv(built / "results/data/cs_couplings.csv", keep_default_na=False)
    assert table["detuning_MHz"].min() < -827.5 and table["detuning_MHz"].max() > 375
    with paper_style():
        fig = gallery_figure("cs_couplings", built / "results")
    labels = {t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().texts}
    assert {"x-pol.", "y-pol."} <= labels
    marked = {t.get_text() for t in fig.axes[0].texts}
    assert {"3′", "4′", "5′"} <= marked


def test_sensitivity_figure_has_one_panel_per_reading(built):
    """Two readings of one option (h_return: probe_return, f3_manifold) get a panel each."""
    table = pd.read_csv(built / "results/data/fig7_sensitivity.csv", keep_default_na=False)
    readings = table.loc[table["option"] != "configured", ["option", "value"]].drop_duplicates()
    assert {"probe_return", "f3_manifold"} <= set(readings["value"])
    with paper_style():
        fig = gallery_figure("fig7_sensitivity", built / "results")
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible()]
    assert len(titles) == len(readings)
    for option, value in readings.itertuples(index=False):
        assert sum(t.startswith(f"{option} = {value} ") for t in titles) == 1
    plt.close(fig)
