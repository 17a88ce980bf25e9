"""Rule study_chunk: evaluate one chunk (flat index range) of a parameter-grid study."""

from dissipative_entanglement.io import start_log
from dissipative_entanglement.studies.chunks import compute_chunk

log = start_log(snakemake.log[0])
compute_chunk(
    snakemake.params.spec,
    int(snakemake.wildcards.chunk),
    snakemake.output.values,
    snakemake.output.summary,
    logger=log,
)
