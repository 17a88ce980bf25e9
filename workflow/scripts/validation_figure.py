"""Rule validation_figure: one summary figure of every exact-numerics check."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.exact.figures import validation_figure
from dissipative_entanglement.io import read_csv, record_provenance, save_figure
from dissipative_entanglement.plotting import paper_style

names = [k for k in snakemake.input.keys() if k != "code"]
tables = {name: read_csv(getattr(snakemake.input, name)) for name in names}
with paper_style():
    fig = validation_figure(tables)
    save_figure(fig, snakemake.output.pdf, snakemake.output.png, {"inputs": sorted(names)})
record_provenance(snakemake)
