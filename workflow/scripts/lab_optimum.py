"""Rule lab_optimum: the best operating point of the lab cell (config ``lab.optimum``)."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.io import record_provenance, write_csv
from dissipative_entanglement.lab.optimum import optimum_table

table = optimum_table(snakemake.params.setup, snakemake.params.lab)
write_csv(table, snakemake.output.table)
log.info("%s", table[["quantity", "optimum", "configured", "unit"]].to_string(index=False))
record_provenance(snakemake)
