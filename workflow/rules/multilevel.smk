# The multi-level model (Sec. IV, App. D-E) of the configured atoms (the paper's: Cs-133,
# probe on D2): couplings, rates, Figs. 7 and 8, the sensitivity of Fig. 7 to the open
# readings, lab units. One rule and one script per table and per figure.


rule couplings_data:
    input:
        code=script_code("couplings_data"),
    output:
        table=f"{RESULTS}/data/couplings.csv",
        provenance=f"{RESULTS}/provenance/couplings_data.json",
    log:
        f"{RESULTS}/logs/couplings_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=section("multilevel", "couplings"),
        detuning_reference=section("multilevel", "model", "detuning_reference"),
        resonance_margin=resonance_margin(),
        atom=section("multilevel", "atom"),
    script:
        "../scripts/couplings_data.py"


rule rates_data:
    input:
        code=script_code("rates_data"),
    output:
        table=report(
            f"{RESULTS}/data/rates.csv",
            caption="../report/rates.rst",
            category="Multi-level model",
            subcategory="Rates",
        ),
        provenance=f"{RESULTS}/provenance/rates_data.json",
    log:
        f"{RESULTS}/logs/rates_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        setup=multilevel_setup("optical_depth"),
    script:
        "../scripts/rates_data.py"


rule fig7_data:
    input:
        code=script_code("fig7_data"),
    output:
        table=f"{RESULTS}/data/fig7.csv",
        provenance=f"{RESULTS}/provenance/fig7_data.json",
    log:
        f"{RESULTS}/logs/fig7_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=section("multilevel", "fig7"),
        setup=multilevel_setup(),
    script:
        "../scripts/fig7_data.py"


rule fig7_sensitivity_data:
    input:
        code=script_code("fig7_sensitivity_data"),
    output:
        table=f"{RESULTS}/data/fig7_sensitivity.csv",
        provenance=f"{RESULTS}/provenance/fig7_sensitivity_data.json",
    log:
        f"{RESULTS}/logs/fig7_sensitivity_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=section("multilevel", "fig7"),
        setup=multilevel_setup(),
    script:
        "../scripts/fig7_sensitivity_data.py"


rule fig8_data:
    input:
        unpack(fig8_lab_input),
        code=script_code("fig8_data"),
    output:
        table=f"{RESULTS}/data/fig8.csv",
        provenance=f"{RESULTS}/provenance/fig8_data.json",
    log:
        f"{RESULTS}/logs/fig8_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=section("multilevel", "fig8"),
        setup=multilevel_setup(),
    script:
        "../scripts/fig8_data.py"


rule fig7_plot:
    input:
        table=rules.fig7_data.output.table,
        code=script_code("fig7_plot"),
    output:
        pdf=report(
            f"{RESULTS}/figures/fig7.pdf",
            caption="../report/fig7.rst",
            category="Multi-level model",
            subcategory="Fig. 7",
        ),
        png=report(
            f"{RESULTS}/figures/fig7.png",
            caption="../report/fig7.rst",
            category="Multi-level model",
            subcategory="Fig. 7",
        ),
        provenance=f"{RESULTS}/provenance/fig7_plot.json",
    log:
        f"{RESULTS}/logs/fig7_plot.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        labels=multilevel_labels(),
    script:
        "../scripts/fig7_plot.py"


rule lab_units:
    input:
        code=script_code("lab_units"),
    output:
        table=report(
            f"{RESULTS}/tables/lab_units.csv",
            caption="../report/lab_units.rst",
            category="Lab units",
        ),
        provenance=f"{RESULTS}/provenance/lab_units.json",
    log:
        f"{RESULTS}/logs/lab_units.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        setup=multilevel_setup(),
        lab=lab_section(),
    script:
        "../scripts/lab_units.py"


rule lab_optimum:
    input:
        code=script_code("lab_optimum"),
    output:
        table=report(
            f"{RESULTS}/tables/lab_optimum.csv",
            caption="../report/lab_optimum.rst",
            category="Lab units",
        ),
        provenance=f"{RESULTS}/provenance/lab_optimum.json",
    log:
        f"{RESULTS}/logs/lab_optimum.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        setup={**multilevel_setup(), **subset(("multilevel",), "resonance_margin_MHz")},
        lab=lab_section(),
    script:
        "../scripts/lab_optimum.py"


rule fig8_plot:
    input:
        unpack(fig8_lab_input),
        table=rules.fig8_data.output.table,
        code=script_code("fig8_plot"),
    output:
        pdf=report(
            f"{RESULTS}/figures/fig8.pdf",
            caption="../report/fig8.rst",
            category="Multi-level model",
            subcategory="Fig. 8",
        ),
        png=report(
            f"{RESULTS}/figures/fig8.png",
            caption="../report/fig8.rst",
            category="Multi-level model",
            subcategory="Fig. 8",
        ),
        provenance=f"{RESULTS}/provenance/fig8_plot.json",
    log:
        f"{RESULTS}/logs/fig8_plot.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        labels=multilevel_labels(),
    script:
        "../scripts/fig8_plot.py"


rule couplings_plot:
    input:
        table=rules.couplings_data.output.table,
        code=script_code("couplings_plot"),
    output:
        pdf=report(
            f"{RESULTS}/figures/couplings.pdf",
            caption="../report/couplings.rst",
            category="Multi-level model",
            subcategory="Couplings",
        ),
        png=report(
            f"{RESULTS}/figures/couplings.png",
            caption="../report/couplings.rst",
            category="Multi-level model",
            subcategory="Couplings",
        ),
        provenance=f"{RESULTS}/provenance/couplings_plot.json",
    log:
        f"{RESULTS}/logs/couplings_plot.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        resonance_margin=resonance_margin(),
        atom=section("multilevel", "atom"),
    script:
        "../scripts/couplings_plot.py"


rule fig7_sensitivity_plot:
    input:
        table=rules.fig7_sensitivity_data.output.table,
        code=script_code("fig7_sensitivity_plot"),
    output:
        pdf=report(
            f"{RESULTS}/figures/fig7_sensitivity.pdf",
            caption="../report/fig7_sensitivity.rst",
            category="Multi-level model",
            subcategory="Sensitivity",
        ),
        png=report(
            f"{RESULTS}/figures/fig7_sensitivity.png",
            caption="../report/fig7_sensitivity.rst",
            category="Multi-level model",
            subcategory="Sensitivity",
        ),
        provenance=f"{RESULTS}/provenance/fig7_sensitivity_plot.json",
    log:
        f"{RESULTS}/logs/fig7_sensitivity_plot.log",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/fig7_sensitivity_plot.py"
