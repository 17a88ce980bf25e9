"""Rule validation_dynamics: exact finite-N xi(t) against Eq. (14) and the moment equations."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement import exact
from dissipative_entanglement.config import grid_values
from dissipative_entanglement.io import record_provenance, write_csv

spec = snakemake.params.spec
check = spec["check"]
table = exact.dynamics_comparison(
    grid_values(check["t"]), check["n_atoms"], spec["z"], spec["optical_depth"]
)
write_csv(table, snakemake.output.dynamics_finite_n)
log.info("dynamics_finite_n: %d rows", len(table))
record_provenance(snakemake)
