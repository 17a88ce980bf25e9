"""Rule study_merge: stream the chunks into values.parquet; optimum.csv from chunk minima."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.io import record_provenance, write_csv
from dissipative_entanglement.studies.chunks import merge_chunks, optimum_table, read_summaries

spec = snakemake.params.spec
rows = merge_chunks(spec, snakemake.input.values, snakemake.output.values)
optimum = optimum_table(spec, read_summaries(snakemake.input.summaries))
write_csv(optimum, snakemake.output.optimum)
log.info("study %s: %d rows merged; optimum %s", spec["name"], rows, optimum.iloc[0].to_dict())
record_provenance(snakemake)
