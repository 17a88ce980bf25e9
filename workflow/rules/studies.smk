# Parameter-grid studies (config/studies/*.yaml; docs/interface.md#parameter-grid-studies).
# study_chunk (one job per flat index range) -> study_merge (values.parquet, optimum.csv)
# -> study_figure; study_comparison: the best xi over detuning of several multi-level studies
# (config comparisons). Specs and input functions: studies_common.smk.


include: "studies_common.smk"


rule study_chunk:
    input:
        code=script_code("study_chunk"),
    output:
        values=temp(f"{STUDY_DIR}/chunks/{{chunk}}.parquet"),
        summary=f"{STUDY_DIR}/chunks/{{chunk}}.json",
    log:
        f"{RESULTS}/logs/studies/{{study}}/chunk_{{chunk}}.log",
    benchmark:
        f"{RESULTS}/benchmarks/studies/{{study}}/chunk_{{chunk}}.tsv"
    conda:
        "../envs/pipeline.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=study_chunk_runtime,
    params:
        spec=study_spec,
    script:
        "../scripts/study_chunk.py"


rule study_merge:
    input:
        values=study_chunk_outputs("values"),
        summaries=study_chunk_outputs("summary"),
        code=script_code("study_merge"),
    output:
        values=f"{STUDY_DIR}/values.parquet",
        optimum=f"{STUDY_DIR}/optimum.csv",
        provenance=f"{RESULTS}/provenance/studies/{{study}}_merge.json",
    log:
        f"{RESULTS}/logs/studies/{{study}}/merge.log",
    benchmark:
        f"{RESULTS}/benchmarks/studies/{{study}}/merge.tsv"
    conda:
        "../envs/pipeline.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=30,
    params:
        spec=study_spec,
    script:
        "../scripts/study_merge.py"


rule study_figure:
    input:
        values=rules.study_merge.output.values,
        optimum=rules.study_merge.output.optimum,
        code=script_code("study_figure"),
    output:
        pdf=report(
            f"{STUDY_DIR}/figure.pdf",
            caption="../report/study.rst",
            category="Parameter-grid studies",
            subcategory="{study}",
        ),
        png=report(
            f"{STUDY_DIR}/figure.png",
            caption="../report/study.rst",
            category="Parameter-grid studies",
            subcategory="{study}",
        ),
        provenance=f"{RESULTS}/provenance/studies/{{study}}_figure.json",
    log:
        f"{RESULTS}/logs/studies/{{study}}/figure.log",
    benchmark:
        f"{RESULTS}/benchmarks/studies/{{study}}/figure.tsv"
    conda:
        "../envs/pipeline.yaml"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=30,
    params:
        spec=study_spec,
    script:
        "../scripts/study_figure.py"


rule study_comparison:
    input:
        values=comparison_values,
        code=script_code("study_comparison"),
    output:
        optima=f"{RESULTS}/comparisons/{{comparison}}/optima.csv",
        pdf=report(
            f"{RESULTS}/comparisons/{{comparison}}/figure.pdf",
            caption="../report/comparison.rst",
            category="Parameter-grid studies",
            subcategory="comparison {comparison}",
        ),
        png=report(
            f"{RESULTS}/comparisons/{{comparison}}/figure.png",
            caption="../report/comparison.rst",
            category="Parameter-grid studies",
            subcategory="comparison {comparison}",
        ),
        provenance=f"{RESULTS}/provenance/comparisons/{{comparison}}.json",
    log:
        f"{RESULTS}/logs/comparisons/{{comparison}}.log",
    conda:
        "../envs/pipeline.yaml"
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    params:
        specs=comparison_specs,
        entry=lambda wildcards: COMPARISONS[wildcards.comparison],
        multilevel=section("multilevel"),
        lab=lambda wildcards: COMPARISONS[wildcards.comparison].get("lab", {}),
    script:
        "../scripts/study_comparison.py"
