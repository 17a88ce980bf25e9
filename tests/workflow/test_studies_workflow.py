"""Parameter-grid studies through Snakemake, each run in a temporary directory: the example
study end to end, kill and resume, a cluster-generic run with detached jobs, invalid
configs failing before any job."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from dissipative_entanglement.config import load_yaml
from dissipative_entanglement.io import read_csv
from dissipative_entanglement.two_level.optimum import OptimizerOptions, xi_optimal
from dissipative_entanglement.two_level.steady_state import xi_steady_state

from ..helpers import REPO, link_workflow, run_snakemake, snakemake_env, write_config


def workdir(path: Path) -> Path:
    """The workflow linked into ``path``, with tests/ for the cluster-generic submit script."""
    return link_workflow(path, extra=("tests",))


def snakemake_cmd(*args):
    return [sys.executable, "-m", "snakemake", "--cores", "2", "--nocolor", *map(str, args)]


def run(cwd, *args, check=True):
    return run_snakemake(cwd, "--cores", "2", "--nocolor", *args, check=check)


def write_studies(path: Path, studies: dict) -> Path:
    return write_config(path, {"studies": studies})


def test_example_study_end_to_end(tmp_path):
    cwd = workdir(tmp_path)
    config = "config/studies/two_level_depth_dephasing.yaml"
    run(cwd, "--configfile", config)
    # the studies only: none of the paper's default targets
    assert not (cwd / "results" / "data").exists()

    out = cwd / "results" / "studies" / "depth_vs_dephasing"
    for name in ["values.parquet", "figure.pdf", "figure.png", "optimum.csv"]:
        assert (out / name).stat().st_size > 0
    assert not list((out / "chunks").glob("*.parquet"))  # temporary chunk files removed
    table = pq.read_table(out / "values.parquet").to_pandas()
    assert list(table.columns) == ["optical_depth", "gamma_d_add", "xi_opt", "Z_opt"]
    d, g = np.meshgrid(np.geomspace(1, 1000, 61), np.linspace(0, 40, 81), indexing="ij")
    np.testing.assert_array_equal(table["optical_depth"], d.ravel())
    np.testing.assert_array_equal(table["gamma_d_add"], g.ravel())
    optimizer = load_yaml(REPO / "config" / "config.yaml")["two_level"]["optimizer"]
    reference = xi_optimal(d.ravel(), g.ravel(), 0.0, OptimizerOptions(**optimizer))
    np.testing.assert_array_equal(table["xi_opt"], reference.xi_opt)
    optimum = read_csv(out / "optimum.csv")
    i = int(table["xi_opt"].idxmin())
    assert optimum.loc[0, "flat_index"] == i
    assert optimum.loc[0, "xi_opt"] == table["xi_opt"][i]
    assert optimum.loc[0, "Z_opt"] == table["Z_opt"][i]
    assert optimum.loc[0, "pump_x"] == 0.0 and optimum.loc[0, "n_points"] == 61 * 81
    # most entangled at the largest depth without extra dephasing; still xi > (|mu|-|nu|)^2
    assert (optimum.loc[0, "optical_depth"], optimum.loc[0, "gamma_d_add"]) == (1000.0, 0.0)
    assert optimum.loc[0, "xi_opt"] > 1 / optimum.loc[0, "Z_opt"] ** 2
    # a second run has nothing to do (canonical params, temp chunks do not trigger reruns)
    again = run(cwd, "-n", "--configfile", config)
    assert "Nothing to be done" in again.stdout + again.stderr


KILL_STUDY = {
    "resume": {
        "model": "two_level",
        "quantity": "xi_opt",
        "sweep": {
            "optical_depth": {"start": 1, "stop": 300, "num": 100, "spacing": "log"},
            "gamma_d_add": {"start": 0, "stop": 40, "num": 100},
            "pump_x": {"start": 0, "stop": 20, "num": 20},
        },
        "chunks": 3,
    }
}
# targets before --configfile (which takes several values); the figure is left out to save time
KILL_TARGETS = ["results/studies/resume/values.parquet", "results/studies/resume/optimum.csv"]


def wait_for(predicate, timeout=120.0, interval=0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(interval)
    raise AssertionError("timed out")


def test_killed_study_resumes_with_identical_result(tmp_path):
    config = write_studies(tmp_path / "resume.yaml", KILL_STUDY)
    (tmp_path / "reference").mkdir()
    reference = workdir(tmp_path / "reference")
    run(reference, *KILL_TARGETS, "--configfile", config)

    (tmp_path / "killed").mkdir()
    cwd = workdir(tmp_path / "killed")
    chunks = cwd / "results" / "studies" / "resume" / "chunks"
    logs = cwd / "results" / "logs" / "studies" / "resume"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "snakemake",
            "--cores",
            "1",
            *KILL_TARGETS,
            "--configfile",
            str(config),
        ],
        cwd=cwd,
        env=snakemake_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(lambda: any(chunks.glob("*.json")))  # one chunk finished
        first = {p.stem for p in chunks.glob("*.json")}
        # then a chunk job that is running (its script has opened its log): kill it midway
        wait_for(lambda: any(p.name[6:-4] not in first for p in logs.glob("chunk_*.log")))
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    done = {p.stem for p in chunks.glob("*.json")}
    killed = {p.name[6:-4] for p in logs.glob("chunk_*.log")} - done
    assert killed and 1 <= len(done) < 3
    assert not list(chunks.glob(f"{next(iter(killed))}.parquet"))  # no partial chunk output
    assert not (cwd / "results" / "studies" / "resume" / "values.parquet").exists()
    finished = {c: (chunks / f"{c}.json").stat().st_mtime_ns for c in done}

    run(cwd, "--unlock", *KILL_TARGETS, "--configfile", config)  # SIGKILL left the lock behind
    plan = run(cwd, "-n", "--rerun-incomplete", *KILL_TARGETS, "--configfile", config).stdout
    planned = set(re.findall(r"wildcards: study=resume, chunk=(\d+)", plan))
    assert planned == {str(i) for i in range(3)} - done  # only the missing chunks
    run(cwd, "--rerun-incomplete", *KILL_TARGETS, "--configfile", config)
    for c, mtime in finished.items():
        assert (chunks / f"{c}.json").stat().st_mtime_ns == mtime  # not recomputed

    result = cwd / "results" / "studies" / "resume"
    expected = reference / "results" / "studies" / "resume"
    a = pq.read_table(result / "values.parquet")
    b = pq.read_table(expected / "values.parquet")
    assert a.num_rows == 100 * 100 * 20 and a.equals(b)
    assert (result / "values.parquet").read_bytes() == (expected / "values.parquet").read_bytes()
    assert (result / "optimum.csv").read_text() == (expected / "optimum.csv").read_text()


def test_cluster_generic_jobs_are_detached(tmp_path):
    """Each job is submitted through tests/cluster/submit.sh and runs detached (own session);
    the 1-D study's values, optimum and progress logs are checked too."""
    cwd = workdir(tmp_path)
    config = write_studies(
        tmp_path / "line.yaml",
        {
            "line": {
                "model": "two_level",
                "quantity": "xi_inf",
                "sweep": {"Z": {"start": 1, "stop": 3, "num": 201}},
                "fixed": {"gamma_d_add": 5},
                "chunks": 2,
            }
        },
    )
    state = tmp_path / "jobs"
    env = {**snakemake_env(), "CLUSTER_STATE_DIR": str(state)}
    args = [
        *["--configfile", config, "--executor", "cluster-generic"],
        *["--cluster-generic-submit-cmd", "tests/cluster/submit.sh"],
        *["--cluster-generic-status-cmd", "tests/cluster/status.sh"],
        *["--jobs", "2", "--seconds-between-status-checks", "1", "--latency-wait", "10"],
        *["results/studies/line/values.parquet", "results/studies/line/optimum.csv"],
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "snakemake", "--nocolor", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        start_new_session=True,
    )
    assert proc.returncode == 0, proc.stderr[-5000:]
    jobids = re.findall(r"with external jobid '([^']+)'", proc.stderr + proc.stdout)
    jobs = sorted(state.iterdir())
    assert sorted(jobids) == [j.name for j in jobs] and len(jobs) == 3  # 2 chunks and merge
    snakemake_session = os.getsid(os.getpid())
    for job in jobs:
        assert (job / "status").read_text().strip() == "success"
        pid, sid = int((job / "pid").read_text()), int((job / "sid").read_text())
        assert sid == pid != snakemake_session  # each job leads its own session
        assert "--target-jobs" in (job / "jobscript.sh").read_text()

    line = cwd / "results" / "studies" / "line"
    table = pq.read_table(line / "values.parquet").to_pandas()
    assert list(table.columns) == ["Z", "xi_inf"]
    z = np.linspace(1, 3, 201)
    np.testing.assert_array_equal(table["xi_inf"], xi_steady_state(z, 30.0, 5.0, 0.0))
    optimum = read_csv(line / "optimum.csv")
    assert optimum.loc[0, "optical_depth"] == 30.0 and optimum.loc[0, "pump_x"] == 0.0
    assert optimum.loc[0, "xi_inf"] == table["xi_inf"].min()
    logs = sorted((cwd / "results" / "logs" / "studies" / "line").glob("chunk_*.log"))
    assert len(logs) == 2
    for log in logs:
        progress = r"progress: (\d+)/\1 points \(100.0 %\), \S+ points/s, .* left"
        assert re.search(progress, log.read_text())


