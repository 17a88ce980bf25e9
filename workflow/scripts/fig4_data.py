"""Rule fig4_data: xi_inf^opt (Eq. (15) minimised over Z) versus pump x (Fig. 4)."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.config import grid_values
from dissipative_entanglement.io import record_provenance, write_csv
from dissipative_entanglement.two_level.optimum import OptimizerOptions
from dissipative_entanglement.two_level.tables import fig4_table

spec = snakemake.params.spec
table = fig4_table(
    grid_values(spec["pump_x"]),
    grid_values(spec["gamma_d_add"]),
    spec["optical_depth"],
    OptimizerOptions(**snakemake.params.optimizer),
)
if table["z_at_boundary"].any():
    log.warning("Z_opt at the edge of [1, z_max] for %d points", table["z_at_boundary"].sum())
write_csv(table, snakemake.output.table)
log.info("fig4: %d rows, Z_opt in [%.4f, %.4f]", len(table), *table["Z_opt"].agg(["min", "max"]))
record_provenance(snakemake)
