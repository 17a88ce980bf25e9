"""Rules docs_claims, docs_planning, docs_comparison: a results table as a docs page."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.io import read_csv, write_markdown_table

params = snakemake.params
table = read_csv(snakemake.input.table, keep_default_na=False, dtype=str)
if params.columns:
    table = table[list(params.columns)]
source = str(snakemake.input.table)  # the results file, named on the page
write_markdown_table(
    table, snakemake.output.page, title=params.title, source=source, text=params.text
)
log.info("%s: %d rows from %s", snakemake.output.page, len(table), snakemake.input.table)
