# Configuration validation and input functions shared by all rules.
from pathlib import Path

from snakemake.utils import validate

from dissipative_entanglement.cesium.setup import (
    atom_from_config,
    atom_label,
    is_cesium_d2,
)
from dissipative_entanglement.cesium.probe_validity import (
    DOPPLER_MARGIN,
    resonance_margin_MHz,
)
from dissipative_entanglement.config import canonical, load_yaml
from dissipative_entanglement.config_checks import validate_config

SCHEMA = str(Path(workflow.basedir) / "workflow" / "schemas" / "config.schema.yaml")

# Clear messages (key, value, allowed range) for every violation, then Snakemake's own
# validation (fills schema defaults). Both run at parse time: no job starts on a bad config.
validate_config(config, load_yaml(SCHEMA))
validate(config, SCHEMA)

RESULTS = "results"
FIGURES = ["fig3", "fig4", "fig7", "fig8"]
GALLERY = [
    *FIGURES,
    "cs_couplings",
    "fig7_sensitivity",
]  # README figures (docs/figures)


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


def validation_section(check, *shared):
    """validation.<check> ("a.b" for nested sections) as ``check``, plus the shared
    values it uses: ``z``, and ``optical_depth`` (validation.optical_depth if set, else
    two_level.optical_depth). Editing one check's keys reruns that check alone."""
    spec = {"check": section("validation", *check.split("."))}
    for key in shared:
        if key == "optical_depth":
            spec[key] = section("validation").get(key, section("two_level", key))
        else:
            spec[key] = section("validation", key)
    return spec


def figure_files(name):
    return [f"{RESULTS}/figures/{name}.pdf", f"{RESULTS}/figures/{name}.png"]


def default_targets():
    """The paper's figures, their data, the Cs extras and the claims table."""
    targets = [
        f"{RESULTS}/data/fig3.csv",
        f"{RESULTS}/data/fig4.csv",
        f"{RESULTS}/data/fig4_inset.csv",
        *figure_files("fig3"),
        *figure_files("fig4"),
        f"{RESULTS}/tables/claims.csv",
        f"{RESULTS}/tables/claims.html",
    ]
    return targets + cesium_targets()


def all_targets():
    """Default targets; with studies in the config, the studies' outputs instead."""
    studies = study_targets()
    return studies if studies else default_targets()


def claim_parts():
    """Partial claim tables computed by each part of the workflow."""
    return [f"{RESULTS}/tables/claims/{part}.csv" for part in CLAIM_PARTS]


CLAIM_PARTS = ["two_level", "cesium", "exact"]


PACKAGE = Path(workflow.basedir) / "src" / "dissipative_entanglement"


def package_sources(*parts, exclude=("figures.py", "claims.py")):
    """Library files a rule depends on (so that editing them reruns the rule).

    Each part is a module file ("plotting.py") or a subpackage ("two_level"); a
    subpackage contributes its modules except ``exclude`` (drawing and claim code, which
    the rules that use them name explicitly). The shared config and I/O modules are
    always included.
    """
    files = {PACKAGE / "config.py", PACKAGE / "io.py"}
    for part in parts:
        path = PACKAGE / part
        if path.is_dir():
            files.update(f for f in path.glob("*.py") if f.name not in exclude)
        else:
            files.add(path)
    return sorted(str(f.relative_to(workflow.basedir)) for f in files)


CESIUM_FIGURES = ["fig7", "fig8", "cs_couplings", "fig7_sensitivity"]


def cesium_setup(*exclude):
    """The cesium keys a CesiumSetup is built from (probe, cell, readings, atoms), less
    ``exclude``; ``atom`` only where the config sets it (absent: the paper's Cs133 D2).
    """
    keys = [
        "detuning_MHz",
        "probe_polarization",
        "optical_depth",
        "temperature_C",
        "model",
        "atom",
    ]
    return {
        key: section("cesium", key)
        for key in keys
        if key not in exclude and key in config["cesium"]
    }


def resonance_margin():
    """``cesium.resonance_margin_MHz`` in MHz ("doppler_fwhm": of the configured atoms)."""
    cs = config["cesium"]
    value = section("cesium", "resonance_margin_MHz")
    if value == DOPPLER_MARGIN:
        return resonance_margin_MHz(
            value, **cesium_atom(), temperature_C=cs["temperature_C"]
        )
    return value


def cesium_atom():
    """``cesium.atom`` with its defaults filled in: ``{"species", "line"}``."""
    return atom_from_config(config["cesium"].get("atom"))


def paper_atoms():
    """True if the multi-level model runs on the paper's atoms (Cs133, probe on D2)."""
    return is_cesium_d2(**cesium_atom())


def claims_cesium_inputs(key):
    """``setup``, ``fig7`` or ``fig8`` params of claims_cesium: the configured ones on the
    paper's atoms; for other atoms the shipped defaults (config/config.yaml), since the
    configured probe, cell and readings were chosen for those atoms, not for the paper's.
    """
    if paper_atoms():
        return cesium_setup("atom") if key == "setup" else section("cesium", key)
    shipped = canonical(
        load_yaml(Path(workflow.basedir) / "config" / "config.yaml")["cesium"]
    )
    if key == "setup":
        keys = [
            "detuning_MHz",
            "probe_polarization",
            "optical_depth",
            "temperature_C",
            "model",
        ]
        return {k: shipped[k] for k in keys}
    return shipped[key]


def cesium_labels():
    """Figure-title values of the Cs figures: d, detuning and the atoms."""
    return {
        "optical_depth": section("cesium", "optical_depth"),
        "detuning_MHz": section("cesium", "detuning_MHz"),
        "atom": atom_label(**cesium_atom()),
    }


def cesium_targets():
    """Cs data, figures (Figs. 7, 8, couplings, sensitivity), the rate table and, with a
    ``lab`` section, the lab-units table."""
    return [
        f"{RESULTS}/data/cs_couplings.csv",
        f"{RESULTS}/data/cs_rates.csv",
        f"{RESULTS}/data/fig7.csv",
        f"{RESULTS}/data/fig8.csv",
        *[path for name in CESIUM_FIGURES for path in figure_files(name)],
        *([f"{RESULTS}/tables/lab_units.csv"] if has_lab() else []),
    ]


def has_lab():
    """True if the config has a ``lab`` section (lab units; docs/atoms.md)."""
    return bool(config.get("lab"))


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
    "error_map_cesium",
    "three_level",
    "three_level_fit",
    "three_level_dynamics",
]


def validation_tables(wildcards=None):
    """Named CSVs of the exact-numerics checks (results/validation/<check>.csv)."""
    return {name: f"{RESULTS}/validation/{name}.csv" for name in VALIDATION_TABLES}


def claims_cesium_figures(wildcards):
    """Figs. 7 and 8 as built, if they are of the paper's atoms; else none (the script
    computes them for Cs133 D2 and the shipped defaults itself: the claims are the
    paper's, about Cs)."""
    if paper_atoms():
        return {
            "fig7": rules.fig7_data.output.table,
            "fig8": rules.fig8_data.output.table,
        }
    return {}
