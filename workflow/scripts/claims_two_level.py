"""Rule claims_two_level: claims C1-C4 from the two-level model."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.io import record_provenance, write_csv
from dissipative_entanglement.paper.two_level_claims import two_level_claims
from dissipative_entanglement.two_level.optimum import OptimizerOptions

table = two_level_claims(snakemake.params.claims, OptimizerOptions(**snakemake.params.optimizer))
write_csv(table, snakemake.output.table)
log.info("%s", table[["id", "status", "reproduced_value"]].to_string(index=False))
record_provenance(snakemake)
