"""A fast run of the `validation` target: every check's table, and per-check reruns."""

import copy

import numpy as np
import pandas as pd
import yaml

from ..helpers import SMALL_VALIDATION, planned_rules, run_snakemake


def test_validation_target_fast(validated):
    work = validated
    # each check's rule holds only its own keys: editing one check reruns that check alone
    small = copy.deepcopy(SMALL_VALIDATION)
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
