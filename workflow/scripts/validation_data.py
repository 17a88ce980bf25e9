"""Rules validation_*: one exact-numerics check, written as its CSV(s) (rule name picks)."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

import pandas as pd

from dissipative_entanglement import exact
from dissipative_entanglement.cesium.scenario import CesiumOptions
from dissipative_entanglement.config import grid_values
from dissipative_entanglement.exact import checks
from dissipative_entanglement.io import record_provenance, write_csv

v = snakemake.params.spec
rule = snakemake.rule
if rule == "validation_bosonic":
    b = v["bosonic"]
    tables = {
        "bosonic": checks.bosonic_table(b["z"], b["cutoffs"]),
        "bosonic_noise": checks.bosonic_noise_table(b["z"], b["noise_cutoff"], b["noise_rates"]),
    }
elif rule == "validation_collective_dephasing":
    c = v["collective_dephasing"]
    tables = {
        "collective_dephasing": exact.collective_dephasing_table(
            c["n_atoms"], v["z"], v["optical_depth"], gamma_check=c["gamma_check"]
        )
    }
elif rule == "validation_averaged_rates":
    r = v["averaged_rates"]
    tables = {
        "averaged_rates": exact.averaged_rate_table(r["k_l_L"]),
        "inter_ensemble_rates": exact.inter_ensemble_table(r["k_l_L"], r["R_over_L"]),
    }
elif rule == "validation_finite_n":
    f = v["finite_n"]
    n_values = [int(n) for n in grid_values(f["n_atoms"])]
    parts = [
        exact.finite_n_table(n_values, v["z"], v["optical_depth"], float(g))
        for g in grid_values(f["gamma_d_add"])
    ]
    tables = {"finite_n": pd.concat(parts, ignore_index=True)}
elif rule == "validation_dynamics":
    d = v["dynamics"]
    tables = {
        "dynamics_finite_n": exact.dynamics_comparison(
            grid_values(d["t"]), d["n_atoms"], v["z"], v["optical_depth"]
        )
    }
elif rule == "validation_error_map_two_level":
    m = v["error_maps"]["two_level"]
    tables = {
        "error_map_two_level": checks.two_level_error_map(
            grid_values(m["Z"]),
            grid_values(m["gamma_d_add"]),
            grid_values(m["pump_x"]),
            snakemake.params.optical_depth,
            grid_values(m["t"]),
        )
    }
elif rule == "validation_error_map_finite_n":
    m = v["error_maps"]["finite_n"]
    tables = {
        "error_map_finite_n": checks.finite_n_error_map(
            grid_values(m["Z"]),
            grid_values(m["gamma_d_add"]),
            grid_values(m["pump_x"]),
            m["n_atoms"],
            snakemake.params.optical_depth,
            grid_values(m["t"]),
        )
    }
else:  # validation_error_map_cesium
    m = v["error_maps"]["cesium"]
    probe = snakemake.params.cesium
    tables = {
        "error_map_cesium": checks.cesium_error_map(
            grid_values(m["x_repump"]),
            grid_values(m["gamma_d_add"]),
            grid_values(m["t"]),
            CesiumOptions.from_config(snakemake.params.model),
            probe["detuning_MHz"],
            probe["probe_polarization"],
            probe["temperature_C"],
            probe["optical_depth"],
        )
    }
for name, table in tables.items():
    write_csv(table, getattr(snakemake.output, name))
    log.info("%s: %d rows", name, len(table))
record_provenance(snakemake)
