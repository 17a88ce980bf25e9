"""Rule rates_data: every probe, pump and repump single-atom rate (App. E) of the atoms."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.io import record_provenance, write_csv
from dissipative_entanglement.multilevel.setup import MultilevelSetup
from dissipative_entanglement.multilevel.tables import rates_table

table = rates_table(MultilevelSetup.from_config(snakemake.params.setup))
write_csv(table, snakemake.output.table)
log.info("rates: %d rows", len(table))
record_provenance(snakemake)
