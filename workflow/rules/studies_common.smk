# Parameter-grid studies: resolved specs and input functions (rules in studies.smk).
# Each study is split into `chunks` independent jobs (flat index ranges of the grid), merged
# by streaming into values.parquet, with the optimum from the chunk minima and a figure
# from a bounded subsample. See dissipative_entanglement.studies.
STUDIES = {}
if config.get("studies"):  # imported only for a config with studies: parse time
    from dissipative_entanglement.studies.spec import resolve_study

    STUDIES = {
        name: resolve_study(name, study, config)
        for name, study in config["studies"].items()
    }
STUDY_DIR = f"{RESULTS}/studies/{{study}}"
STUDY_OUTPUTS = ["values.parquet", "figure.pdf", "figure.png", "optimum.csv"]
# conservative chunk throughput (points/s) for runtime requests (benchmarks/README.md)
STUDY_RATES = {"xi_inf": 1e6, "xi_opt": 2e4, "xi_exp_inf": 1e3}


wildcard_constraints:
    study="[A-Za-z0-9_-]+",
    comparison="[A-Za-z0-9_-]+",
    chunk="[0-9]+",


COMPARISONS = canonical(config.get("comparisons") or {})
COMPARISON_OUTPUTS = ["optima.csv", "figure.pdf", "figure.png"]


def study_targets():
    """values.parquet, figure.pdf/png and optimum.csv of every configured study, and the
    outputs of every comparison of studies."""
    return [
        f"{RESULTS}/studies/{name}/{out}" for name in STUDIES for out in STUDY_OUTPUTS
    ] + [
        f"{RESULTS}/comparisons/{name}/{out}"
        for name in COMPARISONS
        for out in COMPARISON_OUTPUTS
    ]


def comparison_values(wildcards):
    """values.parquet of each study of a comparison, in its order."""
    names = COMPARISONS[wildcards.comparison]["studies"]
    return [f"{RESULTS}/studies/{name}/values.parquet" for name in names]


def comparison_specs(wildcards):
    """Resolved specs of the studies of a comparison, in its order."""
    return [STUDIES[name] for name in COMPARISONS[wildcards.comparison]["studies"]]


def study_spec(wildcards):
    """Resolved, canonical spec of a study (swept axes in order, fixed values, options)."""
    return STUDIES[wildcards.study]


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
