# Exact-numerics checks of the paper's approximations (beyond the paper; issue 4).
# `snakemake --cores all validation` builds every check; the fast ones (C10-C12) also feed
# the claims table of the default target.


rule validation_bosonic:
    input:
        code=script_code("validation_bosonic"),
    output:
        bosonic=f"{RESULTS}/validation/bosonic.csv",
        bosonic_noise=f"{RESULTS}/validation/bosonic_noise.csv",
        provenance=f"{RESULTS}/provenance/validation_bosonic.json",
    log:
        f"{RESULTS}/logs/validation_bosonic.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=validation_section("bosonic"),
    script:
        "../scripts/validation_bosonic.py"


rule validation_collective_dephasing:
    input:
        code=script_code("validation_collective_dephasing"),
    output:
        collective_dephasing=f"{RESULTS}/validation/collective_dephasing.csv",
        provenance=f"{RESULTS}/provenance/validation_collective_dephasing.json",
    log:
        f"{RESULTS}/logs/validation_collective_dephasing.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=validation_section("collective_dephasing", "z", "optical_depth"),
    script:
        "../scripts/validation_collective_dephasing.py"


rule validation_averaged_rates:
    input:
        code=script_code("validation_averaged_rates"),
    output:
        averaged_rates=f"{RESULTS}/validation/averaged_rates.csv",
        inter_ensemble_rates=f"{RESULTS}/validation/inter_ensemble_rates.csv",
        provenance=f"{RESULTS}/provenance/validation_averaged_rates.json",
    log:
        f"{RESULTS}/logs/validation_averaged_rates.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=validation_section("averaged_rates"),
    script:
        "../scripts/validation_averaged_rates.py"


rule validation_finite_n:
    input:
        code=script_code("validation_finite_n"),
    output:
        finite_n=f"{RESULTS}/validation/finite_n.csv",
        finite_n_fit=f"{RESULTS}/validation/finite_n_fit.csv",
        provenance=f"{RESULTS}/provenance/validation_finite_n.json",
    log:
        f"{RESULTS}/logs/validation_finite_n.log",
    conda:
        "../envs/pipeline.yaml"
    resources:
        runtime=60,
    params:
        spec=validation_section("finite_n", "z", "optical_depth"),
    script:
        "../scripts/validation_finite_n.py"


rule validation_dynamics:
    input:
        code=script_code("validation_dynamics"),
    output:
        dynamics_finite_n=f"{RESULTS}/validation/dynamics_finite_n.csv",
        provenance=f"{RESULTS}/provenance/validation_dynamics.json",
    log:
        f"{RESULTS}/logs/validation_dynamics.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=validation_section("dynamics", "z", "optical_depth"),
    script:
        "../scripts/validation_dynamics.py"


rule validation_error_map_two_level:
    input:
        code=script_code("validation_error_map_two_level"),
    output:
        error_map_two_level=f"{RESULTS}/validation/error_map_two_level.csv",
        provenance=f"{RESULTS}/provenance/validation_error_map_two_level.json",
    log:
        f"{RESULTS}/logs/validation_error_map_two_level.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=validation_section("error_maps.two_level", "optical_depth"),
    script:
        "../scripts/validation_error_map_two_level.py"


rule validation_error_map_multilevel:
    input:
        code=script_code("validation_error_map_multilevel"),
    output:
        error_map_multilevel=f"{RESULTS}/validation/error_map_multilevel.csv",
        provenance=f"{RESULTS}/provenance/validation_error_map_multilevel.json",
    log:
        f"{RESULTS}/logs/validation_error_map_multilevel.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=validation_section("error_maps.multilevel"),
        setup=multilevel_setup(),
    script:
        "../scripts/validation_error_map_multilevel.py"


rule validation_error_map_finite_n:
    input:
        code=script_code("validation_error_map_finite_n"),
    output:
        error_map_finite_n=f"{RESULTS}/validation/error_map_finite_n.csv",
        provenance=f"{RESULTS}/provenance/validation_error_map_finite_n.json",
    log:
        f"{RESULTS}/logs/validation_error_map_finite_n.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=validation_section("error_maps.finite_n", "optical_depth"),
    script:
        "../scripts/validation_error_map_finite_n.py"


rule validation_three_level:
    input:
        code=script_code("validation_three_level"),
    output:
        three_level=f"{RESULTS}/validation/three_level.csv",
        three_level_fit=f"{RESULTS}/validation/three_level_fit.csv",
        three_level_dynamics=f"{RESULTS}/validation/three_level_dynamics.csv",
        provenance=f"{RESULTS}/provenance/validation_three_level.json",
    log:
        f"{RESULTS}/logs/validation_three_level.log",
    conda:
        "../envs/pipeline.yaml"
    threads: section("validation", "three_level").get("processes", 1)
    resources:
        runtime=30,
    params:
        spec=validation_section("three_level", exclude=("processes",)),
        setup=multilevel_setup("optical_depth"),
    script:
        "../scripts/validation_three_level.py"


rule validation_cumulants:
    input:
        code=script_code("validation_cumulants"),
        three_level=rules.validation_three_level.output.three_level,
        three_level_fit=rules.validation_three_level.output.three_level_fit,
        three_level_dynamics=rules.validation_three_level.output.three_level_dynamics,
    output:
        cumulants=f"{RESULTS}/validation/cumulants.csv",
        cumulants_limit=f"{RESULTS}/validation/cumulants_limit.csv",
        cumulants_dynamics=f"{RESULTS}/validation/cumulants_dynamics.csv",
        provenance=f"{RESULTS}/provenance/validation_cumulants.json",
    log:
        f"{RESULTS}/logs/validation_cumulants.log",
    conda:
        "../envs/pipeline.yaml"
    resources:
        runtime=30,
    params:
        spec=validation_section("three_level", exclude=("processes",)),
        cumulants=section("validation", "cumulants"),
        setup=multilevel_setup("optical_depth"),
    script:
        "../scripts/validation_cumulants.py"


rule validation_figure:
    input:
        unpack(validation_tables),
        code=script_code("validation_figure"),
    output:
        pdf=report(
            f"{RESULTS}/validation/validation.pdf",
            caption="../report/validation.rst",
            category="Exact checks",
        ),
        png=report(
            f"{RESULTS}/validation/validation.png",
            caption="../report/validation.rst",
            category="Exact checks",
        ),
        provenance=f"{RESULTS}/provenance/validation_figure.json",
    log:
        f"{RESULTS}/logs/validation_figure.log",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/validation_figure.py"


rule validation:
    default_target: False
    input:
        rules.validation_figure.output.pdf,
        rules.validation_figure.output.png,
        *validation_tables().values(),
        rules.validation_finite_n.output.finite_n_fit,
        rules.validation_cumulants.output.cumulants,
        rules.validation_cumulants.output.cumulants_limit,
        rules.validation_cumulants.output.cumulants_dynamics,
        rules.validation_error_map_finite_n.output.error_map_finite_n,
