"""Rules fig7_data, fig7_sensitivity_data, fig8_data: Cs curves per Gamma_d^add.

Fig. 7 (xi_exp,inf versus x_repump, optimal pump), its sensitivity to every open reading,
and Fig. 8 (xi_exp(t) without repump; Eqs. 28, 30, 42-43). The rule name picks the table.
"""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.cesium import tables
from dissipative_entanglement.cesium.scenario import CesiumOptions
from dissipative_entanglement.config import grid_values
from dissipative_entanglement.io import record_provenance, write_csv

BUILDERS = {
    "fig7_data": (tables.fig7_table, "x_repump"),
    "fig7_sensitivity_data": (tables.fig7_sensitivity_table, "x_repump"),
    "fig8_data": (tables.fig8_table, "t"),
}

build, abscissa = BUILDERS[snakemake.rule]
spec, probe = snakemake.params.spec, snakemake.params.cesium
table = build(
    grid_values(spec[abscissa]),
    grid_values(spec["gamma_d_add"]),
    probe["optical_depth"],
    probe["detuning_MHz"],
    probe["probe_polarization"],
    probe["temperature_C"],
    CesiumOptions.from_config(snakemake.params.model),
)
write_csv(table, snakemake.output.table)
log.info("%s: %d rows, min xi_exp = %.6f", snakemake.rule, len(table), table["xi_exp"].min())
record_provenance(snakemake)
