"""Rule couplings_plot: draw the probe couplings mu, nu, Z versus detuning from their table."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.io import read_csv, record_provenance, save_figure
from dissipative_entanglement.multilevel.figures import couplings_figure
from dissipative_entanglement.multilevel.probe_validity import resonance_margin_MHz
from dissipative_entanglement.plotting import paper_style

margin = snakemake.params.resonance_margin
margin_MHz = resonance_margin_MHz(
    margin["value"], **margin["atom"], temperature_C=margin["temperature_C"]
)
table = read_csv(snakemake.input.table)
with paper_style():
    fig = couplings_figure(table, margin_MHz, **snakemake.params.atom)
    save_figure(fig, snakemake.output.pdf, snakemake.output.png, {"input": snakemake.input.table})
record_provenance(snakemake)
