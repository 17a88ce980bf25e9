"""Rule couplings_data: mu, nu, Z of the probe (multilevel.atom) versus detuning (Sec. IV.1)."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.config import grid_values
from dissipative_entanglement.io import record_provenance, write_csv
from dissipative_entanglement.multilevel.probe_validity import resonance_margin_MHz
from dissipative_entanglement.multilevel.tables import couplings_table

spec, margin = snakemake.params.spec, snakemake.params.resonance_margin
atom = snakemake.params.atom
table = couplings_table(
    grid_values(spec["detuning_MHz"]),
    spec["probe_polarization"],
    snakemake.params.detuning_reference,
    resonance_margin_MHz(margin["value"], **margin["atom"], temperature_C=margin["temperature_C"]),
    **atom,
)
write_csv(table, snakemake.output.table)
log.info("couplings: %d rows, %d with a note", len(table), (table["note"] != "").sum())
record_provenance(snakemake)
