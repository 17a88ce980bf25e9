"""Rule fig3_plot: draw Fig. 3 from its table."""

import pandas as pd

from dissipative_entanglement.io import record_provenance, save_figure, start_log
from dissipative_entanglement.plotting import paper_style
from dissipative_entanglement.two_level.figures import fig3_figure

start_log(snakemake.log[0])
table = pd.read_csv(snakemake.input.table)
with paper_style():
    fig = fig3_figure(table)
    save_figure(fig, snakemake.output.pdf, snakemake.output.png, {"input": snakemake.input.table})
record_provenance(snakemake)
