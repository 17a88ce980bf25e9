"""Rule fig7_sensitivity_plot: draw Fig. 7 under each alternative reading from its table."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.io import read_csv, record_provenance, save_figure
from dissipative_entanglement.multilevel.figures import sensitivity_figure
from dissipative_entanglement.plotting import paper_style

table = read_csv(snakemake.input.table)
with paper_style():
    fig = sensitivity_figure(table)
    save_figure(fig, snakemake.output.pdf, snakemake.output.png, {"input": snakemake.input.table})
record_provenance(snakemake)
