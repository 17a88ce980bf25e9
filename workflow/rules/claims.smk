# The paper's checkable claims C1-C19 (docs/physics.md#claims).


rule claims_two_level:
    input:
        code=script_code("claims_two_level"),
    output:
        table=f"{RESULTS}/tables/claims/two_level.csv",
        provenance=f"{RESULTS}/provenance/claims_two_level.json",
    log:
        f"{RESULTS}/logs/claims_two_level.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        claims=two_level_section("claims", "xi_target", "pump_x", "c3_gamma_d_add"),
        optimizer=section("two_level", "optimizer"),
    script:
        "../scripts/claims_two_level.py"


rule claims_table:
    input:
        parts=claim_parts(),
        code=script_code("claims_table"),
    output:
        table=report(
            f"{RESULTS}/tables/claims.csv",
            caption="../report/claims.rst",
            category="Claims",
        ),
        provenance=f"{RESULTS}/provenance/claims_table.json",
    log:
        f"{RESULTS}/logs/claims_table.log",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/claims_table.py"


rule claims_html:
    input:
        table=f"{RESULTS}/tables/claims.csv",
        code=script_code("claims_html"),
    output:
        html=report(
            f"{RESULTS}/tables/claims.html",
            caption="../report/claims_html.rst",
            category="Claims",
        ),
        provenance=f"{RESULTS}/provenance/claims_html.json",
    log:
        f"{RESULTS}/logs/claims_html.log",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/claims_html.py"


rule claims_cesium:
    input:
        unpack(claims_cesium_figures),
        code=script_code("claims_cesium"),
    output:
        table=f"{RESULTS}/tables/claims/cesium.csv",
        provenance=f"{RESULTS}/provenance/claims_cesium.json",
    log:
        f"{RESULTS}/logs/claims_cesium.log",
    conda:
        "../envs/pipeline.yaml"
    params:
        setup=multilevel_setup(),
    script:
        "../scripts/claims_cesium.py"


rule claims_exact:
    input:
        bosonic=f"{RESULTS}/validation/bosonic.csv",
        collective_dephasing=f"{RESULTS}/validation/collective_dephasing.csv",
        averaged_rates=f"{RESULTS}/validation/averaged_rates.csv",
        inter_ensemble_rates=f"{RESULTS}/validation/inter_ensemble_rates.csv",
        code=script_code("claims_exact"),
    output:
        table=f"{RESULTS}/tables/claims/exact.csv",
        provenance=f"{RESULTS}/provenance/claims_exact.json",
    log:
        f"{RESULTS}/logs/claims_exact.log",
    conda:
        "../envs/pipeline.yaml"
    script:
        "../scripts/claims_exact.py"
