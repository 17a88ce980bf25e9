"""Figures a reader can trust at a glance, checked on the figure objects (tests/figure_checks.py).

The study figures (two small studies, computed here) and the species comparison figure (on
a small table made here); the README gallery, drawn from a default build, is checked in
tests/workflow/test_gallery_figures.py.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

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

from ..figure_checks import CHECKS
from ..helpers import REPO, resolved_config

CONFIG = load_yaml(REPO / "config/config.yaml")


def study_figure(tmp_path, name: str):
    """A small version of a shipped study file, computed and drawn as the workflow does."""
    study = load_yaml(REPO / f"config/studies/{name}.yaml")["studies"]
    ((key, entry),) = study.items()
    for axis in entry["sweep"].values():
        if isinstance(axis, dict):
            axis["num"] = min(axis["num"], 9)
    spec = resolve_study(key, {**entry, "chunks": 1}, resolved_config({}))
    values, summary = tmp_path / "c0.parquet", tmp_path / "c0.json"
    compute_chunk(spec, 0, values, summary)
    merged = tmp_path / "values.parquet"
    merge_chunks(spec, [values], merged)
    optimum = optimum_table(spec, read_summaries([summary])).iloc[0].to_dict()
    return study_figure_from_files(spec, merged, optimum), optimum


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


def test_species_comparison_figure(tmp_path):
    """The comparison figure of the species study (docs/comparisons/species.png), drawn
    from small values tables made here: two species, both probe lines."""
    from dissipative_entanglement.studies.comparison import comparison_figure

    specs, values = [], []
    for species, line in (("Rb87", "D2"), ("Cs133", "D1")):
        specs.append(
            {
                "name": f"species_{species}_{line}",
                "fixed": {"x_repump": 1.0, "gamma_d_add": 0.0},
                "options": {"atom": {"species": species, "line": line}},
            }
        )
        # detunings as in the shipped study (about 370 to 3360 MHz): the right panel's top
        # tick label sits at the top of its axes, where a title placed by hand collides
        depth, detuning = np.meshgrid(np.geomspace(1, 1000, 7), np.linspace(370.0, 3360.0, 14))
        best = 370.0 + 997.0 * np.log10(depth)  # the best detuning grows with d
        xi = 1.2 - 0.2 * np.log10(depth) + (detuning - best) ** 2 / 1e6
        frame = {"optical_depth": depth.ravel(), "detuning_MHz": detuning.ravel()}
        values.append(pd.DataFrame(frame | {"xi_exp_inf": xi.ravel()}))
    with paper_style():
        fig = comparison_figure(specs, values, "Species and probe lines")
        fig.canvas.draw()
        for check in CHECKS:
            check(fig)


def sensitivity_table() -> pd.DataFrame:
    """A small Fig. 7 sensitivity table: the configured curves and three readings (one
    with no steady state), each crossing the legend's former place in the first panel."""
    x = np.geomspace(0.01, 10.0, 25)
    rows = []
    for option, value, shift in (
        ("configured", "", 0.0),
        ("amplitude_sum", "incoherent", -0.03),
        ("h_return", "lower_manifold", 0.01),
        ("hh_entry", "printed", np.nan),
    ):
        for g in (0.0, 20.0):
            xi = 0.94 + 0.13 / (1.0 + 10.0 * x) + 0.001 * g + shift
            rows.append(
                pd.DataFrame(
                    {
                        "option": option,
                        "value": value,
                        "gamma_d_add": g,
                        "x_repump": x,
                        "xi_exp": xi,
                    }
                )
            )
    return pd.concat(rows, ignore_index=True)


def test_sensitivity_figure_legend_under_the_panels():
    from dissipative_entanglement.multilevel.figures import sensitivity_figure

    with paper_style():
        fig = sensitivity_figure(sensitivity_table())
        fig.canvas.draw()
        for check in CHECKS:
            check(fig)
    assert len(fig.legends) == 1 and not any(ax.get_legend() for ax in fig.axes)
    legend_top = fig.legends[0].get_window_extent().y1
    assert all(legend_top <= ax.get_window_extent().y0 for ax in fig.axes if ax.get_visible())


def test_legend_check_catches_a_figure_legend_over_a_curve():
    import matplotlib.pyplot as plt

    from ..figure_checks import check_legends_cover_no_data

    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], label="diagonal")
    fig.legend(loc="center")  # the middle of the figure: on the diagonal
    fig.canvas.draw()
    with pytest.raises(AssertionError, match="covers 'diagonal'"):
        check_legends_cover_no_data(fig)
