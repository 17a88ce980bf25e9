# Documentation written from results (snakemake docs): the README gallery and the claims
# table of the paper's run (docs/figures, docs/results); the figure and table of a planning
# run (docs/planning) and of a comparison of studies (docs/comparisons), each from the run
# that made it. Kept identical to a fresh build by tests/workflow/test_workflow.py.

if (
    not RUN
):  # the gallery and the claims are the paper's run's; a named run never writes them

    rule docs:
        default_target: False
        input:
            expand("docs/figures/{figure}.png", figure=GALLERY),
            "docs/results/claims.md",

    rule docs_gallery:
        input:
            expand(f"{RESULTS}/figures/{{figure}}.png", figure=GALLERY),
        output:
            expand("docs/figures/{figure}.png", figure=GALLERY),
        log:
            f"{RESULTS}/logs/docs_gallery.log",
        conda:
            "../envs/pipeline.yaml"
        script:
            "../scripts/copy_files.py"

    rule docs_claims:
        input:
            table=f"{RESULTS}/tables/claims.csv",
            code=script_code("docs_table"),
        output:
            page="docs/results/claims.md",
        log:
            f"{RESULTS}/logs/docs_claims.log",
        conda:
            "../envs/pipeline.yaml"
        params:
            title="The paper's claims, checked",
            columns=[],
            text=(
                "One row per checkable claim of the paper (C1-C19): the paper's value, the "
                "reproduced (unrounded) value, the tolerance and where it comes from, the "
                "status (reproduced, differs with the reason in the note, or not_checked) and "
                "the note. What each claim is and how it is checked: "
                "[docs/physics.md](../physics.md#claims)."
            ),
        script:
            "../scripts/docs_table.py"


rule docs_study:
    input:
        f"{RESULTS}/studies/{{study}}/figure.png",
    output:
        "docs/studies/{study}.png",
    log:
        f"{RESULTS}/logs/docs_study_{{study}}.log",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/copy_files.py"


rule docs_comparison:
    input:
        f"{RESULTS}/comparisons/{{comparison}}/figure.png",
    output:
        "docs/comparisons/{comparison}.png",
    log:
        f"{RESULTS}/logs/docs_comparison_{{comparison}}.log",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/copy_files.py"


rule docs_comparison_table:
    input:
        table=f"{RESULTS}/comparisons/{{comparison}}/optima.csv",
        code=script_code("docs_table"),
    output:
        page="docs/comparisons/{comparison}.md",
    log:
        f"{RESULTS}/logs/docs_comparison_table_{{comparison}}.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        title=lambda wildcards: f"Comparison of studies: {wildcards.comparison}",
        columns=[],
        text=(
            "The best xi_exp,inf over the probe detuning of each study at the listed optical "
            "depths, with its Z, pump and repump strength and, with a lab entry, Gamma in "
            "1/s, the time to the steady state and the intensities "
            "(figure: the .png beside this page)."
        ),
    script:
        "../scripts/docs_table.py"


if RUN:  # a planning run's Fig. 8 and lab-units table, named for its run

    rule docs_planning:
        input:
            f"{RESULTS}/figures/fig8.png",
        output:
            f"docs/planning/{RUN}_fig8.png",
        log:
            f"{RESULTS}/logs/docs_planning.log",
        conda:
            "../envs/pipeline.yaml"
        script:
            "../scripts/copy_files.py"

    rule docs_planning_table:
        input:
            table=f"{RESULTS}/tables/lab_units.csv",
            code=script_code("docs_table"),
        output:
            page=f"docs/planning/{RUN}.md",
        log:
            f"{RESULTS}/logs/docs_planning_table.log",
        conda:
            "../envs/pipeline.yaml"
        params:
            title=f"Lab units of the run {RUN}",
            columns=["quantity", "value", "unit", "note", "source"],
            text=(
                "The operating point of the run's multi-level model in lab units: one row per "
                "quantity, with its unit, what it is and where it comes from (Fig. 8 of this "
                "run, with a time axis in ms, beside this page)."
            ),
        script:
            "../scripts/docs_table.py"

    rule docs_planning_optimum:
        input:
            table=f"{RESULTS}/tables/lab_optimum.csv",
            code=script_code("docs_table"),
        output:
            page=f"docs/planning/{RUN}_optimum.md",
        log:
            f"{RESULTS}/logs/docs_planning_optimum.log",
        conda:
            "../envs/pipeline.yaml"
        params:
            title=f"Best operating point of the run {RUN}",
            columns=[],
            text=(
                "The probe detuning, probe power and repump that minimise xi_exp,inf for "
                "this cell's dephasing (in 1/s), found by bounded optimisation, beside the "
                "configured operating point; the notes say which bound or limit is active "
                "([docs/atoms.md](../atoms.md#the-best-operating-point))."
            ),
        script:
            "../scripts/docs_table.py"
