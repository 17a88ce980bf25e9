"""Rule cs_couplings_plot: draw the Cs probe couplings mu, nu, Z versus detuning from its table."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

import pandas as pd

from dissipative_entanglement.cesium.figures import couplings_figure
from dissipative_entanglement.io import record_provenance, save_figure
from dissipative_entanglement.plotting import paper_style

table = pd.read_csv(snakemake.input.table)
with paper_style():
    fig = couplings_figure(table, snakemake.params.resonance_margin_MHz, **snakemake.params.atom)
    save_figure(fig, snakemake.output.pdf, snakemake.output.png, {"input": snakemake.input.table})
record_provenance(snakemake)
