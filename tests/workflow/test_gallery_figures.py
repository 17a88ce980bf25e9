"""The README gallery drawn from a default build, checked for what a reader relies on
(tests/figure_checks.py)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from dissipative_entanglement.plotting import paper_style

from ..figure_checks import CHECKS, gallery_figure


@pytest.mark.parametrize("name", ["fig3", "fig4", "fig7", "fig8", "couplings", "fig7_sensitivity"])
@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__[6:])
def test_gallery_figure(built, name, check):
    with paper_style():
        fig = gallery_figure(name, built / "results")
        fig.canvas.draw()
        check(fig)
    plt.close(fig)


def test_couplings_figure_shows_both_polarizations_and_the_lines(built):
    """Both signs of the detuning by default: each polarization couples on one side."""
    table = pd.read_csv(built / "results/data/couplings.csv", keep_default_na=False)
    assert table["detuning_MHz"].min() < -827.5 and table["detuning_MHz"].max() > 375
    with paper_style():
        fig = gallery_figure("couplings", built / "results")
    labels = {t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().texts}
    assert {"x-pol.", "y-pol."} <= labels
    marked = {t.get_text() for t in fig.axes[0].texts}
    assert {"3′", "4′", "5′"} <= marked


def test_sensitivity_figure_has_one_panel_per_reading(built):
    """Two readings of one option (h_return: probe_return, lower_manifold) get a panel each."""
    table = pd.read_csv(built / "results/data/fig7_sensitivity.csv", keep_default_na=False)
    readings = table.loc[table["option"] != "configured", ["option", "value"]].drop_duplicates()
    assert {"probe_return", "lower_manifold"} <= set(readings["value"])
    with paper_style():
        fig = gallery_figure("fig7_sensitivity", built / "results")
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible()]
    assert len(titles) == len(readings)
    for option, value in readings.itertuples(index=False):
        assert sum(t.startswith(f"{option} = {value} ") for t in titles) == 1
    plt.close(fig)
