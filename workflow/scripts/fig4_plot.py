"""Rule fig4_plot: draw Fig. 4 and its inset from their tables."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.io import read_csv, record_provenance, save_figure
from dissipative_entanglement.plotting import paper_style
from dissipative_entanglement.two_level.figures import fig4_figure

table = read_csv(snakemake.input.table)
inset = read_csv(snakemake.input.inset)
with paper_style():
    fig = fig4_figure(table, inset)
    save_figure(fig, snakemake.output.pdf, snakemake.output.png, {"input": snakemake.input.table})
record_provenance(snakemake)
