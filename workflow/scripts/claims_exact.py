"""Rule claims_exact: claims C10-C12 from the fast exact-numerics checks."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.io import read_csv, record_provenance, write_csv
from dissipative_entanglement.paper.exact_claims import exact_claims

inp = snakemake.input
table = exact_claims(
    *(
        read_csv(path)
        for path in (
            inp.bosonic,
            inp.collective_dephasing,
            inp.averaged_rates,
            inp.inter_ensemble_rates,
        )
    )
)
write_csv(table, snakemake.output.table)
log.info("%s", table[["id", "status", "reproduced_value"]].to_string(index=False))
record_provenance(snakemake)
