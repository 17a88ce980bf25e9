# README gallery: copies of the figures under docs/figures (kept identical by a test).


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
