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
    cumulants = pd.read_csv(out / "cumulants.csv", keep_default_na=False, na_values=[""])
    assert cumulants["converged"].all() and set(cumulants["order"]) == {2, 3}
    # N = 1: two atoms, no three-atom cumulant: both orders are the exact solve
    one = cumulants[cumulants["n_atoms"] == 1]
    assert np.abs(one["cumulant_minus_exact"]).max() < 1e-10
    beyond = cumulants[cumulants["xi_exact"].isna()]
    assert set(beyond["n_atoms"]) == {1000.0, 2000.0, 4000.0, 1e12}
    assert (beyond["note"] == "no exact solve at this N").all()
    limit = pd.read_csv(out / "cumulants_limit.csv", keep_default_na=False)
    assert len(limit) == 2  # d = 1, two x_repump
    # at N = 1e12, xi - Eq. (30) = a1/N ~ 5e-14 (d = 1) plus the Newton residual's share
    assert np.abs(limit[["error_physical_2", "error_physical_3"]]).to_numpy().max() < 1e-10
    # the N -> infinity limit of (N1, 2 N1, 1e12) is Eq. (30) (docs/exact_checks.md's 1e-13)
    assert np.abs(limit[["error_infinite_2", "error_infinite_3"]]).to_numpy().max() < 1e-13
    dynamics = pd.read_csv(out / "cumulants_dynamics.csv", keep_default_na=False, na_values=[""])
    assert set(dynamics["n_atoms"]) == {1.0, 1e12}  # the exact check and the physical N
    one = dynamics[dynamics["n_atoms"] == 1]
    assert np.abs(one["xi_cumulant"] - one["xi_exact"]).max() < 1e-8  # exact at N = 1
