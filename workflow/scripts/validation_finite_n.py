"""Rule validation_finite_n: exact steady-state xi of N atoms per ensemble against Eq. (15)."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

import time

import pandas as pd

from dissipative_entanglement import exact
from dissipative_entanglement.config import grid_values
from dissipative_entanglement.exact import cumulants
from dissipative_entanglement.io import record_provenance, write_csv

spec = snakemake.params.spec
check = spec["check"]
start = time.perf_counter()
n_values = [int(n) for n in grid_values(check["n_atoms"])]
method = check.get("solver", "direct")
table = pd.concat(
    [
        exact.finite_n_table(n_values, spec["z"], spec["optical_depth"], float(g), method=method)
        for g in grid_values(check["gamma_d_add"])
    ],
    ignore_index=True,
)
write_csv(table, snakemake.output.finite_n)
n_min = exact.fit_n_min(n_values, check.get("fit_n_min", 5))
fit = cumulants.two_level_fit_against_cumulants(exact.finite_n_fit_table(table, n_min=n_min))
write_csv(fit, snakemake.output.finite_n_fit)
log.info("finite_n: %d rows in %.1f s", len(table), time.perf_counter() - start)
log.info("finite_n: largest residual %.2e Gamma", table["residual"].max())
log.info("finite_n: fit\n%s", fit.to_string())
record_provenance(snakemake)
