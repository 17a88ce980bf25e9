"""Checks of a configuration before any job runs: schema, finite numbers, physics.

The workflow validates the merged configuration (``config/config.yaml`` overlaid by any
``--configfile``, deprecated names resolved) at parse time: :func:`validate_config`
reports every violation with the key, the value and what is allowed, and raises
:class:`ConfigError`. The physical checks are those the JSON schema cannot express:
NaN/inf, grid order, log spacing, lower bounds, and probe detunings the multi-level model
cannot describe (docs/physics.md#validity-of-the-probe-model). The checks of the studies,
comparisons and lab sections are imported only for configs that have them, and
:func:`validate_config_cached` remembers a config and package that passed, so that a
rerun parses fast.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from .config import grid_values


class ConfigError(ValueError):
    """Invalid configuration; the message lists every offending key."""


def _key(path) -> str:
    return ".".join(str(p) for p in path) if path else "<top level>"


def schema_errors(config: Mapping, schema: Mapping) -> list[str]:
    """Every JSON-schema violation as 'key = value: problem (what the key is)'.

    For ``oneOf`` alternatives (a range or a list) the most specific sub-error is
    reported; the value is omitted when it is a mapping.

    Parameters
    ----------
    config : Mapping
        The merged configuration.
    schema : Mapping
        JSON schema (draft 2020-12), ``workflow/schemas/config.schema.yaml``.

    Returns
    -------
    list of str
        One message per violation, sorted by key path; empty if the config conforms.
    """
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    messages = []
    for err in sorted(validator.iter_errors(config), key=lambda e: list(map(str, e.path))):
        # for oneOf (range or list) report the most specific sub-error
        leaf = err
        while leaf.context:  # a branch the value's type fits says more than "not a <type>"
            leaf = min(
                leaf.context,
                key=lambda e: (e.validator in ("type", "const"), -len(e.path), len(str(e.message))),
            )
        path = list(leaf.absolute_path) or list(err.path)
        description = err.schema.get("description") if isinstance(err.schema, Mapping) else None
        hint = f" ({description})" if description else ""
        shown = "" if isinstance(leaf.instance, Mapping) else f" = {leaf.instance!r}"
        messages.append(f"{_key(path)}{shown}: {leaf.message}{hint}")
    return messages


def _grids(config: Mapping) -> Iterator[tuple[list, Any, str]]:
    """(key path, grid spec, physical constraint name) for every grid with a constraint."""
    tl = config.get("two_level", {})
    ml = config.get("multilevel", {})
    for fig, key, rule in [
        ("fig3", "Z", "z"),
        ("fig3", "gamma_d_add", "nonneg"),
        ("fig4", "pump_x", "nonneg"),
        ("fig4", "gamma_d_add", "nonneg"),
        ("fig4", "inset_Z", "z"),
        ("fig4", "inset_pump_x", "nonneg"),
        ("claims", "c3_gamma_d_add", "nonneg"),
    ]:
        if key in tl.get(fig, {}):
            yield ["two_level", fig, key], tl[fig][key], rule
    for fig, key, rule in [
        ("couplings", "detuning_MHz", "any"),
        ("fig7", "x_repump", "nonneg"),
        ("fig7", "gamma_d_add", "nonneg"),
        ("fig8", "t", "nonneg"),
        ("fig8", "gamma_d_add", "nonneg"),
    ]:
        if key in ml.get(fig, {}):
            yield ["multilevel", fig, key], ml[fig][key], rule
    val = config.get("validation", {})
    maps = val.get("error_maps", {})
    for part, key, rule in [
        ("two_level", "Z", "z"),
        ("two_level", "gamma_d_add", "nonneg"),
        ("two_level", "pump_x", "nonneg"),
        ("two_level", "t", "nonneg"),
        ("multilevel", "x_repump", "nonneg"),
        ("multilevel", "gamma_d_add", "nonneg"),
        ("multilevel", "t", "nonneg"),
        ("finite_n", "Z", "z"),
        ("finite_n", "gamma_d_add", "nonneg"),
        ("finite_n", "pump_x", "nonneg"),
        ("finite_n", "t", "nonneg"),
    ]:
        if key in maps.get(part, {}):
            yield ["validation", "error_maps", part, key], maps[part][key], rule
    for part, key, rule in [
        ("finite_n", "n_atoms", "count"),
        ("finite_n", "gamma_d_add", "nonneg"),
        ("dynamics", "t", "nonneg"),
    ]:
        if key in val.get(part, {}):
            yield ["validation", part, key], val[part][key], rule


_LIMITS = {
    "z": (1.0, "must be >= 1 (Z = 1/(|mu|-|nu|) >= 1 since mu^2 - nu^2 = 1)"),
    "nonneg": (0.0, "must be >= 0 (rates, pump strengths and times are non-negative)"),
    "count": (1.0, "must be >= 1 (a number of atoms)"),
}


def physical_errors(config: Mapping) -> list[str]:
    """Checks beyond the schema: grid ordering, log spacing, physical lower bounds.

    Bounds: Z >= 1; rates (units of Gamma), pump/repump strengths and times (1/Gamma)
    >= 0; atom numbers >= 1.

    Parameters
    ----------
    config : Mapping
        The merged configuration, already valid against the schema.

    Returns
    -------
    list of str
        One message per problem, naming the key and value; empty if none.
    """
    errors = []
    for path, spec, rule in _grids(config):
        key = _key(path)
        if isinstance(spec, Mapping):
            start, stop = spec.get("start"), spec.get("stop")
            if not all(isinstance(v, int | float) for v in (start, stop)):
                continue  # the schema reports it
            if stop < start:
                errors.append(f"{key}: start = {start!r} > stop = {stop!r}; need start <= stop")
            if spec.get("num", 2) == 1 and stop != start:
                errors.append(f"{key}: num = 1 needs start == stop (got {start!r}, {stop!r})")
            if spec.get("spacing") == "log" and min(start, stop) <= 0:
                errors.append(
                    f"{key}: spacing = 'log' needs start > 0 and stop > 0 (got start = {start!r})"
                )
        if rule in _LIMITS:
            try:
                values = grid_values(spec)
            except (TypeError, ValueError, KeyError):
                continue
            lower, why = _LIMITS[rule]
            if values.size and np.nanmin(values) < lower:
                errors.append(f"{key} = {_short(spec)}: value {float(np.nanmin(values))!r} {why}")
    return errors


def nonfinite_errors(value, path=()) -> list[str]:
    """Every NaN or +-inf number anywhere in the config, with its key.

    YAML reads ``.nan`` and ``.inf`` as floats, and JSON-schema bounds do not catch NaN
    (every comparison with NaN is false), so this walk runs before the schema checks.

    Parameters
    ----------
    value : object
        A config value (mapping, list/tuple or scalar), walked recursively.
    path : tuple, optional
        Key path of ``value`` inside the config (default: the top level), used in the
        messages.

    Returns
    -------
    list of str
        One message per non-finite float; empty if there is none.
    """
    if isinstance(value, Mapping):
        return [e for k, v in value.items() for e in nonfinite_errors(v, (*path, k))]
    if isinstance(value, list | tuple):
        return [e for i, v in enumerate(value) for e in nonfinite_errors(v, (*path, i))]
    if isinstance(value, float) and not np.isfinite(value):
        return [
            f"{_key(path)} = {value!r}: not a finite number; NaN and +-inf have no "
            "physical meaning for any parameter (give a finite value)"
        ]
    return []


def multilevel_probe_errors(config: Mapping) -> list[str]:
    """The multi-level operating point against the probe model's validity.

    Runs after the schema checks, which make every key used here present.

    Parameters
    ----------
    config : Mapping
        The merged configuration; uses ``multilevel.detuning_MHz`` (MHz),
        ``multilevel.probe_polarization``, ``multilevel.model``, ``multilevel.atom``,
        ``multilevel.temperature_C`` and ``multilevel.resonance_margin_MHz`` (MHz).

    Returns
    -------
    list of str
        Empty if the atoms, their resonant fields (``multilevel.resonant_validity``) and
        the detuning are inside the validity of the model, else the messages
        (docs/physics.md#validity-of-the-probe-model, docs/atoms.md).
    """
    from .multilevel.options import MultilevelOptions
    from .multilevel.probe_validity import detuning_errors, resonance_margin_MHz
    from .multilevel.resonant_validity import atom_errors

    ml = config["multilevel"]
    try:
        options = MultilevelOptions.from_config(ml.get("model"))
    except ValueError as error:  # a combination of readings the model cannot run
        return [str(error)]
    errors = atom_errors(ml["atom"], ml["temperature_C"], options)
    if errors:
        return errors
    species, line = ml["atom"]["species"], ml["atom"]["line"]
    errors = detuning_errors(
        "multilevel.detuning_MHz",
        ml["detuning_MHz"],
        ml["probe_polarization"],
        options.detuning_reference,
        resonance_margin_MHz(ml["resonance_margin_MHz"], species, line, ml["temperature_C"]),
        species=species,
        line=line,
    )
    if options.hh_entry == "printed":
        errors.append(
            "multilevel.model.hh_entry = 'printed': Eq. (26) as printed loses an atom with "
            "every repumped one, so with any repump the only steady state is N = 0 and Fig. 7 "
            "and claims C8, C9 are undefined; allowed for the default build: 'conserving' (the "
            "printed entry is shown as an alternative in results/figures/fig7_sensitivity.pdf; "
            "docs/physics.md#r13)"
        )
    return errors


def _short(spec) -> str:
    return repr(dict(spec)) if isinstance(spec, Mapping) else repr(spec)


def validate_config(config: Mapping, schema: Mapping) -> None:
    """Raise ConfigError listing every schema and physical violation (nothing if valid).

    Non-finite numbers and schema violations are checked first; the physical, probe,
    study and comparison checks run only if there are none, the lab checks only then.

    Parameters
    ----------
    config : Mapping
        The merged configuration (``config/config.yaml`` overlaid by any ``--configfile``).
    schema : Mapping
        JSON schema of the configuration.

    Raises
    ------
    ConfigError
        Listing every violation found, one per line.
    """
    errors = nonfinite_errors(config) + schema_errors(config, schema)
    if not errors and config["multilevel"].get("optical_depth") == "cell":
        errors, config = _with_cell_optical_depth(config)
    if not errors:
        errors = physical_errors(config) + multilevel_probe_errors(config)
        if config.get("studies"):
            from .studies.study_checks import study_errors

            errors += study_errors(config)
        if config.get("comparisons"):
            from .studies.comparison import comparison_errors

            errors += comparison_errors(config)
    if not errors and config.get("lab") is not None:
        from .lab.planning import lab_errors

        errors = lab_errors(config["multilevel"], config["lab"])
        if not errors and config["lab"].get("optimum"):
            from .lab.optimum import optimum_errors

            errors = optimum_errors(config["multilevel"], config["lab"])
    if errors:
        raise ConfigError("invalid configuration (nothing was run):\n  - " + "\n  - ".join(errors))


def _with_cell_optical_depth(config: Mapping) -> tuple[list[str], Mapping]:
    """``multilevel.optical_depth: cell`` resolved to the cell's d for the later checks."""
    lab = config.get("lab") or {}
    if "cell_length_cm" not in lab:
        return [
            "multilevel.optical_depth = 'cell' needs a lab section with cell_length_cm (the "
            "model then uses the paper's d of that cell, "
            "docs/atoms.md#the-papers-d-of-a-vapour-cell)"
        ], config
    from .lab.planning import cell_model_optical_depth

    try:
        depth = cell_model_optical_depth(config["multilevel"], lab)
    except ValueError as error:
        return [f"multilevel.optical_depth = 'cell': {error}"], config
    return [], {**config, "multilevel": {**config["multilevel"], "optical_depth": depth}}


def _digest(config: Mapping, schema: Mapping, package_dir: Path) -> str:
    """sha256 over the config, the schema and every source file of the package."""
    digest = hashlib.sha256()
    digest.update(json.dumps(config, sort_keys=True, default=repr).encode())
    digest.update(json.dumps(schema, sort_keys=True, default=repr).encode())
    for file in sorted(Path(package_dir).rglob("*.py")):
        digest.update(str(file.relative_to(package_dir)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def validate_config_cached(
    config: Mapping, schema: Mapping, *, package_dir: str | Path, cache_dir: str | Path
) -> None:
    """:func:`validate_config`, skipped for a config, schema and package that passed before.

    A pass is recorded as an empty file named by the sha256 of the config, the schema and
    every ``.py`` file of the package (:func:`_digest`): any change to one of them checks
    again. A failure is never recorded.

    Parameters
    ----------
    config, schema : Mapping
        As in :func:`validate_config`.
    package_dir : str or pathlib.Path
        The package's directory (its sources enter the digest).
    cache_dir : str or pathlib.Path
        Where passes are recorded (the workflow uses ``.snakemake/config_checks``).

    Raises
    ------
    ConfigError
        As :func:`validate_config`.
    """
    marker = Path(cache_dir) / _digest(config, schema, Path(package_dir))
    if marker.is_file():
        return
    validate_config(config, schema)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()
