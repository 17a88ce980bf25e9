"""Exact-numerics checks: the table builders and a fast run of the `validation` target."""

import numpy as np
import pandas as pd
import pytest
import yaml

from dissipative_entanglement.cesium.setup import CesiumSetup
from dissipative_entanglement.exact.checks import (
    bosonic_noise_table,
    bosonic_table,
    cesium_error_map,
    two_level_error_map,
)

from .conftest import copy_workflow, planned_rules, run_snakemake


def test_two_level_error_map_vanishes_where_eq14_is_exact():
    """Z = 1 keeps P_2 = 1 for all t, so Eq. (14) solves the moment equations exactly."""
    t = np.linspace(0.0, 5.0, 101)
    table = two_level_error_map([1.0, 2.0], [0.0, 10.0], [0.0], 30.0, t)
    exact = table[table["Z"] == 1.0]["max_abs_difference"]
    assert exact.max() <= 1e-8  # ODE tolerances rtol 1e-10, atol 1e-12 over ~100 steps
    assert table[table["Z"] == 2.0]["max_abs_difference"].min() > 1e-4


def test_cesium_error_map_shrinks_with_repump():
    t = np.linspace(0.0, 1.0, 51)
    setup = CesiumSetup(
        detuning_MHz=700.0, probe_polarization="y", optical_depth=30.0, temperature_C=22.0
    )
    table = cesium_error_map(setup, [0.01, 10.0], [0.0], t)
    weak, strong = table.sort_values("x_repump")["max_abs_difference"]
    assert 0 < strong < weak  # slower population change -> better adiabatic following


def test_bosonic_tables_compare_what_they_say():
    b = bosonic_table(1.5, [2, 4, 6])
    np.testing.assert_allclose(b["infidelity"], b["tail_weight"], rtol=1e-6)
    assert (b["n_zero_eigenvalues"].dropna() == 1).all()
    n = bosonic_noise_table(1.5, 8, [0.0, 0.1])
    assert np.all(np.abs(n["moments_minus_closed_form"]) <= 1e-12)


@pytest.mark.workflow
def test_validation_target_fast(tmp_path):
    work = copy_workflow(tmp_path / "v")
    small = {
        "validation": {
            "bosonic": {"cutoffs": [2, 4], "noise_cutoff": 6, "noise_rates": [0.0, 0.1]},
            "collective_dephasing": {"n_atoms": [1, 2, 3]},
            "averaged_rates": {"k_l_L": [5, 10, 20], "R_over_L": [1.0]},
            "finite_n": {"n_atoms": {"start": 1, "stop": 4, "num": 4}, "gamma_d_add": [0]},
            "dynamics": {"n_atoms": [2], "t": {"start": 0, "stop": 2, "num": 11}},
            "error_maps": {
                "two_level": {
                    "Z": {"start": 1.1, "stop": 2.0, "num": 3},
                    "gamma_d_add": [0, 10],
                    "t": {"start": 0, "stop": 5, "num": 51},
                },
                "cesium": {
                    "x_repump": [0.1, 1.0],
                    "gamma_d_add": [0],
                    "t": {"start": 0, "stop": 0.5, "num": 26},
                },
            },
            "three_level": {
                "n_atoms": [1, 2, 3],
                "optical_depth": [1.0],
                "x_repump": [0.1, 1.0],
                "gamma_d_add": 0,
                "dynamics_n_atoms": [1, 2],
                "t": {"start": 0, "stop": 0.5, "num": 6},
            },
        }
    }
    (work / "small.yaml").write_text(yaml.safe_dump(small))
    run_snakemake(work, "validation", "--cores", "2", "--configfile", "small.yaml")
    # each check's rule holds only its own keys: editing one check reruns that check alone
    small["validation"]["bosonic"]["cutoffs"] = [2, 3]
    (work / "edited.yaml").write_text(yaml.safe_dump(small))
    dry = run_snakemake(work, "validation", "-n", "--configfile", "edited.yaml")
    assert planned_rules(dry) == {"validation_bosonic", "validation_figure", "validation"}
    out = work / "results" / "validation"
    finite = pd.read_csv(out / "finite_n.csv")
    assert list(finite.columns[:3]) == ["n_atoms", "xi_exact", "xi_large_n"]
    assert list(finite["n_atoms"]) == [1, 2, 3, 4]
    delta = np.abs(finite["xi_exact"] - finite["xi_large_n"]).to_numpy()
    assert np.all(np.diff(delta[1:]) < 0)  # approaches Eq. (15) from N = 2 on
    for name in (
        "bosonic",
        "bosonic_noise",
        "collective_dephasing",
        "averaged_rates",
        "inter_ensemble_rates",
        "dynamics_finite_n",
        "error_map_two_level",
        "error_map_cesium",
        "three_level",
        "three_level_fit",
        "three_level_dynamics",
    ):
        table = pd.read_csv(out / f"{name}.csv").drop(columns="note", errors="ignore")
        assert len(table) > 0 and np.isfinite(table.select_dtypes("number")).all().all(), name
    assert (out / "validation.pdf").stat().st_size > 1000
