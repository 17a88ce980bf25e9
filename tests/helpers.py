"""Helpers shared by the tests: the repository, running the workflow, the paper's setup.

Each helper lives here once; the test modules import them (``from ..helpers import ...``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import yaml

from dissipative_entanglement.config import load_yaml

REPO = Path(__file__).resolve().parents[1]
#: the shipped defaults, the paper's parameters
SHIPPED_CONFIG = REPO / "config" / "config.yaml"


#: a number as the docs print it: sign (− or -), digits, decimals, then "e-4" or " × 10⁻³"
PRINTED_NUMBER = r"[−+-]?\d+(?:\.\d+)?(?:e[−+-]?\d+| × 10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)?"
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def _printed_parts(text: str) -> tuple[str, int]:
    """(mantissa, decimal exponent) of a number as a doc prints it (:data:`PRINTED_NUMBER`)."""
    if not re.fullmatch(PRINTED_NUMBER, text.strip()):
        raise ValueError(f"not a printed number: {text!r}")
    text = text.replace("−", "-").replace(" ", "")
    if "×10" in text:
        mantissa, exponent = text.split("×10")
        return mantissa, int(exponent.translate(_SUPERSCRIPTS))
    mantissa, _, exponent = text.partition("e")
    return mantissa, int(exponent or 0)


def printed_value(text: str) -> float:
    """The value of a printed number: "−0.0941" -> -0.0941, "8.322 × 10⁷" -> 8.322e7."""
    mantissa, exponent = _printed_parts(text)
    return float(f"{mantissa}e{exponent}")


def printed_tolerance(text: str) -> float:
    """Half a unit in the last printed digit: "0.9355" -> 5e-5, "6.85 × 10⁴" -> 50."""
    mantissa, exponent = _printed_parts(text)
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return float(f"5e{exponent - decimals - 1}")


def assert_printed(printed: str, value, what: str = "") -> None:
    """``value`` rounds to the number ``printed`` (within :func:`printed_tolerance`; the
    factor 1 + 1e-9 only absorbs the binary representation of an exact tie)."""
    value = float(value)
    expected, tolerance = printed_value(printed), printed_tolerance(printed)
    assert abs(value - expected) <= tolerance * (1 + 1e-9), (
        f"{what}: the doc prints {printed}, the code gives {value!r}"
    )


def copy_workflow(target: Path) -> Path:
    """Copy what the workflow needs (Snakefile, workflow/, config/, src/) into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "Snakefile", target / "Snakefile")
    for name in ["workflow", "config", "src"]:
        shutil.copytree(
            REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
        )
    return target


def one(series, key):
    """The value at ``key`` of a Series whose MultiIndex repeats other keys: pandas < 3.1 gives
    a one-row Series for ``series[key]`` there, later pandas the value."""
    return series.loc[[key]].item()


def link_workflow(target: Path, extra: tuple[str, ...] = ()) -> Path:
    """A working directory with the workflow (and ``extra`` top-level entries of the
    repository, e.g. "tests" for its cluster scripts) linked in; results stay in ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ["Snakefile", "workflow", "config", "src", *extra]:
        (target / name).symlink_to(REPO / name)
    return target


def snakemake_env() -> dict:
    """The environment of a local test run of Snakemake.

    A fixed hash seed, and SLURM_CONF pointing at an empty file: the test extra installs
    snakemake-executor-plugin-slurm, which runs `scontrol show config` whenever Snakemake
    loads it, i.e. on every command. Where SLURM's clients are installed, scontrol with no
    slurm.conf retries for 60 s (capped by the plugin at 10 s), and with a controller that
    does not answer it waits ~9 s. An empty slurm.conf (os.devnull) makes it fail at once,
    without touching the network; nothing local reads SLURM_CONF otherwise
    (benchmarks/bench_dry_run_slurm.py measures it; numbers in benchmarks/README.md).
    """
    return {**os.environ, "PYTHONHASHSEED": "0", "SLURM_CONF": os.devnull}


def run_snakemake(workdir: Path, *args: str, check: bool = True, timeout: int = 900):
    """Run snakemake in ``workdir``; return the CompletedProcess (stdout+stderr apart)."""
    proc = subprocess.run(
        [sys.executable, "-m", "snakemake", *map(str, args)],
        cwd=workdir,
        env=snakemake_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"snakemake {' '.join(map(str, args))} failed:\n{proc.stdout[-4000:]}\n"
            f"{proc.stderr[-8000:]}"
        )
    return proc


def planned_rules(proc) -> set[str]:
    """Rule names in the "Job stats" table of a dry run (empty if nothing to do)."""
    text = proc.stdout + proc.stderr
    if "Job stats:" not in text:
        return set()
    table = text.split("Job stats:", 1)[1].split("\n\n", 1)[0]
    rows = [line.split() for line in table.splitlines()[3:]]
    return {row[0] for row in rows if len(row) == 2 and row[0] != "total"}


def write_config(path: Path, config: dict) -> Path:
    """Write a config mapping as YAML to ``path``; return the path."""
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def paper_multilevel_section() -> dict:
    """The ``multilevel`` section of the shipped config: the paper's Cs-133 scenario."""
    return load_yaml(SHIPPED_CONFIG)["multilevel"]


