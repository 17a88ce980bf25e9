# README gallery: copies of the paper's run's figures under docs/figures (kept identical by
# a test); copies of study, comparison and planning figures under docs/studies,
# docs/comparisons, docs/planning, each from the run that made it.


if not RUN:  # the gallery is the paper's run's; a named run never writes it

    rule docs:
        input:
            expand(f"{RESULTS}/figures/{{figure}}.png", figure=GALLERY),
        output:
            expand("docs/figures/{figure}.png", figure=GALLERY),
        log:
            f"{RESULTS}/logs/docs.log",
        conda:
            "../envs/pipeline.yaml"
        script:
            "../scripts/copy_files.py"


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


if RUN:  # a planning run's Fig. 8, named for its run

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
