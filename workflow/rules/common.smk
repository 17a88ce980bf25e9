# Configuration (deprecated names, validation, the run's results folder) and the input
# functions shared by all rules.
import sys
from pathlib import Path

from snakemake.utils import validate

from dissipative_entanglement.code_dependencies import module_dependencies
from dissipative_entanglement.config import (
    canonical,
    exponent_numbers_as_floats,
    load_yaml,
)
from dissipative_entanglement.config_deprecations import resolve_deprecations
from dissipative_entanglement.paper import is_paper_atoms

BASEDIR = Path(workflow.basedir)
SCHEMA = str(BASEDIR / "workflow" / "schemas" / "config.schema.yaml")
PACKAGE = BASEDIR / "src" / "dissipative_entanglement"

# Numbers such as 3.612e10 are read as YAML 1.2 reads them (PyYAML leaves them strings).
# Deprecated names (cesium -> multilevel, ...) are read as their replacements, with one
# warning line each; a config that sets an old name and its new one is refused. Then
# every violation (key, value, allowed range), then Snakemake's own validation (fills
# schema defaults). All at parse time: no job starts on a bad config.
_resolved, _warnings, _refused = resolve_deprecations(
    exponent_numbers_as_floats(config), workflow.config_settings.overwrite_config
)
for _warning in _warnings:
    print(f"warning: {_warning}", file=sys.stderr)
config.clear()
config.update(_resolved)


def check_config():
    """Refusals and every violation of the config (key, value, allowed range) at once.

    The checks import the physics (couplings, rates); a config and package that passed
    once are remembered under .snakemake/, so a rerun of the same config parses fast.
    """
    from dissipative_entanglement.config_checks import (
        ConfigError,
        validate_config_cached,
    )

    if _refused:
        raise ConfigError(
            "invalid configuration (nothing was run):\n  - " + "\n  - ".join(_refused)
        )
    validate_config_cached(
        config,
        load_yaml(SCHEMA),
        package_dir=PACKAGE,
        cache_dir=Path(".snakemake") / "config_checks",  # beside Snakemake's metadata
    )


check_config()
validate(config, SCHEMA)

# multilevel.optical_depth: cell stands for the paper's d of the lab section's cell; every
# rule sees (and every provenance records) the number
if config["multilevel"]["optical_depth"] == "cell":
    from dissipative_entanglement.lab.planning import cell_model_optical_depth

    config["multilevel"]["optical_depth"] = cell_model_optical_depth(
        config["multilevel"], config["lab"]
    )

RUN = config.get("run")
#: the run's results folder: results/ for the paper's run, results/runs/<run>/ otherwise
RESULTS = f"results/runs/{RUN}" if RUN else "results"
FIGURES = ["fig3", "fig4", "fig7", "fig8"]
GALLERY = [*FIGURES, "couplings", "fig7_sensitivity"]  # README figures (docs/figures)


def section(*keys):
    """Canonical (sorted, plain-Python) copy of a config section: stable rule params."""
    value = config
    for key in keys:
        value = value[key]
    return canonical(value)


def subset(path, *keys):
    """Only ``keys`` of the config section at ``path`` (a rule's params hold what it uses)."""
    spec = section(*path)
    return {key: spec[key] for key in keys}


def two_level_section(part, *keys):
    """``keys`` of two_level.<part> with the optical depth it uses: its own override
    (e.g. two_level.fig3.optical_depth) if set, else the shared two_level.optical_depth.
    """
    spec = subset(("two_level", part), *keys)
    spec["optical_depth"] = section("two_level", part).get(
        "optical_depth", section("two_level", "optical_depth")
    )
    return spec


def validation_section(check, *shared, exclude=()):
    """validation.<check> ("a.b" for nested sections) as ``check``, plus the shared
    values it uses: ``z``, and ``optical_depth`` (validation.optical_depth if set, else
    two_level.optical_depth). Editing one check's keys reruns that check alone; keys in
    ``exclude`` (how to run, not what) are left out and rerun nothing."""
    spec = {"check": section("validation", *check.split("."))}
    spec["check"] = {k: v for k, v in spec["check"].items() if k not in exclude}
    for key in shared:
        if key == "optical_depth":
            spec[key] = section("validation").get(key, section("two_level", key))
        else:
            spec[key] = section("validation", key)
    return spec


def script_code(name):
    """The package files the script ``workflow/scripts/<name>.py`` imports, directly or
    through other package modules (computed from its imports, never listed by hand):
    editing any of them reruns the rule, editing another reruns nothing."""
    script = BASEDIR / "workflow" / "scripts" / f"{name}.py"
    return [
        str(path.relative_to(BASEDIR)) for path in module_dependencies(script, PACKAGE)
    ]


