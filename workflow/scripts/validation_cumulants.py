"""Rule validation_cumulants:
second- and third-order cumulant expansions of the three-level master equation, checked
against the exact N-atom solves and evaluated at the physical N against Eq. (30).
"""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.exact import cumulants
from dissipative_entanglement.io import read_csv, record_provenance, write_csv
from dissipative_entanglement.multilevel.setup import MultilevelSetup

setup = MultilevelSetup.from_config(snakemake.params.setup)
checked, limit, dynamics = cumulants.cumulant_validation_tables(
    setup,
    snakemake.params.spec["check"],
    snakemake.params.cumulants,
    read_csv(snakemake.input.three_level),
    read_csv(snakemake.input.three_level_dynamics),
    exact_fit=read_csv(snakemake.input.three_level_fit),
)
write_csv(checked, snakemake.output.cumulants)
write_csv(limit, snakemake.output.cumulants_limit)
write_csv(dynamics, snakemake.output.cumulants_dynamics)
log.info(
    "cumulants: %d rows, largest residual %.2e Gamma; largest |xi - Eq. (30)| at the "
    "physical N %.2e, of the N -> infinity limit %.2e",
    len(checked),
    checked["residual"].max(),
    limit.filter(like="error_physical").abs().to_numpy().max(),
    limit.filter(like="error_infinite").abs().to_numpy().max(),
)
record_provenance(snakemake)
