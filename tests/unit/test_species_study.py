"""The species study: comparison of multi-level studies (best xi over detuning), its checks
(the shipped study file run small end to end: tests/workflow/test_species_study_workflow.py)."""

import numpy as np
import pandas as pd
import pytest

from dissipative_entanglement.multilevel.operating_point import operating_point
from dissipative_entanglement.multilevel.options import MultilevelOptions
from dissipative_entanglement.multilevel.scenario import xi_exp_inf_grid
from dissipative_entanglement.multilevel.setup import MultilevelSetup
from dissipative_entanglement.studies.comparison import (
    best_over_detuning,
    comparison_errors,
    comparison_table,
)
from dissipative_entanglement.studies.spec import resolve_study

from ..helpers import resolved_config
from ..helpers_species import small_species_config


def test_best_over_detuning_takes_the_minimum_and_the_lower_detuning_on_ties():
    values = pd.DataFrame(
        {
            "detuning_MHz": [400, 400, 500, 500, 600, 600],
            "optical_depth": [1, 10, 1, 10, 1, 10],
            "xi_exp_inf": [1.1, 0.9, 1.0, 0.8, 1.0, 0.85],
        }
    )
    best = best_over_detuning(values)
    assert best["optical_depth"].tolist() == [1, 10]
    assert best["detuning_MHz"].tolist() == [500, 500]  # 1.0 at 500 and 600: the lower
    assert best["xi_exp_inf"].tolist() == [1.0, 0.8]


def _config(extra: dict) -> dict:
    return resolved_config(extra)


def test_comparison_errors_name_the_key():
    config = _config(small_species_config())
    assert comparison_errors(config) == []
    bad = small_species_config()
    bad["comparisons"]["species"]["studies"].append("nosuch")
    bad["comparisons"]["species"]["optical_depths"] = [30]
    errors = comparison_errors(_config(bad))
    assert any("'nosuch' is not in studies" in e for e in errors)
    assert any("optical_depths: 30 is not a value" in e for e in errors)
    split = small_species_config()
    split["studies"]["species_Cs133_D1"]["fixed"] = {"x_repump": 2.0, "gamma_d_add": 0}
    assert any("must share one x_repump" in e for e in comparison_errors(_config(split)))
    same = small_species_config()  # 1 and 1.0, and the default 0 for gamma_d_add: one value
    same["studies"]["species_Cs133_D1"]["fixed"] = {"x_repump": 1, "temperature_C": 22}
    assert comparison_errors(_config(same)) == []
    extra_axis = small_species_config()
    extra_axis["studies"]["species_Cs133_D1"]["sweep"]["x_repump"] = [0.5, 1.0]
    del extra_axis["studies"]["species_Cs133_D1"]["fixed"]["x_repump"]
    assert any("sweeping exactly" in e for e in comparison_errors(_config(extra_axis)))
    no_probe = small_species_config()
    no_probe["comparisons"]["species"]["lab"] = {"probe_power_mW": 1.0}
    assert any("comparisons.species.lab" in e for e in comparison_errors(_config(no_probe)))


def test_comparison_table_against_the_model_evaluated_here():
    """Each row: the minimum over detuning of Eq. (30), recomputed for the study's atoms on
    its grid with MultilevelSetup directly; Z and the pump from the operating point."""
    config = _config(small_species_config())
    specs = [resolve_study(n, s, config) for n, s in config["studies"].items()]
    values = []
    for spec in specs:
        det = np.linspace(spec["axes"][0]["grid"]["start"], spec["axes"][0]["grid"]["stop"], 4)
        depth = np.geomspace(1, 1000, 4)
        d_grid, depth_grid = np.meshgrid(det, depth, indexing="ij")
        atom = spec["options"]["atom"]
        setup = MultilevelSetup(
            detuning_MHz=d_grid,
            probe_polarization="y",
            optical_depth=depth_grid,
            temperature_C=spec["fixed"]["temperature_C"],
            options=MultilevelOptions(pump_levels="doppler_weighted"),
            species=atom["species"],
            line=atom["line"],
        )
        xi = xi_exp_inf_grid(setup, 1.0, 0.0)["xi_exp_inf"]
        values.append(
            pd.DataFrame(
                {
                    "detuning_MHz": d_grid.ravel(),
                    "optical_depth": depth_grid.ravel(),
                    "xi_exp_inf": xi.ravel(),
                }
            )
        )
    lab = config["comparisons"]["species"]["lab"]
    table = comparison_table(specs, values, [100.0], config["multilevel"], lab)
    assert table["species"].tolist() == ["Rb87", "Cs133"]
    for row, frame, spec in zip(table.itertuples(), values, specs, strict=True):
        at_100 = frame[np.isclose(frame["optical_depth"], 100.0)]
        assert row.xi_exp_inf_grid == at_100["xi_exp_inf"].min()
        # the refined optimum: a dense scan between the grid neighbours of the grid's best
        grid = np.unique(frame["detuning_MHz"])
        i = int(np.searchsorted(grid, row.detuning_grid_MHz))
        low, high = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
        dense = np.linspace(low, high, 2001)
        scan = xi_exp_inf_grid(
            MultilevelSetup(
                detuning_MHz=dense,
                probe_polarization="y",
                optical_depth=100.0,
                temperature_C=spec["fixed"]["temperature_C"],
                options=MultilevelOptions(pump_levels="doppler_weighted"),
                species=row.species,
                line=row.line,
            ),
            1.0,
            0.0,
        )["xi_exp_inf"]
        assert low <= row.detuning_MHz <= high
        assert row.xi_exp_inf <= min(np.nanmin(scan), row.xi_exp_inf_grid) + 1e-9
        # the scan's step is (high - low)/2000; xi is smooth there, so its minimum is within
        # a small fraction of the grid-to-refined improvement of the true one
        assert row.xi_exp_inf >= np.nanmin(scan) - 1e-6
        setup = MultilevelSetup(
            detuning_MHz=row.detuning_MHz,
            probe_polarization="y",
            optical_depth=row.optical_depth,
            temperature_C=spec["fixed"]["temperature_C"],
            options=MultilevelOptions(pump_levels="doppler_weighted"),
            species=row.species,
            line=row.line,
        )
        point = operating_point(setup, 1.0)
        assert row.Z == point["Z"] and row.pump_strength == point["s_pump"]
        assert point["xi_exp_inf"] == pytest.approx(row.xi_exp_inf, rel=1e-12)
        assert row.Gamma_per_s > 0 and row.time_to_steady_state_ms > 0
    assert not table.isna().any().any()