def test_invalid_studies_fail_before_any_job(tmp_path):
    cwd = workdir(tmp_path)
    bad = {
        "unknown_param": {
            "model": "two_level",
            "quantity": "xi_inf",
            "sweep": {"depth": [1, 2]},
            "fixed": {"Z": 2},
        },
        "both": {
            "model": "two_level",
            "quantity": "xi_inf",
            "sweep": {"Z": [1, 2]},
            "fixed": {"Z": 2},
        },
        "z_with_opt": {"model": "two_level", "quantity": "xi_opt", "sweep": {"Z": [1, 2]}},
        "wrong_quantity": {"model": "cesium", "quantity": "xi_opt", "sweep": {"x_repump": [1]}},
        "reversed": {
            "model": "two_level",
            "quantity": "xi_opt",
            "sweep": {"pump_x": {"start": 5, "stop": 0, "num": 3}},
        },
    }
    proc = run(cwd, "-n", "--configfile", write_studies(tmp_path / "bad.yaml", bad), check=False)
    text = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "nothing was run" in text
    for key in [
        "studies.unknown_param.sweep.depth",
        "studies.both.fixed.Z",
        "studies.z_with_opt.sweep.Z",
        "studies.wrong_quantity.quantity",
        "studies.reversed.sweep.pump_x",
    ]:
        assert key in text, key
    assert not (tmp_path / "results").exists()
    # schema violations (checked first): zero chunks, an empty list, a bad study name
    schema_bad = {
        "zero": {"model": "two_level", "quantity": "xi_opt", "sweep": {"pump_x": [1]}, "chunks": 0},
        "empty": {"model": "two_level", "quantity": "xi_opt", "sweep": {"pump_x": []}},
        "bad name": {"model": "two_level", "quantity": "xi_opt", "sweep": {"pump_x": [1]}},
    }
    proc = run(
        cwd, "-n", "--configfile", write_studies(tmp_path / "b.yaml", schema_bad), check=False
    )
    text = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "nothing was run" in text
    for key in ["studies.zero.chunks = 0", "studies.empty.sweep.pump_x", "'bad name'"]:
        assert key in text, key


def test_cesium_example_plans_jobs_without_the_kernel_module(tmp_path):
    """The Cs kernel is imported when a chunk runs: the study parses and plans today."""
    cwd = workdir(tmp_path)
    proc = run(cwd, "-n", "--configfile", "config/studies/cesium_detuning_depth.yaml")
    plan = proc.stdout
    assert len(re.findall(r"rule study_chunk:", plan)) == 4
    assert "study_merge" in plan and "study_figure" in plan
    spec = load_yaml(REPO / "config/studies/cesium_detuning_depth.yaml")["studies"]
    assert list(spec["cesium_detuning_depth"]["sweep"]) == ["detuning_MHz", "optical_depth"]
