"""Rule claims_cesium: claims C5-C9, C14, C15, C18, C19 from the Cs model and Figs. 7, 8."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

import pandas as pd

from dissipative_entanglement.cesium.claims import cesium_claims
from dissipative_entanglement.cesium.setup import CesiumSetup
from dissipative_entanglement.io import record_provenance, write_csv

table = cesium_claims(
    CesiumSetup.from_config(snakemake.params.setup),
    pd.read_csv(snakemake.input.fig7),
    pd.read_csv(snakemake.input.fig8),
)
write_csv(table, snakemake.output.table)
log.info("%s", table[["id", "status", "reproduced_value"]].to_string(index=False))
record_provenance(snakemake)
