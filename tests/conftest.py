"""Shared fixtures: repository paths and a runner for the workflow in a scratch directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The default workflow, built once per test session in a scratch directory."""
    workdir = copy_workflow(tmp_path_factory.mktemp("build"))
    run_snakemake(workdir, "--cores", "2")
    return workdir
