"""Rule fig3_data: xi_inf (Eq. (15)) versus Z for each Gamma_d^add (Fig. 3)."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.config import grid_values
from dissipative_entanglement.io import record_provenance, write_csv
from dissipative_entanglement.two_level.tables import fig3_table

spec = snakemake.params.spec
table = fig3_table(grid_values(spec["Z"]), grid_values(spec["gamma_d_add"]), spec["optical_depth"])
write_csv(table, snakemake.output.table)
log.info("fig3: %d rows, min xi_inf = %.6f", len(table), table["xi_inf"].min())
record_provenance(snakemake)
