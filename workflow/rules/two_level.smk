# Two-level model (Sec. II-III, App. C): Figs. 3 and 4 with inset.


rule fig3_data:
    input:
        code=script_code("fig3_data"),
    output:
        table=f"{RESULTS}/data/fig3.csv",
        provenance=f"{RESULTS}/provenance/fig3_data.json",
    log:
        f"{RESULTS}/logs/fig3_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=two_level_section("fig3", "Z", "gamma_d_add"),
    script:
        "../scripts/fig3_data.py"


rule fig4_data:
    input:
        code=script_code("fig4_data"),
    output:
        table=f"{RESULTS}/data/fig4.csv",
        provenance=f"{RESULTS}/provenance/fig4_data.json",
    log:
        f"{RESULTS}/logs/fig4_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=two_level_section("fig4", "pump_x", "gamma_d_add"),
        optimizer=section("two_level", "optimizer"),
    script:
        "../scripts/fig4_data.py"


rule fig4_inset_data:
    input:
        code=script_code("fig4_inset_data"),
    output:
        table=f"{RESULTS}/data/fig4_inset.csv",
        provenance=f"{RESULTS}/provenance/fig4_inset_data.json",
    log:
        f"{RESULTS}/logs/fig4_inset_data.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        spec=subset(("two_level", "fig4"), "inset_Z", "inset_pump_x"),
    script:
        "../scripts/fig4_inset_data.py"


rule fig3_plot:
    input:
        table=rules.fig3_data.output.table,
        code=script_code("fig3_plot"),
    output:
        pdf=report(
            f"{RESULTS}/figures/fig3.pdf",
            caption="../report/fig3.rst",
            category="Two-level model",
            subcategory="Fig. 3",
        ),
        png=report(
            f"{RESULTS}/figures/fig3.png",
            caption="../report/fig3.rst",
            category="Two-level model",
            subcategory="Fig. 3",
        ),
        provenance=f"{RESULTS}/provenance/fig3_plot.json",
    log:
        f"{RESULTS}/logs/fig3_plot.log",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/fig3_plot.py"


rule fig4_plot:
    input:
        table=rules.fig4_data.output.table,
        inset=rules.fig4_inset_data.output.table,
        code=script_code("fig4_plot"),
    output:
        pdf=report(
            f"{RESULTS}/figures/fig4.pdf",
            caption="../report/fig4.rst",
            category="Two-level model",
            subcategory="Fig. 4",
        ),
        png=report(
            f"{RESULTS}/figures/fig4.png",
            caption="../report/fig4.rst",
            category="Two-level model",
            subcategory="Fig. 4",
        ),
        provenance=f"{RESULTS}/provenance/fig4_plot.json",
    log:
        f"{RESULTS}/logs/fig4_plot.log",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/fig4_plot.py"
