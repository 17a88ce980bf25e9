"""Copy each input file onto the output at the same position, atomically."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

import shutil

from dissipative_entanglement.io import atomic_path

for source, target in zip(snakemake.input, snakemake.output, strict=True):
    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)
    log.info("copied %s -> %s", source, target)
