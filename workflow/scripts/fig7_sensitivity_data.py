"""Rule fig7_sensitivity_data: Fig. 7 under every alternative reading (PHYSICS.md s4)."""

from dissipative_entanglement.cesium.scenario import CesiumOptions
from dissipative_entanglement.cesium.tables import fig7_sensitivity_table
from dissipative_entanglement.config import grid_values
from dissipative_entanglement.io import record_provenance, start_log, write_csv

log = start_log(snakemake.log[0])
spec, probe = snakemake.params.spec, snakemake.params.cesium
table = fig7_sensitivity_table(
    grid_values(spec["x_repump"]),
    grid_values(spec["gamma_d_add"]),
    probe["optical_depth"],
    probe["detuning_MHz"],
    probe["probe_polarization"],
    probe["temperature_C"],
    CesiumOptions.from_config(snakemake.params.model),
)
write_csv(table, snakemake.output.table)
log.info("%s", table.groupby("option")["xi_exp"].min().to_dict())
record_provenance(snakemake)
