# Cs-133 multi-level model (Sec. IV, App. D-E): couplings, rates, Figs. 7 and 8.


rule cs_couplings_data:
    input:
        code=package_sources("cesium"),
    output:
        table=f"{RESULTS}/data/cs_couplings.csv",
        provenance=f"{RESULTS}/provenance/cs_couplings_data.json",
    log:
        f"{RESULTS}/logs/cs_couplings_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=section("cesium", "couplings"),
        model=section("cesium", "model"),
        resonance_margin_MHz=section("cesium", "resonance_margin_MHz"),
    script:
        "../scripts/cs_couplings_data.py"


rule cs_rates_data:
    input:
        code=package_sources("cesium"),
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
        cesium=cesium_probe(),
        model=section("cesium", "model"),
    script:
        "../scripts/cs_rates_data.py"


rule fig7_data:
    input:
        code=package_sources("cesium"),
    output:
        table=f"{RESULTS}/data/fig7.csv",
        provenance=f"{RESULTS}/provenance/fig7_data.json",
    log:
        f"{RESULTS}/logs/fig7_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=section("cesium", "fig7"),
        cesium=cesium_probe(),
        model=section("cesium", "model"),
    script:
        "../scripts/cs_curves_data.py"


rule fig7_sensitivity_data:
    input:
        code=package_sources("cesium"),
    output:
        table=f"{RESULTS}/data/fig7_sensitivity.csv",
        provenance=f"{RESULTS}/provenance/fig7_sensitivity_data.json",
    log:
        f"{RESULTS}/logs/fig7_sensitivity_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=section("cesium", "fig7"),
        cesium=cesium_probe(),
        model=section("cesium", "model"),
    script:
        "../scripts/cs_curves_data.py"


rule fig8_data:
    input:
        code=package_sources("cesium"),
    output:
        table=f"{RESULTS}/data/fig8.csv",
        provenance=f"{RESULTS}/provenance/fig8_data.json",
    log:
        f"{RESULTS}/logs/fig8_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=section("cesium", "fig8"),
        cesium=cesium_probe(),
        model=section("cesium", "model"),
    script:
        "../scripts/cs_curves_data.py"


rule cs_plot:
    input:
        table=f"{RESULTS}/data/{{name}}.csv",
        code=package_sources("cesium/figures.py", "plotting.py"),
    output:
        pdf=report(
            f"{RESULTS}/figures/{{name}}.pdf",
            caption="../report/cs_figure.rst",
            category="Cs-133 model",
            subcategory="{name}",
        ),
        png=report(
            f"{RESULTS}/figures/{{name}}.png",
            caption="../report/cs_figure.rst",
            category="Cs-133 model",
            subcategory="{name}",
        ),
        provenance=f"{RESULTS}/provenance/{{name}}_plot.json",
    log:
        f"{RESULTS}/logs/{{name}}_plot.log",
    wildcard_constraints:
        name="fig7|fig8|cs_couplings|fig7_sensitivity",
    conda:
        "../envs/pipeline.yaml"
    params:
        cesium=cesium_probe(),
    script:
        "../scripts/cs_plot.py"
