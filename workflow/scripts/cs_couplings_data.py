"""Rule cs_couplings_data: mu, nu, Z of the probe (cesium.atom) versus detuning (Sec. IV.1)."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.cesium.tables import couplings_table
from dissipative_entanglement.config import grid_values
from dissipative_entanglement.io import record_provenance, write_csv

spec = snakemake.params.spec
table = couplings_table(
    grid_values(spec["detuning_MHz"]),
    spec["probe_polarization"],
    snakemake.params.detuning_reference,
    snakemake.params.resonance_margin_MHz,
    **snakemake.params.atom,
)
write_csv(table, snakemake.output.table)
log.info("couplings: %d rows, %d with a note", len(table), (table["note"] != "").sum())
record_provenance(snakemake)
