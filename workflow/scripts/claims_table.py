"""Rule claims_table: merge the partial claim tables into results/tables/claims.csv."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.io import read_csv, record_provenance, write_csv
from dissipative_entanglement.paper.claims import assemble_claims

parts = [read_csv(path, dtype=str, keep_default_na=False) for path in snakemake.input.parts]
table = assemble_claims(parts)
write_csv(table, snakemake.output.table)
log.info("claims: %s", table["status"].value_counts().to_dict())
record_provenance(snakemake)
