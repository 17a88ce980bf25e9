"""Rule cs_plot: draw a Cs figure (Fig. 7, Fig. 8, couplings, sensitivity) from its table."""

import pandas as pd

from dissipative_entanglement.cesium import figures
from dissipative_entanglement.io import record_provenance, save_figure, start_log
from dissipative_entanglement.plotting import paper_style

start_log(snakemake.log[0])
name = snakemake.wildcards.name
table = pd.read_csv(snakemake.input.table)
probe = snakemake.params.cesium
with paper_style():
    if name in ("fig7", "fig8"):
        draw = figures.fig7_figure if name == "fig7" else figures.fig8_figure
        fig = draw(table, probe["optical_depth"], probe["detuning_MHz"])
    elif name == "cs_couplings":
        fig = figures.couplings_figure(table)
    else:
        fig = figures.sensitivity_figure(table)
    save_figure(fig, snakemake.output.pdf, snakemake.output.png, {"input": snakemake.input.table})
record_provenance(snakemake)
