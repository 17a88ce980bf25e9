"""Benchmark of issue 20: time and peak memory of the exact finite-N steady states.

Run from the repository root:
    python benchmarks/bench_exact.py [--two-level 10,20,30] [--three-level 5,8,10]
        [--limit-s 600] [--blas-threads 1]
Each point runs in a fresh subprocess (so that ru_maxrss is that point's peak resident
memory): the two-level model of exact/finite_n.py at Z = 1.6, d = 30 (BiCGSTAB, and the
direct solve up to N = 12), and the three-level Cs
model of exact/three_level.py at d = 30, x_repump = 0.01 and 1 (steady_state's auto
solver: direct up to 5000 coefficients, above that GMRES on the symmetry-reduced sector,
as three_level_steady_table's symmetry "auto"). Prints one line per point (model, N,
solver, solved dimension, build and solve seconds, peak RSS, residual, iterations, xi)
and the growth law: the exponent p of a least-squares fit seconds = c dim^p of the build
and of the solve, per model and solver (points above 0.05 s). Points are skipped
once one takes more than --limit-s. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]

_POINT = r"""
import json, resource, sys, time
import numpy as np
model, n, solver, x = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
from dissipative_entanglement.config import load_yaml
from dissipative_entanglement.exact import finite_n as fn
from dissipative_entanglement.exact import three_level as tl
from dissipative_entanglement.multilevel.entanglement import xi_exp_from_sigma
from dissipative_entanglement.multilevel.model import ThreeLevelRates
from dissipative_entanglement.multilevel.pump import pumped_rates
from dissipative_entanglement.multilevel.setup import MultilevelSetup
t0 = time.perf_counter()
if model == "two_level":
    m = fn.build_spin_model(n, 1.6, 30.0)
    t1 = time.perf_counter()
    s = fn.steady_state_solve(m, method=solver)
    t2 = time.perf_counter()
    out = dict(dim=m.dim, residual=s.residual, iterations=s.iterations,
               converged=s.converged, solver=s.method,
               xi=float(fn.xi_from_vectors(m, s.vector)["xi"]))
else:
    setup = MultilevelSetup.from_config(load_yaml("config/config.yaml")["multilevel"])
    setup, _ = tl.three_level_reading(setup)
    pumped, _ = pumped_rates(setup.rates, x, setup.options)
    rates = ThreeLevelRates(**{k: float(np.ravel(v)[0]) for k, v in pumped.as_dict().items()})
    reduced = tl.sector_dimension(n) > tl.DIRECT_MAX_DIM  # the table's symmetry "auto"
    m = tl.build_three_level_model(n, rates, 30.0, float(setup.rates.z), 0.0, reduced=reduced)
    t1 = time.perf_counter()
    s = tl.steady_state(m, solver=solver)
    t2 = time.perf_counter()
    q = tl.sigma_and_populations(m, s.vector)
    pops = np.array([q["n_up"], q["n_down"], q["n_h"]])
    out = dict(dim=m.liouvillian.shape[0], sector_dim=m.sector_dim, residual=s.residual,
               iterations=s.iterations, converged=s.converged,
               solver=s.solver + ("/reduced" if reduced else ""),
               xi=float(xi_exp_from_sigma(q["sigma2"], pops, F=setup.f_upper)))
out.update(build_s=t1 - t0, solve_s=t2 - t1,
           peak_rss_MB=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(out))
"""


def run_point(
    model: str, n_atoms: int, solver: str, x_repump: float = 1.0, blas_threads: int = 1
) -> dict:
    """One steady state in a fresh interpreter; its timings, peak RSS and solve record."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    # one BLAS thread: on 2 shared cores, GMRES's orthogonalisation with a threaded BLAS
    # slowed by up to 200x while another job ran (spinning threads)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = str(blas_threads)
    proc = subprocess.run(
        [sys.executable, "-c", _POINT, model, str(n_atoms), solver, str(x_repump)],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    point = json.loads(proc.stdout.strip().splitlines()[-1])
    return dict(model=model, n_atoms=n_atoms, x_repump=x_repump, **point)


def growth_exponent(points: list[dict], key: str) -> float:
    """p of seconds = c dim^p (least squares in log-log) over points with seconds > 0.05."""
    pts = [p for p in points if p[key] > 0.05]
    if len({p["dim"] for p in pts}) < 2:
        return float("nan")
    dim = np.array([p["dim"] for p in pts], dtype=float)
    sec = np.array([p[key] for p in pts])
    return float(np.polyfit(np.log(dim), np.log(sec), 1)[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--two-level", default="8,10,12,16,20,25,30")
    parser.add_argument("--three-level", default="4,5,6,8,10,12,14,16,18,20")
    parser.add_argument("--limit-s", type=float, default=600.0)
    parser.add_argument("--blas-threads", type=int, default=1)
    args = parser.parse_args()
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.2f}, {args.blas_threads} BLAS thread(s)"
    )
    header = "model n x solver dim build_s solve_s peak_MB residual iterations xi"
    print(header)
    results = []
    plans = [("two_level", int(n), 1.0) for n in args.two_level.split(",") if n] + [
        ("three_level", int(n), x) for n in args.three_level.split(",") if n for x in (0.01, 1.0)
    ]
    slow = set()
    for model, n, x in plans:
        solvers = ["bicgstab", "direct"] if model == "two_level" else ["auto"]
        for solver in solvers:
            if (model, solver) in slow:
                continue
            if model == "two_level" and solver == "direct" and n > 12:
                continue  # sparse LU: 45 s and 1 GB at N = 12 (issue 20), ~dim^3.5 beyond
            p = run_point(model, n, solver, x, args.blas_threads)
            results.append(p)
            print(
                f"{model} {n} {x:g} {p['solver']} {p['dim']} {p['build_s']:.2f} "
                f"{p['solve_s']:.2f} {p['peak_rss_MB']:.0f} {p['residual']:.1e} "
                f"{p['iterations']} {p['xi']:.6f}",
                flush=True,
            )
            if p["build_s"] + p["solve_s"] > args.limit_s:
                slow.add((model, solver))
    for model, solver in {(p["model"], p["solver"]) for p in results}:
        pts = [p for p in results if p["model"] == model and p["solver"] == solver]
        build, solve = growth_exponent(pts, "build_s"), growth_exponent(pts, "solve_s")
        print(f"# {model} {solver}: build ~ dim^{build:.2f}, solve ~ dim^{solve:.2f}")
    print(f"# load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
