"""The best operating point of a cell (lab.optimum): time per objective evaluation and in all.

The optimiser (``dissipative_entanglement.lab.optimum.best_operating_point``) evaluates
xi_exp,inf with the probe power at its limit (``operating_point_at``) from four Nelder-Mead
starts over (detuning, log x_repump). This script times one evaluation (median of
``--repeat``), the whole search for the planning example (config/planning/rb87_d2.yaml,
enriched cell), and the number of evaluations, and prints them.

    python benchmarks/bench_lab_optimum.py [--repeat 50]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from dissipative_entanglement.config import load_yaml
    from dissipative_entanglement.lab.optimum import (
        OptimumBounds,
        best_operating_point,
        operating_point_at,
    )
    from dissipative_entanglement.lab.planning import LabSpec, cell_model_optical_depth
    from dissipative_entanglement.multilevel.probe_validity import resonance_margin_MHz
    from dissipative_entanglement.multilevel.setup import MultilevelSetup
    from tests.helpers import resolved_config

    config = resolved_config(load_yaml(REPO / "config/planning/rb87_d2.yaml"))
    multilevel = dict(config["multilevel"])
    multilevel["optical_depth"] = cell_model_optical_depth(multilevel, config["lab"])
    setup = MultilevelSetup.from_config(multilevel)
    lab = LabSpec.from_config(config["lab"])
    bounds = OptimumBounds.from_config(config["lab"]["optimum"])
    margin = resonance_margin_MHz(
        multilevel["resonance_margin_MHz"], setup.species, setup.line, setup.temperature_C
    )
    times = []
    for k in range(args.repeat):
        start = time.perf_counter()
        operating_point_at(setup, lab, bounds, 700.0 + k, 1.0)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    best = best_operating_point(setup, lab, bounds, margin)
    total = time.perf_counter() - start
    load = os.getloadavg()[0]
    print(f"one evaluation (median of {args.repeat}): {1e3 * statistics.median(times):.1f} ms")
    print(f"whole search: {total:.2f} s; best start's evaluations: {best['evaluations']}")
    print(
        f"optimum: xi = {best['xi_exp_inf']:.6f} at {best['detuning_MHz']:.2f} MHz, "
        f"x_repump = {best['x_repump']:.4g}, P = {best['probe_power_mW']:.4g} mW "
        f"({best['power_limit']})"
    )
    print(f"load average: {load:.2f}")


if __name__ == "__main__":
    main()
