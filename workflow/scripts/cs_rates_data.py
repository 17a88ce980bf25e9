"""Rule cs_rates_data: every probe, pump and repump single-atom rate (App. E)."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.cesium.scenario import CesiumOptions
from dissipative_entanglement.cesium.tables import cs_rates_table
from dissipative_entanglement.io import record_provenance, write_csv

probe = snakemake.params.cesium
table = cs_rates_table(
    probe["detuning_MHz"],
    probe["probe_polarization"],
    probe["temperature_C"],
    CesiumOptions.from_config(snakemake.params.model),
)
write_csv(table, snakemake.output.table)
log.info("rates: %s", table["process"].value_counts().to_dict())
record_provenance(snakemake)
