"""Shared fixtures: repository paths and a runner for the workflow in a scratch directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dissipative_entanglement.config import load_yaml

REPO = Path(__file__).resolve().parents[1]


def copy_workflow(target: Path) -> Path:
    """Copy what the workflow needs (Snakefile, workflow/, config/, src/) into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "Snakefile", target / "Snakefile")
    for name in ["workflow", "config", "src"]:
        shutil.copytree(
            REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
        )
    return target


def run_snakemake(workdir: Path, *args: str, check: bool = True, timeout: int = 900):
    """Run snakemake in ``workdir``; return the CompletedProcess (stdout+stderr merged)."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run(
        [sys.executable, "-m", "snakemake", *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"snakemake {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def planned_rules(proc) -> set[str]:
    """Rule names in the "Job stats" table of a dry run (empty if nothing to do)."""
    text = proc.stdout + proc.stderr
    if "Job stats:" not in text:
        return set()
    table = text.split("Job stats:", 1)[1].split("\n\n", 1)[0]
    rows = [line.split() for line in table.splitlines()[3:]]
    return {row[0] for row in rows if len(row) == 2 and row[0] != "total"}


def one(series, key):
    """The value at ``key`` of a Series whose MultiIndex repeats other keys: pandas < 3.1 gives
    a one-row Series for ``series[key]`` there, later pandas the value."""
    return series.loc[[key]].item()


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The default workflow, built once per test session in a scratch directory."""
    workdir = copy_workflow(tmp_path_factory.mktemp("build"))
    run_snakemake(workdir, "--cores", "2")
    return workdir


SPECIES_FILE = REPO / "config" / "studies" / "species.yaml"


def small_species_config(names=("species_Rb87_D2", "species_Cs133_D1")) -> dict:
    """The shipped species file cut to two studies on 4 x 4 grids, one chunk each."""
    full = load_yaml(SPECIES_FILE)
    studies = {}
    for name in names:
        study = dict(full["studies"][name])
        sweep = dict(study["sweep"])
        sweep["detuning_MHz"] = dict(sweep["detuning_MHz"], num=4)
        sweep["optical_depth"] = {"start": 1, "stop": 1000, "num": 4, "spacing": "log"}
        studies[name] = dict(study, sweep=sweep, chunks=1)
    comparison = dict(full["comparisons"]["species"], studies=list(names), optical_depths=[100])
    return {"cesium": full["cesium"], "comparisons": {"species": comparison}, "studies": studies}


@pytest.fixture(scope="session")
def small_species_run(tmp_path_factory):
    """The small species study (:func:`small_species_config`) run locally once per session:
    (config path, work directory)."""
    root = tmp_path_factory.mktemp("species")
    config = root / "species.yaml"
    config.write_text(yaml.safe_dump(small_species_config(), sort_keys=False))
    work = copy_workflow(root / "local")
    run_snakemake(work, "--cores", "2", "--configfile", str(config))
    return config, work


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test leaves open (their memory, for the session)."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
