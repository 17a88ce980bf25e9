"""The shipped species study file, cut small, run end to end (local)."""

import pandas as pd


def test_small_species_study_end_to_end(small_species_run):
    _, work = small_species_run
    out = work / "results" / "comparisons" / "species"
    table = pd.read_csv(out / "optima.csv")
    assert len(table) == 2 and set(table["line"]) == {"D1", "D2"}
    assert (out / "figure.png").stat().st_size > 10000
    for name in ("species_Rb87_D2", "species_Cs133_D1"):
        assert (work / "results" / "studies" / name / "values.parquet").exists()
