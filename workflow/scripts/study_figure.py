"""Rule study_figure: line, map or small multiples of a study, from a bounded subsample."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.io import read_csv, record_provenance, save_figure
from dissipative_entanglement.plotting import paper_style
from dissipative_entanglement.studies.figures import study_figure_from_files

optimum = read_csv(snakemake.input.optimum).iloc[0].to_dict()
with paper_style():
    fig = study_figure_from_files(snakemake.params.spec, snakemake.input.values, optimum)
    save_figure(fig, snakemake.output.pdf, snakemake.output.png, snakemake.params.spec)
record_provenance(snakemake)
