"""Rule claims_cesium: claims C5-C9, C14, C15, C18, C19 about the paper's Cs-133 (Figs. 7, 8).

Checked where the run's multi-level model is the paper's atoms (Cs-133, probe on D2), on
the run's Figs. 7 and 8; a run of other atoms lists them as not checked, with the reason.
"""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.io import read_csv, record_provenance, write_csv
from dissipative_entanglement.multilevel.setup import MultilevelSetup
from dissipative_entanglement.paper import is_paper_atoms
from dissipative_entanglement.paper.cesium_claims import cesium_claims, cesium_claims_not_checked

params = snakemake.params.setup
if is_paper_atoms(params["atom"]):
    fig7, fig8 = read_csv(snakemake.input.fig7), read_csv(snakemake.input.fig8)
    table = cesium_claims(MultilevelSetup.from_config(params), fig7, fig8)
else:
    log.info("multilevel.atom = %s: the Cs claims are not checked in this run", params["atom"])
    table = cesium_claims_not_checked(params["atom"])
write_csv(table, snakemake.output.table)
log.info("%s", table[["id", "status", "reproduced_value"]].to_string(index=False))
record_provenance(snakemake)
