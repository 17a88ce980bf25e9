"""Rule fig7_sensitivity_data: Fig. 7 under each alternative reading of the open choices."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.config import grid_values
from dissipative_entanglement.io import record_provenance, write_csv
from dissipative_entanglement.multilevel.setup import MultilevelSetup
from dissipative_entanglement.multilevel.tables import fig7_sensitivity_table

spec = snakemake.params.spec
setup = MultilevelSetup.from_config(snakemake.params.setup)
table = fig7_sensitivity_table(
    setup, grid_values(spec["x_repump"]), grid_values(spec["gamma_d_add"])
)
write_csv(table, snakemake.output.table)
log.info("fig7_sensitivity: %d rows, min xi_exp = %.6f", len(table), table["xi_exp"].min())
record_provenance(snakemake)
