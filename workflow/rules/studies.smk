# Parameter-grid studies (config/studies/*.yaml; CONTRACT.md "Parameter-grid studies").
# Each study is split into `chunks` independent jobs (flat index ranges of the grid), merged
# by streaming into values.parquet, with the optimum from the chunk minima and a figure
# from a bounded subsample. See dissipative_entanglement.studies.
from dissipative_entanglement.studies.spec import resolve_study

STUDIES = {
    name: resolve_study(name, study, config)
    for name, study in (config.get("studies") or {}).items()
}
STUDY_DIR = f"{RESULTS}/studies/{{study}}"
STUDY_OUTPUTS = ["values.parquet", "figure.pdf", "figure.png", "optimum.csv"]
# conservative chunk throughput (points/s) for runtime requests (benchmarks/README.md)
STUDY_RATES = {"xi_inf": 1e6, "xi_opt": 2e4, "xi_exp_inf": 1e3}


wildcard_constraints:
    study="[A-Za-z0-9_-]+",
    chunk="[0-9]+",


def study_targets():
    """values.parquet, figure.pdf/png and optimum.csv of every configured study."""
    return [
        f"{RESULTS}/studies/{name}/{out}" for name in STUDIES for out in STUDY_OUTPUTS
    ]


def study_spec(wildcards):
    """Resolved, canonical spec of a study (swept axes in order, fixed values, options)."""
    return STUDIES[wildcards.study]


def study_code(wildcards):
    """Library files of the study machinery and of the study's model."""
    return package_sources("studies", STUDIES[wildcards.study]["model"])


def study_chunk_outputs(kind):
    """Input function: the chunk files (`values` or `summary`) of a study, in order."""
    suffix = {"values": "parquet", "summary": "json"}[kind]

    def chunk_files(wildcards):
        n = STUDIES[wildcards.study]["chunks"]
        return [
            f"{RESULTS}/studies/{wildcards.study}/chunks/{i}.{suffix}" for i in range(n)
        ]

    return chunk_files


def study_chunk_runtime(wildcards, attempt):
    """Minutes for one chunk at a conservative rate, doubled on each retry (min. 10)."""
    spec = STUDIES[wildcards.study]
    points = grid_points(spec) / spec["chunks"]
    return max(10, int(2 * attempt * points / STUDY_RATES[spec["quantity"]] / 60))


def grid_points(spec):
    from dissipative_entanglement.studies.spec import StudyGrid

    return StudyGrid(spec).size


rule study_chunk:
    input:
        code=study_code,
    output:
        values=temp(f"{STUDY_DIR}/chunks/{{chunk}}.parquet"),
        summary=f"{STUDY_DIR}/chunks/{{chunk}}.json",
    log:
        f"{RESULTS}/logs/studies/{{study}}/chunk_{{chunk}}.log",
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
        code=study_code,
    output:
        values=f"{STUDY_DIR}/values.parquet",
        optimum=f"{STUDY_DIR}/optimum.csv",
        provenance=f"{RESULTS}/provenance/studies/{{study}}_merge.json",
    log:
        f"{RESULTS}/logs/studies/{{study}}/merge.log",
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
        code=package_sources("studies", "plotting.py"),
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
