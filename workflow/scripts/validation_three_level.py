"""Rule validation_three_level: exact N-atom three-level model against Eqs. (26)-(30).
Runs under __main__ only: the spawned solver processes import this file again."""

if __name__ == "__main__":
    from dissipative_entanglement.io import start_log

    log = start_log(snakemake.log[0])  # first: the log then holds any error below

    from dissipative_entanglement.config import grid_values
    from dissipative_entanglement.exact import three_level as tl
    from dissipative_entanglement.io import record_provenance, write_csv
    from dissipative_entanglement.multilevel.setup import MultilevelSetup

    check = snakemake.params.spec["check"]
    setup = MultilevelSetup.from_config(snakemake.params.setup)
    depths, g = check["optical_depth"], float(check["gamma_d_add"])
    steady = tl.three_level_steady_table(
        setup,
        check["n_atoms"],
        grid_values(check["x_repump"]),
        depths,
        g,
        solver=check.get("solver", "auto"),
        direct_max_dim=int(check.get("direct_max_dim", tl.DIRECT_MAX_DIM)),
        symmetry=check.get("symmetry", "auto"),
        processes=snakemake.threads,
    )
    write_csv(steady, snakemake.output.three_level)
    fit = tl.three_level_fit_table(steady, n_min=int(check.get("fit_n_min", 2)))
    write_csv(fit, snakemake.output.three_level_fit)
    times = grid_values(check["t"])
    dynamics = tl.three_level_dynamics_table(setup, check["dynamics_n_atoms"], times, depths, g)
    write_csv(dynamics, snakemake.output.three_level_dynamics)
    worst, ok = steady["residual"].max(), bool(steady["converged"].all())
    log.info("three_level: largest residual %.2e, all converged: %s", worst, ok)
    record_provenance(snakemake)
