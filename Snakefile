# Reproduction of Muschik, Polzik & Cirac, PRA 83, 052312 (2011).
# Rebuild everything: snakemake --cores all ; other parameters: --configfile my.yaml
from snakemake.utils import min_version

min_version("9.20")


configfile: "config/config.yaml"


include: "workflow/rules/common.smk"
include: "workflow/rules/two_level.smk"
include: "workflow/rules/multilevel.smk"
include: "workflow/rules/claims.smk"
include: "workflow/rules/validation.smk"
include: "workflow/rules/studies.smk"
include: "workflow/rules/docs.smk"


rule all:
    default_target: True
    input:
        all_targets(),


report: "workflow/report/workflow.rst"
