"""Rule study_comparison: best xi_exp,inf over detuning of several multi-level studies."""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

import pandas as pd

from dissipative_entanglement.io import record_provenance, save_figure, write_csv
from dissipative_entanglement.plotting import paper_style
from dissipative_entanglement.studies.comparison import comparison_figure, comparison_table

specs, entry = snakemake.params.specs, snakemake.params.entry
values = [pd.read_parquet(path) for path in snakemake.input.values]
depths = entry.get("optical_depths") or [float(values[0]["optical_depth"].max())]
table = comparison_table(specs, values, depths, snakemake.params.multilevel, snakemake.params.lab)
write_csv(table, snakemake.output.optima)
log.info("%s", table.to_string(index=False))
with paper_style():
    fig = comparison_figure(specs, values, entry.get("title", snakemake.wildcards.comparison))
    save_figure(fig, snakemake.output.pdf, snakemake.output.png, {"input": snakemake.input.values})
record_provenance(snakemake)
