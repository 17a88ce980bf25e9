"""What a reader relies on in a figure, as checks on the figure object (tests/*/test_*figures*).

Every legend entry is a drawn curve, colour bars can be read over their whole range with the
separable limit xi = 1 marked, text lies inside the figure, no title, label or tick label
overlaps another, legends cover no data, and axis ranges follow the data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dissipative_entanglement.config import load_yaml
from dissipative_entanglement.multilevel import figures as ml_figures
from dissipative_entanglement.multilevel.setup import atom_label
from dissipative_entanglement.two_level import figures as tl_figures

from .helpers import SHIPPED_CONFIG

PIXEL = 2.0  # tolerance in display pixels


def gallery_figure(name: str, results):
    """A README gallery figure drawn from the tables of a default build under ``results``."""
    data = results / "data"
    ml = load_yaml(SHIPPED_CONFIG)["multilevel"]
    if name == "fig3":
        return tl_figures.fig3_figure(pd.read_csv(data / "fig3.csv"))
    if name == "fig4":
        return tl_figures.fig4_figure(
            pd.read_csv(data / "fig4.csv"), pd.read_csv(data / "fig4_inset.csv")
        )
    if name in ("fig7", "fig8"):
        draw = getattr(ml_figures, f"{name}_figure")
        atom = atom_label(**ml["atom"])
        return draw(
            pd.read_csv(data / f"{name}.csv"), ml["optical_depth"], ml["detuning_MHz"], atom
        )
    if name == "couplings":
        return ml_figures.couplings_figure(
            pd.read_csv(data / "couplings.csv"), ml["resonance_margin_MHz"], **ml["atom"]
        )
    return ml_figures.sensitivity_figure(pd.read_csv(data / "fig7_sensitivity.csv"))


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


def legends(fig):
    """(axes it lists, legend) of every legend: each axes' own, and the figure's legends
    (which list curves of every axes)."""
    found = [([ax], ax.get_legend()) for ax in fig.axes if ax.get_legend() is not None]
    return found + [(list(fig.axes), legend) for legend in fig.legends]


def check_legends_list_drawn_curves(fig):
    for listed, legend in legends(fig):
        drawn = set()
        for ax in listed:
            drawn |= {label for line, _, _ in data_lines(ax) if (label := line.get_label())}
            drawn |= {ln.get_label() for ln in ax.get_lines() if ln.get_transform() != ax.transData}
        for text in legend.get_texts():
            assert text.get_text() in drawn, f"legend lists '{text.get_text()}', not drawn"
        if len(listed) == 1:
            _, labels = listed[0].get_legend_handles_labels()
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
    for _, legend in legends(fig):
        texts += list(legend.get_texts())
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
    for _, legend in legends(fig):
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


def _tick_labels(ax):
    """The major tick labels an axes draws: visible, and at a tick inside the view."""
    labels = []
    for axis in (ax.xaxis, ax.yaxis):
        low, high = sorted(axis.get_view_interval())
        for tick in axis.get_major_ticks():
            if low - 1e-12 * abs(high - low) <= tick.get_loc() <= high + 1e-12 * abs(high - low):
                labels += [lab for lab in (tick.label1, tick.label2) if lab.get_visible()]
    return labels


def _text_boxes(fig, renderer):
    """(label, display box) of every visible title, axis label, tick label and legend."""
    texts = [fig._suptitle] if fig._suptitle is not None else []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        texts += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
        texts += _tick_labels(ax) + list(ax.texts)
        for child in ax.child_axes:
            texts += [child.xaxis.label, child.yaxis.label, *_tick_labels(child)]
    boxes = [("legend", legend.get_window_extent(renderer)) for _, legend in legends(fig)]
    for text in texts:
        if text is None or not text.get_visible() or not text.get_text().strip():
            continue
        boxes.append((text.get_text(), text.get_window_extent(renderer)))
    return boxes


def check_no_text_overlaps(fig):
    """No title, axis label, annotation or tick label overlaps another by more than a pixel
    (tick labels of one axis may touch each other: matplotlib spaces those)."""
    renderer = fig.canvas.get_renderer()
    boxes = _text_boxes(fig, renderer)
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            overlap_x = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            overlap_y = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            assert overlap_x <= PIXEL or overlap_y <= PIXEL, f"'{a[:40]}' overlaps '{b[:40]}'"


CHECKS = [
    check_legends_list_drawn_curves,
    check_colorbars,
    check_text_inside,
    check_legends_cover_no_data,
    check_ranges_follow_data,
    check_no_text_overlaps,
]
