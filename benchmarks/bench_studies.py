"""Benchmark of the parameter-grid studies (not a test). Prints:

1. chunk throughput (points/s) and peak memory per chunk, for each quantity and grid
   sizes 10^4 ... 10^7, each chunk in a fresh process (peak RSS from getrusage, and the
   RSS after imports, before the chunk, for comparison);
2. scaling with cores: the same grid as 2 chunks run one after the other (1 core) or at
   once in 2 processes (2 cores);
3. end to end: ``snakemake --cores N`` on a 10^7-point two-level xi_inf study (chunks,
   merge, optimum, figure), N = 1 and 2.

Usage: python benchmarks/bench_studies.py [--quick] [--skip-snakemake]
Results are recorded in benchmarks/README.md (section "Parameter-grid studies").
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def study_spec(quantity: str, n_points: int, chunks: int) -> dict:
    """A 2-D or 3-D study of about n_points points for the quantity."""
    from dissipative_entanglement.config import load_yaml
    from dissipative_entanglement.studies.spec import resolve_study

    side = max(round(n_points**0.5), 1)
    if quantity == "xi_inf":
        sweep = {
            "Z": {"start": 1, "stop": 3, "num": side},
            "gamma_d_add": {"start": 0, "stop": 40, "num": max(n_points // side, 1)},
        }
        model = "two_level"
    elif quantity == "xi_opt":
        sweep = {
            "optical_depth": {"start": 1, "stop": 1000, "num": side, "spacing": "log"},
            "gamma_d_add": {"start": 0, "stop": 40, "num": max(n_points // side, 1)},
        }
        model = "two_level"
    else:
        sweep = {
            "detuning_MHz": {"start": 300, "stop": 1500, "num": side},
            "optical_depth": {"start": 1, "stop": 300, "num": max(n_points // side, 1)},
        }
        model = "multilevel"
    study = {"model": model, "quantity": quantity, "sweep": sweep, "chunks": chunks}
    if model == "multilevel":
        study["fixed"] = {"x_repump": 1.0}
    base = load_yaml(REPO / "config" / "config.yaml")  # the shipped, current names
    return resolve_study(f"bench_{quantity}", study, base)


def child(args) -> None:
    """Run one chunk in this (fresh) process; print JSON with rate and memory."""
    from dissipative_entanglement.studies.chunks import compute_chunk

    spec = json.loads(args.spec)
    import pyarrow.parquet  # noqa: F401  (imports before the baseline)

    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        summary = compute_chunk(spec, args.index, Path(tmp) / "v.parquet", Path(tmp) / "s.json")
        wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "n": summary["n_points"],
                "seconds": wall,
                "rate": summary["n_points"] / wall,
                "rss_imports_mb": base_rss / 1024,
                "rss_peak_mb": peak / 1024,
            }
        )
    )


def run_chunk(spec: dict, index: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, __file__, "--child", "--spec", json.dumps(spec), "--index", str(index)],
        stdout=subprocess.PIPE,
        text=True,
    )


def throughput(quantities, sizes) -> None:
    print("\n## chunk throughput (1 chunk = whole grid, fresh process)")
    print(
        f"{'quantity':<11}{'points':>10}{'seconds':>9}{'points/s':>12}{'RSS imp.':>10}"
        f"{'RSS peak':>10}"
    )
    for quantity, max_size in quantities:
        for n in sizes:
            if n > max_size:
                continue
            spec = study_spec(quantity, n, 1)
            proc = run_chunk(spec, 0)
            out, _ = proc.communicate()
            if proc.returncode != 0:
                print(f"{quantity:<11}{n:>10}  failed (kernel not available?)")
                break
            r = json.loads(out.strip().splitlines()[-1])
            print(
                f"{quantity:<11}{r['n']:>10}{r['seconds']:>9.3f}{r['rate']:>12.3g}"
                f"{r['rss_imports_mb']:>8.0f}MB{r['rss_peak_mb']:>8.0f}MB"
            )


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def scaling(cases) -> None:
    """2 chunks one after the other vs at once, in fresh processes.

    'wall' includes each process's start-up (~1.5 s of imports); 'compute' is the chunk
    itself (sum of the two chunk times vs the longer of the two when parallel); 'cores
    used' = the children's CPU seconds per wall second of the parallel run.
    """
    print("\n## scaling with cores: 2 chunks sequential (1 core) vs parallel (2 cores)")
    print(
        f"{'quantity':<11}{'points':>10}{'wall 1c':>9}{'wall 2c':>9}{'speed-up':>9}"
        f"{'compute 1c':>11}{'compute 2c':>11}{'speed-up':>9}{'cores used':>11}{'load':>6}"
    )
    for quantity, n in cases:
        spec = study_spec(quantity, n, 2)
        t0 = time.perf_counter()
        seq = [json.loads(run_chunk(spec, i).communicate()[0])["seconds"] for i in range(2)]
        one = time.perf_counter() - t0
        cpu0, t0 = _cpu_children(), time.perf_counter()
        procs = [run_chunk(spec, i) for i in range(2)]
        par = [json.loads(p.communicate()[0])["seconds"] for p in procs]
        two = time.perf_counter() - t0
        used = (_cpu_children() - cpu0) / two
        print(
            f"{quantity:<11}{n:>10}{one:>9.2f}{two:>9.2f}{one / two:>9.2f}"
            f"{sum(seq):>11.2f}{max(par):>11.2f}{sum(seq) / max(par):>9.2f}"
            f"{used:>11.2f}{os.getloadavg()[0]:>6.1f}"
        )


def end_to_end(n_z: int, n_g: int, chunks: int) -> None:
    print(
        f"\n## end to end: snakemake, two-level xi_inf, {n_z} x {n_g} = {n_z * n_g} points, "
        f"{chunks} chunks"
    )
    import yaml

    config = {
        "studies": {
            "bench_e2e": {
                "model": "two_level",
                "quantity": "xi_inf",
                "sweep": {
                    "Z": {"start": 1, "stop": 3, "num": n_z},
                    "gamma_d_add": {"start": 0, "stop": 40, "num": n_g},
                },
                "chunks": chunks,
            }
        }
    }
    for cores in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            for name in ["Snakefile", "workflow", "config", "src"]:
                (tmp / name).symlink_to(REPO / name)
            (tmp / "bench.yaml").write_text(yaml.safe_dump(config))
            t0 = time.perf_counter()
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "snakemake",
                    "--cores",
                    str(cores),
                    "--configfile",
                    "bench.yaml",
                    "--quiet",
                ],
                cwd=tmp,
                capture_output=True,
                text=True,
            )
            wall = time.perf_counter() - t0
            if proc.returncode != 0:
                print(proc.stderr[-3000:])
                raise SystemExit("snakemake failed")
            out = tmp / "results" / "studies" / "bench_e2e"
            size = (out / "values.parquet").stat().st_size / 1e6
            rates = [
                json.loads(p.read_text())["points_per_second"]
                for p in sorted((out / "chunks").glob("*.json"))
            ]
            print(
                f"--cores {cores}: {wall:6.1f} s wall, values.parquet {size:.0f} MB, "
                f"chunk rates {', '.join(f'{r:.3g}' for r in rates)} points/s"
            )
            # Snakemake's benchmark directive: wall seconds and max RSS of every job
            bench = tmp / "results" / "benchmarks" / "studies" / "bench_e2e"
            for tsv in sorted(bench.glob("*.tsv")):
                header, values = tsv.read_text().splitlines()[:2]
                row = dict(zip(header.split("\t"), values.split("\t"), strict=True))
                print(f"    {tsv.stem:<10} {float(row['s']):6.2f} s, max RSS {row['max_rss']} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    parser.add_argument("--index", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="smaller grids")
    parser.add_argument("--skip-snakemake", action="store_true", help="no end-to-end runs")
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    print(f"# bench_studies: {os.cpu_count()} cores, load average {os.getloadavg()}")
    sizes = [10**4, 10**5, 10**6] if args.quick else [10**4, 10**5, 10**6, 10**7]
    throughput([("xi_inf", 10**7), ("xi_opt", 10**6), ("xi_exp_inf", 10**5)], sizes)
    scaling(
        [("xi_inf", 10**6 if args.quick else 3 * 10**7), ("xi_opt", 10**6 if args.quick else 10**7)]
    )
    if not args.skip_snakemake:
        end_to_end(10**3, 10**3 if args.quick else 10**4, 4)
    shutil.rmtree(REPO / "benchmarks" / "__pycache__", ignore_errors=True)


if __name__ == "__main__":
    main()
