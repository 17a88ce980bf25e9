"""Rule lab_units: the multi-level model's operating point in lab units (config ``lab``)."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.io import record_provenance, write_csv
from dissipative_entanglement.lab.planning import lab_units_table

table = lab_units_table(snakemake.params.setup, snakemake.params.lab)
write_csv(table, snakemake.output.table)
log.info("%s", table[["quantity", "value", "unit"]].to_string(index=False))
record_provenance(snakemake)
