"""Copy each input file onto the output at the same position, atomically."""

import shutil

from dissipative_entanglement.io import atomic_path, start_log

log = start_log(snakemake.log[0])
for source, target in zip(snakemake.input, snakemake.output, strict=True):
    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)
    log.info("copied %s -> %s", source, target)
