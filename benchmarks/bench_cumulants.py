"""Benchmark of the cumulant expansions (exact/cumulants.py): time per steady state.

Run from the repository root:
    python benchmarks/bench_cumulants.py [--n-atoms 2,5,10,1000,1e12] [--repeat 3]
The paper's Cs setup at d = 30, pump at its optimum, x_repump = 0.01 and 1, second and third
order. For each (order, x_repump): the build of the equations and the Newton solve from the
product state at each N alone (best of --repeat), and the default validation table
(d = 1, 3, 30, five x_repump, N = 1..5, 1000, 2000, 1e12) as the rule runs it, one BLAS
thread. Prints the unknowns, seconds, Newton steps and the residual. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np

from dissipative_entanglement.config import load_yaml
from dissipative_entanglement.exact import cumulants
from dissipative_entanglement.exact.three_level import three_level_reading
from dissipative_entanglement.multilevel.model import ThreeLevelRates
from dissipative_entanglement.multilevel.pump import (
    populations_at_optimum,
    pumped_rates,
)
from dissipative_entanglement.multilevel.setup import MultilevelSetup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-atoms", default="2,5,10,1000,1e12")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n_values = [float(v) for v in args.n_atoms.split(",")]
    setup = MultilevelSetup.from_config(load_yaml("config/config.yaml")["multilevel"])
    setup, _ = three_level_reading(setup)
    z = float(setup.rates.z)
    print("| order | x_repump | N | unknowns | build s | solve s | Newton steps | residual |")
    print("|---|---|---|---|---|---|---|---|")
    for x in (0.01, 1.0):
        pumped, opt = pumped_rates(setup.rates, np.array([x]), setup.options)
        pops, _ = populations_at_optimum(setup.rates, opt, setup.options)
        rates = ThreeLevelRates(**{k: float(v[0]) for k, v in pumped.as_dict().items()})
        for order in cumulants.ORDERS:
            for n in n_values:
                build, solve = np.inf, np.inf
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    model = cumulants.build_cumulant_model(n, rates, 30.0, z, 0.0)
                    system = cumulants.CumulantSystem(model, order)
                    t1 = time.perf_counter()
                    state = cumulants.cumulant_steady_state(
                        system, cumulants.product_state(system, pops[0])
                    )
                    t2 = time.perf_counter()
                    build, solve = min(build, t1 - t0), min(solve, t2 - t1)
                free = int(system.charge_free.sum())
                print(
                    f"| {order} | {x:g} | {n:g} | {free} | {build:.3f} | {solve:.2f} | "
                    f"{state.iterations} | {state.residual:.1e} |"
                )
    grid = np.geomspace(0.01, 10.0, 5)
    for order in cumulants.ORDERS:
        t0 = time.perf_counter()
        table = cumulants.cumulant_steady_table(
            setup, [1, 2, 3, 4, 5, 1000, 2000, 1e12], grid, [1.0, 3.0, 30.0], 0.0, orders=[order]
        )
        seconds = time.perf_counter() - t0
        print(
            f"default validation grid, order {order}: {len(table)} steady states in "
            f"{seconds:.1f} s ({table['iterations'].sum()} Newton steps, largest residual "
            f"{table['residual'].max():.1e})"
        )


if __name__ == "__main__":
    main()
