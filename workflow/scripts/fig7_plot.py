"""Rule fig7_plot: draw Fig. 7 from its table."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.io import read_csv, record_provenance, save_figure
from dissipative_entanglement.multilevel.figures import fig7_figure
from dissipative_entanglement.multilevel.setup import atom_label
from dissipative_entanglement.plotting import paper_style

labels = snakemake.params.labels
table = read_csv(snakemake.input.table)
with paper_style():
    fig = fig7_figure(
        table, labels["optical_depth"], labels["detuning_MHz"], atom_label(**labels["atom"])
    )
    save_figure(fig, snakemake.output.pdf, snakemake.output.png, {"input": snakemake.input.table})
record_provenance(snakemake)
