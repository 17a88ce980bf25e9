"""Rule cs_plot: draw a Cs figure (Fig. 7, Fig. 8, couplings, sensitivity) from its table."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

import pandas as pd

from dissipative_entanglement.cesium import figures
from dissipative_entanglement.io import record_provenance, save_figure
from dissipative_entanglement.plotting import paper_style

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
