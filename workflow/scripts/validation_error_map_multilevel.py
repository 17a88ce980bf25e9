"""Rule validation_error_map_multilevel:
Eq. (28) against the integrated App. D Eqs. (42)–(43) (Fig. 7 settings).
"""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.config import grid_values
from dissipative_entanglement.exact import checks
from dissipative_entanglement.io import record_provenance, write_csv
from dissipative_entanglement.multilevel.setup import MultilevelSetup

spec = snakemake.params.spec
check = spec["check"]
table = checks.multilevel_error_map(
    MultilevelSetup.from_config(snakemake.params.setup),
    grid_values(check["x_repump"]),
    grid_values(check["gamma_d_add"]),
    grid_values(check["t"]),
)
write_csv(table, snakemake.output.error_map_multilevel)
log.info("error_map_multilevel: %d rows", len(table))
record_provenance(snakemake)
