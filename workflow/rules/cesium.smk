# Cs-133 model (Sec. IV, App. D-E): couplings, rates, Figs. 7 and 8, the sensitivity of
# Fig. 7 to the open readings. One rule and one script per table and per figure.


rule cs_couplings_data:
    input:
        code=package_sources(
            "cesium/couplings.py",
            "cesium/probe_validity.py",
            "cesium/tables.py",
            "cesium/atomic_data.py",
            "cesium/setup.py",
            "atoms",
        ),
    output:
        table=f"{RESULTS}/data/cs_couplings.csv",
        provenance=f"{RESULTS}/provenance/cs_couplings_data.json",
    log:
        f"{RESULTS}/logs/cs_couplings_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=section("cesium", "couplings"),
        detuning_reference=section("cesium", "model", "detuning_reference"),
        resonance_margin_MHz=resonance_margin(),
        atom=cesium_atom(),
    script:
        "../scripts/cs_couplings_data.py"


rule cs_rates_data:
    input:
        code=package_sources("cesium", "atoms"),
    output:
        table=report(
            f"{RESULTS}/data/cs_rates.csv",
            caption="../report/cs_rates.rst",
            category="Cs-133 model",
            subcategory="Rates",
        ),
        provenance=f"{RESULTS}/provenance/cs_rates_data.json",
    log:
        f"{RESULTS}/logs/cs_rates_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        setup=cesium_setup("optical_depth"),
    script:
        "../scripts/cs_rates_data.py"


rule fig7_data:
    input:
        code=package_sources("cesium", "atoms"),
    output:
        table=f"{RESULTS}/data/fig7.csv",
        provenance=f"{RESULTS}/provenance/fig7_data.json",
    log:
        f"{RESULTS}/logs/fig7_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=section("cesium", "fig7"),
        setup=cesium_setup(),
    script:
        "../scripts/fig7_data.py"


rule fig7_sensitivity_data:
    input:
        code=package_sources("cesium", "atoms"),
    output:
        table=f"{RESULTS}/data/fig7_sensitivity.csv",
        provenance=f"{RESULTS}/provenance/fig7_sensitivity_data.json",
    log:
        f"{RESULTS}/logs/fig7_sensitivity_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=section("cesium", "fig7"),
        setup=cesium_setup(),
    script:
        "../scripts/fig7_sensitivity_data.py"


rule fig8_data:
    input:
        unpack(fig8_lab_input),
        code=package_sources("cesium", "atoms"),
    output:
        table=f"{RESULTS}/data/fig8.csv",
        provenance=f"{RESULTS}/provenance/fig8_data.json",
    log:
        f"{RESULTS}/logs/fig8_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=section("cesium", "fig8"),
        setup=cesium_setup(),
    script:
        "../scripts/fig8_data.py"


rule fig7_plot:
    input:
        table=rules.fig7_data.output.table,
        code=package_sources("cesium/figures.py", "plotting.py"),
    output:
        pdf=report(
            f"{RESULTS}/figures/fig7.pdf",
            caption="../report/fig7.rst",
            category="Cs-133 model",
            subcategory="Fig. 7",
        ),
        png=report(
            f"{RESULTS}/figures/fig7.png",
            caption="../report/fig7.rst",
            category="Cs-133 model",
            subcategory="Fig. 7",
        ),
        provenance=f"{RESULTS}/provenance/fig7_plot.json",
    log:
        f"{RESULTS}/logs/fig7_plot.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        labels=cesium_labels(),
    script:
        "../scripts/fig7_plot.py"


rule lab_units:
    input:
        code=package_sources("cesium", "atoms", "lab"),
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
        setup=cesium_setup(),
        lab=lab_section(),
    script:
        "../scripts/lab_units.py"


rule fig8_plot:
    input:
        unpack(fig8_lab_input),
        table=rules.fig8_data.output.table,
        code=package_sources("cesium/figures.py", "plotting.py"),
    output:
        pdf=report(
            f"{RESULTS}/figures/fig8.pdf",
            caption="../report/fig8.rst",
            category="Cs-133 model",
            subcategory="Fig. 8",
        ),
        png=report(
            f"{RESULTS}/figures/fig8.png",
            caption="../report/fig8.rst",
            category="Cs-133 model",
            subcategory="Fig. 8",
        ),
        provenance=f"{RESULTS}/provenance/fig8_plot.json",
    log:
        f"{RESULTS}/logs/fig8_plot.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        labels=cesium_labels(),
    script:
        "../scripts/fig8_plot.py"


rule cs_couplings_plot:
    input:
        table=rules.cs_couplings_data.output.table,
        code=package_sources("cesium/figures.py", "plotting.py"),
    output:
        pdf=report(
            f"{RESULTS}/figures/cs_couplings.pdf",
            caption="../report/cs_couplings.rst",
            category="Cs-133 model",
            subcategory="Couplings",
        ),
        png=report(
            f"{RESULTS}/figures/cs_couplings.png",
            caption="../report/cs_couplings.rst",
            category="Cs-133 model",
            subcategory="Couplings",
        ),
        provenance=f"{RESULTS}/provenance/cs_couplings_plot.json",
    log:
        f"{RESULTS}/logs/cs_couplings_plot.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        resonance_margin_MHz=resonance_margin(),
        atom=cesium_atom(),
    script:
        "../scripts/cs_couplings_plot.py"


rule fig7_sensitivity_plot:
    input:
        table=rules.fig7_sensitivity_data.output.table,
        code=package_sources("cesium/figures.py", "plotting.py"),
    output:
        pdf=report(
            f"{RESULTS}/figures/fig7_sensitivity.pdf",
            caption="../report/fig7_sensitivity.rst",
            category="Cs-133 model",
            subcategory="Sensitivity",
        ),
        png=report(
            f"{RESULTS}/figures/fig7_sensitivity.png",
            caption="../report/fig7_sensitivity.rst",
            category="Cs-133 model",
            subcategory="Sensitivity",
        ),
        provenance=f"{RESULTS}/provenance/fig7_sensitivity_plot.json",
    log:
        f"{RESULTS}/logs/fig7_sensitivity_plot.log",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/fig7_sensitivity_plot.py"
