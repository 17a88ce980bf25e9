"""Benchmark of issue 2: optimiser throughput, cold pipeline time, no-op rerun time.

Run from the repository root:  python benchmarks/bench_two_level.py
Prints points/s of the vectorised xi_inf^opt minimiser against a per-point
scipy.optimize.minimize_scalar loop, the cold time of the default pipeline, and the time
of a no-op rerun against the no-op of an empty Snakefile. Nothing here is a test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize_scalar

from dissipative_entanglement.two_level.optimum import OptimizerOptions, xi_optimal
from dissipative_entanglement.two_level.steady_state import xi_steady_state

REPO = Path(__file__).resolve().parents[1]


def best_of(func, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def optimiser_throughput(n_vector=200_000, n_loop=300):
    rng = np.random.default_rng(0)
    d = rng.uniform(5, 300, n_vector)
    g = rng.uniform(0, 40, n_vector)
    x = rng.uniform(0, 10, n_vector)
    opts = OptimizerOptions()
    t_vec = best_of(lambda: xi_optimal(d, g, x, opts))

    def loop():
        for i in range(n_loop):
            minimize_scalar(
                lambda u, i=i: xi_steady_state(np.exp(u), d[i], g[i], x[i]),
                bounds=(0.0, np.log(opts.z_max)),
                method="bounded",
                options={"xatol": opts.xtol},
            )

    t_loop = best_of(loop, repeat=1)
    return n_vector / t_vec, n_loop / t_loop


def snakemake(workdir, *args):
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "snakemake", *args], cwd=workdir, check=True, capture_output=True
    )
    return time.perf_counter() - start


def pipeline_times():
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "wf"
        work.mkdir()
        shutil.copy2(REPO / "Snakefile", work)
        for name in ("workflow", "config", "src"):
            shutil.copytree(
                REPO / name, work / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
        cold = snakemake(work, "--cores", "all")
        noop = min(snakemake(work, "--cores", "all") for _ in range(3))
        empty = Path(tmp) / "empty"
        empty.mkdir()
        (empty / "Snakefile").write_text("rule all:\n    input: []\n")
        empty_noop = min(snakemake(empty, "--cores", "all") for _ in range(3))
    return cold, noop, empty_noop


def main():
    vec, loop = optimiser_throughput()
    print(f"xi_opt vectorised : {vec:12.0f} points/s")
    print(f"xi_opt scipy loop : {loop:12.0f} points/s")
    print(f"speed-up          : {vec / loop:12.0f} x   (target >= 100 x)")
    cold, noop, empty = pipeline_times()
    print(f"default pipeline, cold         : {cold:6.1f} s")
    print(f"default pipeline, no-op rerun  : {noop:6.2f} s")
    print(f"empty Snakefile, no-op         : {empty:6.2f} s")
    print(f"no-op ratio                    : {noop / empty:6.2f}   (target <= 1.5)")


if __name__ == "__main__":
    main()
