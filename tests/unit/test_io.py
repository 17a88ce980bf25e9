"""Atomic, deterministic outputs and provenance records."""

import json
import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from dissipative_entanglement.io import (
    NonFiniteTableError,
    atomic_path,
    read_csv,
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
    # 17-digit values of all magnitudes (pandas < 3's default parser misreads some of them
    # by one unit in the last place); the reference is Python's own float(), per cell
    values = np.random.default_rng(7).lognormal(0.0, 20.0, 2000)
    table = pd.DataFrame({"a": values, "b": np.arange(values.size)})
    write_csv(table, tmp_path / "t.csv")
    cells = (tmp_path / "t.csv").read_text().splitlines()[1:]
    parsed = np.array([float(line.split(",")[0]) for line in cells])
    np.testing.assert_array_equal(parsed, values)  # write_csv: shortest round-trip form
    back = read_csv(tmp_path / "t.csv")
    np.testing.assert_array_equal(back["a"].to_numpy(), values)
    assert back["b"].dtype.kind == "i"


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


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_csv_refuses_non_finite_numbers_and_keeps_the_old_file(tmp_path, bad):
    target = tmp_path / "t.csv"
    target.write_text("old\n")
    table = pd.DataFrame({"x": [1.0, 2.0], "y": [0.5, bad], "label": ["a", "b"]})
    with pytest.raises(NonFiniteTableError, match=r"1 of 2 rows.*row 1, column\(s\) \['y'\]"):
        write_csv(table, target)
    assert target.read_text() == "old\n" and list(tmp_path.iterdir()) == [target]


def test_csv_accepts_nan_explained_by_the_note_column_only(tmp_path):
    table = pd.DataFrame({"x": [1.0, np.nan, np.nan], "note": ["", "no real (mu, nu)", ""]})
    with pytest.raises(NonFiniteTableError, match="1 of 3 rows"):
        write_csv(table, tmp_path / "t.csv")  # row 2 has no reason
    table.loc[2, "note"] = "undefined here"
    write_csv(table, tmp_path / "t.csv")
    back = pd.read_csv(tmp_path / "t.csv", keep_default_na=False)
    assert list(back["note"]) == ["", "no real (mu, nu)", "undefined here"]
    infinite = pd.DataFrame({"x": [np.inf], "note": ["a reason does not excuse inf"]})
    with pytest.raises(NonFiniteTableError):
        write_csv(infinite, tmp_path / "u.csv")


def test_text_columns_may_be_empty(tmp_path):
    """Empty labels (e.g. rates.csv's three_level for states outside {up, down, h}) are text."""
    write_csv(pd.DataFrame({"x": [1.0, 2.0], "label": ["up", None]}), tmp_path / "t.csv")


def test_uncaught_error_goes_to_the_rule_log_with_traceback(tmp_path):
    """A script that fails, even at an import after start_log, leaves type, message and
    traceback in its log, and points to the log on stderr."""
    log = tmp_path / "logs" / "rule.log"
    script = (
        "from dissipative_entanglement.io import start_log\n"
        f"start_log({str(log)!r})\n"
        "def inner():\n"
        "    import module_that_does_not_exist  # noqa\n"
        "inner()\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 1
    text = log.read_text()
    assert "CRITICAL ModuleNotFoundError: No module named 'module_that_does_not_exist'" in text
    assert "Traceback (most recent call last)" in text and "in inner" in text
    assert f"full traceback in {log}" in proc.stderr


def test_start_log_comes_before_any_third_party_import():
    """Scripts import start_log first; if that pulled in numpy or yaml, their import
    errors would escape the rule log."""
    code = (
        "import sys; import dissipative_entanglement.io; "
        "print(sorted(m for m in ('numpy', 'yaml', 'pandas', 'scipy') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == "[]", proc.stdout + proc.stderr
