"""Rule claims_cesium: claims C5-C9, C14, C15, C18, C19 from the Cs model and Figs. 7, 8."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

import pandas as pd

from dissipative_entanglement.cesium.claims import cesium_claims
from dissipative_entanglement.cesium.setup import CesiumSetup
from dissipative_entanglement.cesium.tables import fig7_table, fig8_table
from dissipative_entanglement.config import grid_values
from dissipative_entanglement.io import record_provenance, write_csv

setup = CesiumSetup.from_config(snakemake.params.setup)  # the paper's atoms, always
if "fig7" in snakemake.input.keys():  # Figs. 7, 8 as built are of the paper's atoms
    fig7, fig8 = pd.read_csv(snakemake.input.fig7), pd.read_csv(snakemake.input.fig8)
else:  # cesium.atom names other atoms: Cs133 D2 with the shipped defaults (rule params)
    log.info("cesium.atom is not Cs133 D2: claims on Cs133 D2 with the shipped defaults")
    fig7 = fig7_table(
        setup,
        grid_values(snakemake.params.fig7["x_repump"]),
        grid_values(snakemake.params.fig7["gamma_d_add"]),
    )
    fig8 = fig8_table(
        setup,
        grid_values(snakemake.params.fig8["t"]),
        grid_values(snakemake.params.fig8["gamma_d_add"]),
    )
table = cesium_claims(setup, fig7, fig8)
write_csv(table, snakemake.output.table)
log.info("%s", table[["id", "status", "reproduced_value"]].to_string(index=False))
record_provenance(snakemake)
