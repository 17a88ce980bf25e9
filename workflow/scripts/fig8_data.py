"""Rule fig8_data: xi_exp(t) without repump, optimal pump (Fig. 8; Eqs. 28, 30, 42-43)."""

from dissipative_entanglement.cesium.scenario import CesiumOptions
from dissipative_entanglement.cesium.tables import fig8_table
from dissipative_entanglement.config import grid_values
from dissipative_entanglement.io import record_provenance, start_log, write_csv

log = start_log(snakemake.log[0])
spec, probe = snakemake.params.spec, snakemake.params.cesium
table = fig8_table(
    grid_values(spec["t"]),
    grid_values(spec["gamma_d_add"]),
    probe["optical_depth"],
    probe["detuning_MHz"],
    probe["probe_polarization"],
    probe["temperature_C"],
    CesiumOptions.from_config(snakemake.params.model),
)
write_csv(table, snakemake.output.table)
log.info("fig8: %d rows, min xi_exp = %.6f", len(table), table["xi_exp"].min())
record_provenance(snakemake)
