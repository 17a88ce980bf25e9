"""Rule fig4_inset_data: steady-state polarization P_2,inf versus Z (inset of Fig. 4)."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.config import grid_values
from dissipative_entanglement.io import record_provenance, write_csv
from dissipative_entanglement.two_level.tables import fig4_inset_table

spec = snakemake.params.spec
table = fig4_inset_table(grid_values(spec["inset_Z"]), grid_values(spec["inset_pump_x"]))
write_csv(table, snakemake.output.table)
log.info("fig4 inset: %d rows", len(table))
record_provenance(snakemake)
