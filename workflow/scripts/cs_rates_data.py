"""Rule cs_rates_data: every probe, pump and repump single-atom rate (App. E)."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.cesium.setup import CesiumSetup
from dissipative_entanglement.cesium.tables import cs_rates_table
from dissipative_entanglement.io import record_provenance, write_csv

table = cs_rates_table(CesiumSetup.from_config(snakemake.params.setup))
write_csv(table, snakemake.output.table)
log.info("cs_rates: %d rows", len(table))
record_provenance(snakemake)
