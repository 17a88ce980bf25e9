"""No-op rerun of the default build against an empty Snakemake workflow, side by side.

A no-op rerun (`snakemake --cores 2` with every output up to date) costs Snakemake's own
start-up plus what the workflow does at parse time: resolving deprecated config names,
checking the config (remembered per config and package digest under
.snakemake/config_checks/), computing each rule's code inputs from the imports of its
script. The empty workflow (one rule without inputs) is Snakemake's start-up alone. The two
are timed alternately, `--repeat` times each, in the same environment; the script prints
the medians and their ratio (the target: at most 1.5).

    python benchmarks/bench_parse_time.py                 # builds the default workflow first
    python benchmarks/bench_parse_time.py --workdir DIR   # a built copy of the workflow

The first no-op after a code or config change checks the config again (the "uncached" row).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def copy_workflow(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "Snakefile", target / "Snakefile")
    for name in ["workflow", "config", "src"]:
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def snakemake(cwd: Path, *args: str) -> float:
    """Wall time of one `snakemake` call in ``cwd`` (s); fails loudly if it fails."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", "--quiet", "all", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"snakemake failed in {cwd}:\n{proc.stderr[-3000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, help="a built copy of the workflow")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = tmp / "empty"
        empty.mkdir()
        (empty / "Snakefile").write_text("rule all:\n    input: []\n")
        built = args.workdir
        if built is None:
            built = copy_workflow(tmp / "built")
            print(f"building the default workflow in {built} ...", flush=True)
            snakemake(built)
        snakemake(built)  # a first no-op: the config check is then remembered
        empty_times, noop_times = [], []
        for _ in range(args.repeat):
            empty_times.append(snakemake(empty))
            noop_times.append(snakemake(built))
        shutil.rmtree(built / ".snakemake" / "config_checks", ignore_errors=True)
        uncached = snakemake(built)
    e, n = statistics.median(empty_times), statistics.median(noop_times)

    def row(times):
        return ", ".join(f"{t:.2f}" for t in times)

    print(f"empty workflow             median {e:.2f} s  ({row(empty_times)})")
    print(f"no-op rerun, default build median {n:.2f} s  ({row(noop_times)})")
    print(f"ratio                      {n / e:.2f}")
    print(
        f"no-op after a code change  {uncached:.2f} s (config checked again: {uncached / e:.2f}x)"
    )


if __name__ == "__main__":
    main()
