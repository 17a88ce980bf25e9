"""Benchmark of the multi-level model for other atoms (not a test). Prints:

1. the study kernel's throughput (points/s of ``multilevel.scenario.xi_exp_inf_grid``, the
   steady-state xi_exp,inf of Eq. (30) with the pump at its optimum) on a 40 x 31
   (detuning x optical depth) grid for every species and probe line, under
   ``pump_levels = doppler_weighted``, the species study's reading, rates included;
2. the rates of Cs133 D2 and Rb87 D2 on a 1240-point detuning grid (one code path for
   every species: their ratio is the cost of the larger ground manifold);
3. the lab table of one operating point (``lab.planning.lab_units_table``).

Usage: python benchmarks/bench_species.py
Results are recorded in benchmarks/README.md (section "Other atoms").
"""

from __future__ import annotations

import time

import numpy as np

from dissipative_entanglement.atoms.species import SPECIES
from dissipative_entanglement.lab.planning import lab_units_table
from dissipative_entanglement.multilevel.options import MultilevelOptions
from dissipative_entanglement.multilevel.scenario import xi_exp_inf_grid
from dissipative_entanglement.multilevel.setup import MultilevelSetup

DOPPLER = MultilevelOptions(pump_levels="doppler_weighted")
WINDOW_MHZ = {"K39": (850.0, 3000.0), "Na23": (400.0, 1200.0), "Rb85": (400.0, 2290.0)}


def grid(species: str, n_detuning: int = 40, n_depth: int = 31):
    low, high = WINDOW_MHZ.get(species, (400.0, 3000.0))
    detuning = np.linspace(low, high, n_detuning)
    depth = np.geomspace(1.0, 1000.0, n_depth)
    return np.meshgrid(detuning, depth, indexing="ij")


def best_of(function, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def kernel_throughput() -> None:
    print("kernel: xi_exp_inf_grid on 40 x 31 points, pump_levels = doppler_weighted")
    print(f"{'species':8s} {'line':4s} {'s':>8s} {'points/s':>10s}")
    for species in SPECIES:
        for line in ("D1", "D2"):
            detuning, depth = grid(species)

            def run(detuning=detuning, depth=depth, species=species, line=line):
                setup = MultilevelSetup(
                    detuning, "y", depth, 22.0, DOPPLER, species=species, line=line
                )
                xi_exp_inf_grid(setup, 1.0, 0.0)

            seconds = best_of(run)
            print(f"{species:8s} {line:4s} {seconds:8.4f} {detuning.size / seconds:10.3g}")


def rates_time() -> None:
    detuning = np.linspace(400.0, 3000.0, 1240)
    times = {
        species: best_of(
            lambda species=species: (
                MultilevelSetup(
                    detuning, "y", None, 22.0, DOPPLER, species=species, line="D2"
                ).rates
            )
        )
        for species in ("Cs133", "Rb87")
    }
    print(f"D2 rates for 1240 detunings: Cs133 {times['Cs133']:.4f} s, Rb87 {times['Rb87']:.4f} s")


def lab_table_time() -> None:
    multilevel = {
        "detuning_MHz": 700.0,
        "probe_polarization": "y",
        "optical_depth": 526.5,
        "temperature_C": 40.0,
        "model": {"pump_levels": "doppler_weighted"},
        "atom": {"species": "Rb87", "line": "D2"},
    }
    lab = {"probe_power_mW": 1, "beam_waist_mm": 2, "cell_length_cm": 3, "magnetic_field_G": 1}
    seconds = best_of(lambda: lab_units_table(multilevel, lab))
    print(f"lab_units_table (Rb87 planning example): {seconds * 1e3:.1f} ms")


if __name__ == "__main__":
    kernel_throughput()
    rates_time()
    lab_table_time()
