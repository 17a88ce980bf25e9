"""Rule validation_bosonic:
App. A (C10), the two-mode steady state of Eq. (2) on truncated Fock spaces.
"""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.exact import checks
from dissipative_entanglement.io import record_provenance, write_csv

spec = snakemake.params.spec
check = spec["check"]
tables = {
    "bosonic": checks.bosonic_table(check["z"], check["cutoffs"]),
    "bosonic_noise": checks.bosonic_noise_table(
        check["z"], check["noise_cutoff"], check["noise_rates"]
    ),
}
for name, table in tables.items():
    write_csv(table, getattr(snakemake.output, name))
    log.info("%s: %d rows", name, len(table))
record_provenance(snakemake)
