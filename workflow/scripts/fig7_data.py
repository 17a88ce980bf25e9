"""Rule fig7_data: xi_exp,inf versus x_repump per Gamma_d^add, optimal pump (Fig. 7)."""

from dissipative_entanglement.cesium.scenario import CesiumOptions
from dissipative_entanglement.cesium.tables import fig7_table
from dissipative_entanglement.config import grid_values
from dissipative_entanglement.io import record_provenance, start_log, write_csv

log = start_log(snakemake.log[0])
spec, probe = snakemake.params.spec, snakemake.params.cesium
table = fig7_table(
    grid_values(spec["x_repump"]),
    grid_values(spec["gamma_d_add"]),
    probe["optical_depth"],
    probe["detuning_MHz"],
    probe["probe_polarization"],
    probe["temperature_C"],
    CesiumOptions.from_config(snakemake.params.model),
)
write_csv(table, snakemake.output.table)
log.info("fig7: %d rows, min xi_exp = %.6f", len(table), table["xi_exp"].min())
record_provenance(snakemake)
