"""Rule study_chunk: evaluate one chunk (flat index range) of a parameter-grid study."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.studies.chunks import compute_chunk

compute_chunk(
    snakemake.params.spec,
    int(snakemake.wildcards.chunk),
    snakemake.output.values,
    snakemake.output.summary,
    logger=log,
)
