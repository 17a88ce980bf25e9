"""Atomic, deterministic outputs and provenance records."""

import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from dissipative_entanglement.io import (
    atomic_path,
    save_figure,
    sha256_file,
    write_csv,
    write_provenance,
)


def test_atomic_path_leaves_old_file_on_failure(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("crash while writing")
    assert target.read_text() == "old\n"
    assert list(tmp_path.iterdir()) == [target]  # no temporary left behind


def test_csv_round_trips_floats_exactly(tmp_path):
    table = pd.DataFrame({"a": [0.1, 1 / 3, 2.0**-40], "b": [1, 2, 3]})
    write_csv(table, tmp_path / "t.csv")
    back = pd.read_csv(tmp_path / "t.csv")
    pd.testing.assert_frame_equal(back, table)


def test_figures_are_byte_identical(tmp_path):
    digests = []
    for run in range(2):
        fig, ax = plt.subplots()
        ax.plot([0, 1], [1, 0], label="x")
        ax.legend()
        save_figure(fig, tmp_path / f"{run}.pdf", tmp_path / f"{run}.png", {"k": 1})
        plt.close(fig)
        digests.append((sha256_file(tmp_path / f"{run}.pdf"), sha256_file(tmp_path / f"{run}.png")))
    assert digests[0] == digests[1]


def test_provenance_record(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("a\n1\n")
    write_provenance(
        tmp_path / "p.json", rule="r", params={"b": [1.0], "a": 2}, inputs=[], outputs=[str(data)]
    )
    record = json.loads((tmp_path / "p.json").read_text())
    assert record["rule"] == "r" and record["params"] == {"a": 2, "b": [1.0]}
    assert record["outputs"][str(data)] == sha256_file(data)
    assert len(record["code"]["source_sha256"]) == 64
