"""Rule validation_three_level:
exact N-atom three-level Cs model against Eqs. (26)-(30) (steady state, 1/N fit, Fig. 8 dynamics).
"""

from dissipative_entanglement.io import start_log

log = start_log(snakemake.log[0])  # first: the log then holds any error below

from dissipative_entanglement.config import grid_values
from dissipative_entanglement.exact import three_level
from dissipative_entanglement.io import record_provenance, write_csv
from dissipative_entanglement.multilevel.setup import MultilevelSetup

check = snakemake.params.spec["check"]
setup = MultilevelSetup.from_config(snakemake.params.setup)
depths, g = check["optical_depth"], float(check["gamma_d_add"])
steady = three_level.three_level_steady_table(
    setup,
    check["n_atoms"],
    grid_values(check["x_repump"]),
    depths,
    g,
    solver=check.get("solver", "auto"),
    direct_max_dim=int(check.get("direct_max_dim", three_level.DIRECT_MAX_DIM)),
)
write_csv(steady, snakemake.output.three_level)
write_csv(three_level.three_level_fit_table(steady), snakemake.output.three_level_fit)
dynamics = three_level.three_level_dynamics_table(
    setup, check["dynamics_n_atoms"], grid_values(check["t"]), depths, g
)
write_csv(dynamics, snakemake.output.three_level_dynamics)
log.info("three_level: %d steady rows, %d dynamics rows", len(steady), len(dynamics))
log.info(
    "three_level: largest steady-state residual %.2e, solvers %s, all converged: %s",
    steady["residual"].max(),
    sorted(set(steady["solver"])),
    bool(steady["converged"].all()),
)
record_provenance(snakemake)
