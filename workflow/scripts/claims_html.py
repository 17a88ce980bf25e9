"""Rule claims_html: the claims table as an HTML page for the report (in-page view)."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from pathlib import Path

from dissipative_entanglement.io import read_csv, record_provenance
from dissipative_entanglement.paper.claims import claims_html

table = read_csv(snakemake.input.table, dtype=str, keep_default_na=False)
Path(snakemake.output.html).write_text(claims_html(table), encoding="utf-8")
log.info("claims.html: %d claims", len(table))
record_provenance(snakemake)