def paper_setup(**changes):
    """The paper's :class:`MultilevelSetup` (shipped config), with ``changes`` applied."""
    from dissipative_entanglement.multilevel.setup import MultilevelSetup

    setup = MultilevelSetup.from_config(paper_multilevel_section())
    return setup.replace(**changes) if changes else setup


def xi_long_time_eq30(n_up, n_down, gamma_bar, optical_depth, z, f_upper):
    """Eq. (30), written out here for the tests (independent of the package).

    xi = (Gbar + d N_2 P_2^2/Z^2)/(Gbar + d N_2 P_2) 2F/(P_2 + 2F - 1)
         + N_down/N_2 2(2F - 1)/(P_2 + 2F - 1), populations in units of N.
    """
    n2 = n_up + n_down
    p2 = (n_up - n_down) / n2
    sigma2 = (
        n2 * (gamma_bar + optical_depth * n2 * p2**2 / z**2) / (gamma_bar + optical_depth * n2 * p2)
    )
    f = f_upper
    return (2 * f * sigma2 + 2 * (2 * f - 1) * n_down) / np.abs(n2 * (p2 + 2 * f - 1))


SCHEMA_FILE = REPO / "workflow" / "schemas" / "config.schema.yaml"


def resolved_config(user: dict) -> dict:
    """The config a user's file gives: shipped defaults, the file over them, deprecated
    names resolved (as the workflow does at parse time); refusals raise ConfigError."""
    from dissipative_entanglement.config import merge_config
    from dissipative_entanglement.config_checks import ConfigError
    from dissipative_entanglement.config_deprecations import resolve_deprecations

    merged = merge_config(load_yaml(SHIPPED_CONFIG), user)
    resolved, _, refused = resolve_deprecations(merged, user)
    if refused:
        raise ConfigError("invalid configuration (nothing was run):\n  - " + "\n  - ".join(refused))
    return resolved


def rb87_d2_multilevel(**changes) -> dict:
    """The ``multilevel`` section of a Rb-87 D2 cell at 40 C, +700 MHz from F=2 -> F'=3,
    margin one Doppler FWHM, doppler_weighted pump (the planning example's atoms), d = 100
    unless ``changes`` say otherwise; shipped defaults for the rest."""
    section = resolved_config(
        {
            "multilevel": {
                "atom": {"species": "Rb87", "line": "D2"},
                "detuning_MHz": 700,
                "temperature_C": 40,
                "resonance_margin_MHz": "doppler_fwhm",
                "optical_depth": 100.0,
                "model": {"pump_levels": "doppler_weighted"},
            }
        }
    )["multilevel"]
    return {**section, **changes}


def config_errors(user) -> str:
    """The message the workflow gives for a user's config (a mapping or YAML text), ""
    if it is valid."""
    from dissipative_entanglement.config_checks import ConfigError, validate_config

    if isinstance(user, str):
        user = yaml.safe_load(user) or {}
    try:
        validate_config(resolved_config(user), load_yaml(SCHEMA_FILE))
    except ConfigError as error:
        return str(error)
    return ""


#: the validation target on small grids (each check in seconds), as a config file
SMALL_VALIDATION = {
    "validation": {
        "bosonic": {"cutoffs": [2, 4], "noise_cutoff": 6, "noise_rates": [0.0, 0.1]},
        "collective_dephasing": {"n_atoms": [1, 2, 3]},
        "averaged_rates": {"k_l_L": [5, 10, 20], "R_over_L": [1.0]},
        "finite_n": {"n_atoms": {"start": 1, "stop": 4, "num": 4}, "gamma_d_add": [0]},
        "dynamics": {"n_atoms": [2], "t": {"start": 0, "stop": 2, "num": 11}},
        "error_maps": {
            "two_level": {
                "Z": {"start": 1.1, "stop": 2.0, "num": 3},
                "gamma_d_add": [0, 10],
                "t": {"start": 0, "stop": 5, "num": 51},
            },
            "multilevel": {
                "x_repump": [0.1, 1.0],
                "gamma_d_add": [0],
                "t": {"start": 0, "stop": 0.5, "num": 26},
            },
        },
        "three_level": {
            "n_atoms": [1, 2, 3, 4],  # four: the 1/N fit has uncertainties
            "optical_depth": [1.0],
            "x_repump": [0.1, 1.0],
            "gamma_d_add": 0,
            "dynamics_n_atoms": [1, 2],
            "t": {"start": 0, "stop": 0.5, "num": 6},
        },
    }
}
