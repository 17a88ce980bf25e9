"""Rule fig8_plot: draw Fig. 8 from its table (a time axis in ms with a ``lab`` section)."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.io import read_csv, record_provenance, save_figure
from dissipative_entanglement.multilevel.figures import fig8_figure
from dissipative_entanglement.multilevel.setup import atom_label
from dissipative_entanglement.plotting import paper_style

labels = snakemake.params.labels
table = read_csv(snakemake.input.table)
unit_time_ms = None
if "lab" in snakemake.input.keys():  # 1/Gamma in ms from the lab-units table
    lab = read_csv(snakemake.input.lab).set_index("quantity")
    unit_time_ms = float(lab.loc["unit_time", "value"])
with paper_style():
    fig = fig8_figure(
        table,
        labels["optical_depth"],
        labels["detuning_MHz"],
        atom_label(**labels["atom"]),
        unit_time_ms,
    )
    save_figure(fig, snakemake.output.pdf, snakemake.output.png, {"input": snakemake.input.table})
record_provenance(snakemake)
