"""Rule validation_error_map_finite_n:
exact N-atom xi(t) against Eq. (14) and the moment equations.
"""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.config import grid_values
from dissipative_entanglement.exact import checks
from dissipative_entanglement.io import record_provenance, write_csv

spec = snakemake.params.spec
check = spec["check"]
table = checks.finite_n_error_map(
    grid_values(check["Z"]),
    grid_values(check["gamma_d_add"]),
    grid_values(check["pump_x"]),
    spec["optical_depth"],
    grid_values(check["t"]),
    n_atoms=check["n_atoms"],
)
write_csv(table, snakemake.output.error_map_finite_n)
log.info("error_map_finite_n: %d rows", len(table))
record_provenance(snakemake)
