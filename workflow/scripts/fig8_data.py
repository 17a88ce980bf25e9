"""Rule fig8_data: xi_exp(t) without repump (Fig. 8; Eqs. (28), (30), (42)–(43)); t_ms with lab."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.config import grid_values
from dissipative_entanglement.io import read_csv, record_provenance, write_csv
from dissipative_entanglement.multilevel.setup import MultilevelSetup
from dissipative_entanglement.multilevel.tables import fig8_table

spec = snakemake.params.spec
setup = MultilevelSetup.from_config(snakemake.params.setup)
table = fig8_table(setup, grid_values(spec["t"]), grid_values(spec["gamma_d_add"]))
if "lab" in snakemake.input.keys():  # with a lab section: the time in ms as well
    lab = read_csv(snakemake.input.lab).set_index("quantity")
    table["t_ms"] = table["t"] * float(lab.loc["unit_time", "value"])
write_csv(table, snakemake.output.table)
log.info("fig8: %d rows, min xi_exp = %.6f", len(table), table["xi_exp"].min())
record_provenance(snakemake)
