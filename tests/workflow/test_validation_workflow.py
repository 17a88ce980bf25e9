"""A fast run of the `validation` target: every check's table, and per-check reruns."""

import numpy as np
import pandas as pd
import yaml

from ..helpers import copy_workflow, planned_rules, run_snakemake


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
                "multilevel": {
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
        "error_map_multilevel",
        "three_level",
        "three_level_fit",
        "three_level_dynamics",
    ):
        table = pd.read_csv(out / f"{name}.csv").drop(columns="note", errors="ignore")
        assert len(table) > 0 and np.isfinite(table.select_dtypes("number")).all().all(), name
    assert (out / "validation.pdf").stat().st_size > 1000