def figure_files(name):
    return [f"{RESULTS}/figures/{name}.pdf", f"{RESULTS}/figures/{name}.png"]


def default_targets():
    """The paper's figures, their data, the multi-level extras and the claims table."""
    targets = [
        f"{RESULTS}/data/fig3.csv",
        f"{RESULTS}/data/fig4.csv",
        f"{RESULTS}/data/fig4_inset.csv",
        *figure_files("fig3"),
        *figure_files("fig4"),
        f"{RESULTS}/tables/claims.csv",
        f"{RESULTS}/tables/claims.html",
    ]
    return targets + multilevel_targets()


def all_targets():
    """Default targets; with studies in the config, the studies' outputs instead."""
    studies = study_targets()
    return studies if studies else default_targets()


CLAIM_PARTS = ["two_level", "cesium", "exact"]


def claim_parts():
    """Partial claim tables computed by each part of the workflow."""
    return [f"{RESULTS}/tables/claims/{part}.csv" for part in CLAIM_PARTS]


MULTILEVEL_FIGURES = ["fig7", "fig8", "couplings", "fig7_sensitivity"]


def multilevel_setup(*exclude):
    """The multilevel keys a MultilevelSetup is built from (atoms, probe, cell,
    readings), less ``exclude``."""
    keys = [
        "atom",
        "detuning_MHz",
        "probe_polarization",
        "optical_depth",
        "temperature_C",
        "model",
    ]
    return {key: section("multilevel", key) for key in keys if key not in exclude}


def resonance_margin():
    """``multilevel.resonance_margin_MHz`` with what resolves it: a number in MHz, or
    "doppler_fwhm" with the atoms and cell temperature (resolved by the script)."""
    return {
        "value": section("multilevel", "resonance_margin_MHz"),
        "atom": section("multilevel", "atom"),
        "temperature_C": section("multilevel", "temperature_C"),
    }


def paper_atoms():
    """True if the multi-level model runs on the paper's atoms (Cs133, probe on D2)."""
    return is_paper_atoms(config["multilevel"]["atom"])


def multilevel_labels():
    """Figure-title values of the multi-level figures: d, detuning and the atoms."""
    return {
        "optical_depth": section("multilevel", "optical_depth"),
        "detuning_MHz": section("multilevel", "detuning_MHz"),
        "atom": section("multilevel", "atom"),
    }


def multilevel_targets():
    """Data, figures (Figs. 7, 8, couplings, sensitivity), the rate table and, with a
    ``lab`` section, the lab-units table."""
    return [
        f"{RESULTS}/data/couplings.csv",
        f"{RESULTS}/data/rates.csv",
        f"{RESULTS}/data/fig7.csv",
        f"{RESULTS}/data/fig8.csv",
        *[path for name in MULTILEVEL_FIGURES for path in figure_files(name)],
        *([f"{RESULTS}/tables/lab_units.csv"] if has_lab() else []),
        *([f"{RESULTS}/tables/lab_optimum.csv"] if has_lab_optimum() else []),
    ]


def has_lab():
    """True if the config has a ``lab`` section (lab units; docs/atoms.md)."""
    return bool(config.get("lab"))


def has_lab_optimum():
    """True if the ``lab`` section asks for the best operating point (``lab.optimum``)."""
    return bool((config.get("lab") or {}).get("optimum"))


def lab_section():
    """The ``lab`` section (empty mapping if absent)."""
    return canonical(config.get("lab") or {})


def fig8_lab_input(wildcards):
    """The lab-units table for Fig. 8's ms axis, if the config has a ``lab`` section."""
    return {"lab": f"{RESULTS}/tables/lab_units.csv"} if has_lab() else {}


VALIDATION_TABLES = [
    "bosonic",
    "bosonic_noise",
    "collective_dephasing",
    "averaged_rates",
    "inter_ensemble_rates",
    "finite_n",
    "dynamics_finite_n",
    "error_map_two_level",
    "error_map_multilevel",
    "three_level",
    "three_level_fit",
    "three_level_dynamics",
]


def validation_tables(wildcards=None):
    """Named CSVs of the exact-numerics checks (results/validation/<check>.csv)."""
    return {name: f"{RESULTS}/validation/{name}.csv" for name in VALIDATION_TABLES}


def claims_cesium_figures(wildcards):
    """Figs. 7 and 8 of the run, if they are of the paper's atoms (the Cs claims are
    checked on them); else none: a run of other atoms does not check the Cs claims."""
    if paper_atoms():
        return {
            "fig7": rules.fig7_data.output.table,
            "fig8": rules.fig8_data.output.table,
        }
    return {}
