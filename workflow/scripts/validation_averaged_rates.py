"""Rule validation_averaged_rates:
App. B.2 (C12), Gaussian-averaged pair rates against their closed forms.
"""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement import exact
from dissipative_entanglement.io import record_provenance, write_csv

spec = snakemake.params.spec
check = spec["check"]
tables = {
    "averaged_rates": exact.averaged_rate_table(check["k_l_L"]),
    "inter_ensemble_rates": exact.inter_ensemble_table(check["k_l_L"], check["R_over_L"]),
}
for name, table in tables.items():
    write_csv(table, getattr(snakemake.output, name))
    log.info("%s: %d rows", name, len(table))
record_provenance(snakemake)
