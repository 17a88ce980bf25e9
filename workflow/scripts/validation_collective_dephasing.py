"""Rule validation_collective_dephasing:
App. C.2 (C11), the collective dephasing terms C, D at finite N.
"""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement import exact
from dissipative_entanglement.io import record_provenance, write_csv

spec = snakemake.params.spec
check = spec["check"]
table = exact.collective_dephasing_table(
    check["n_atoms"], spec["z"], spec["optical_depth"], gamma_check=check["gamma_check"]
)
write_csv(table, snakemake.output.collective_dephasing)
log.info("collective_dephasing: %d rows", len(table))
record_provenance(snakemake)
