"""Configuration: parameter grids, schema validation with clear messages, physical checks.

The workflow validates the merged configuration (``config/config.yaml`` overlaid by any
``--configfile``) before any job runs: :func:`validate_config` reports every violation
with the key, the value and what is allowed, and raises :class:`ConfigError`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import yaml


class ConfigError(ValueError):
    """Invalid configuration; the message lists every offending key."""


def grid_values(spec) -> np.ndarray:
    """Values of a config grid: a range {start, stop, num[, spacing]} or a list of numbers.

    ``spacing: log`` gives ``num`` points evenly spaced in log10 between start and stop.
    """
    if isinstance(spec, Mapping):
        start, stop, num = float(spec["start"]), float(spec["stop"]), int(spec["num"])
        if spec.get("spacing", "linear") == "log":
            return np.geomspace(start, stop, num)
        return np.linspace(start, stop, num)
    if isinstance(spec, list | tuple):
        return np.asarray(spec, dtype=float)
    return np.asarray([spec], dtype=float)


def load_yaml(path: str | Path) -> dict:
    with open(path) as fh:
        return yaml.safe_load(fh) or {}


def merge_config(base: Mapping, override: Mapping) -> dict:
    """Recursive merge: mappings merge key by key, anything else in ``override`` replaces."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge_config(out[key], value)
        else:
            out[key] = value
    return out


def _key(path) -> str:
    return ".".join(str(p) for p in path) if path else "<top level>"


def schema_errors(config: Mapping, schema: Mapping) -> list[str]:
    """Every JSON-schema violation as 'key = value: problem (what the key is)'."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    messages = []
    for err in sorted(validator.iter_errors(config), key=lambda e: list(map(str, e.path))):
        # for oneOf (range or list) report the most specific sub-error
        leaf = err
        while leaf.context:
            leaf = min(leaf.context, key=lambda e: (-len(e.path), len(str(e.message))))
        path = list(leaf.absolute_path) or list(err.path)
        description = err.schema.get("description") if isinstance(err.schema, Mapping) else None
        hint = f" ({description})" if description else ""
        shown = "" if isinstance(leaf.instance, Mapping) else f" = {leaf.instance!r}"
        messages.append(f"{_key(path)}{shown}: {leaf.message}{hint}")
    return messages


def _grids(config: Mapping) -> Iterator[tuple[list, Any, str]]:
    """(key path, grid spec, physical constraint name) for every grid with a constraint."""
    tl = config.get("two_level", {})
    cs = config.get("cesium", {})
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
        if key in cs.get(fig, {}):
            yield ["cesium", fig, key], cs[fig][key], rule
    val = config.get("validation", {})
    maps = val.get("error_maps", {})
    for part, key, rule in [
        ("two_level", "Z", "z"),
        ("two_level", "gamma_d_add", "nonneg"),
        ("two_level", "pump_x", "nonneg"),
        ("two_level", "t", "nonneg"),
        ("cesium", "x_repump", "nonneg"),
        ("cesium", "gamma_d_add", "nonneg"),
        ("cesium", "t", "nonneg"),
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
    """Checks beyond the schema: grid ordering, log spacing, physical lower bounds."""
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


def probe_detuning_errors(
    key: str, detuning_MHz, probe_polarization: str, detuning_reference: str, margin_MHz: float
) -> list[str]:
    """Problems of Cs probe detunings: too close to a D2 line, or no real (mu, nu).

    ``key`` names the config entry in the messages; the rules are those of
    :mod:`dissipative_entanglement.cesium.probe_validity` (docs/physics.md).
    """
    from .cesium.probe_validity import (
        allowed_detuning_intervals_MHz,
        format_intervals,
        probe_detuning_problems,
    )

    values = np.atleast_1d(np.asarray(detuning_MHz, dtype=float))
    reasons = probe_detuning_problems(values, probe_polarization, detuning_reference, margin_MHz)
    bad = np.flatnonzero(reasons != "")
    if not bad.size:
        return []
    allowed = format_intervals(
        allowed_detuning_intervals_MHz(probe_polarization, detuning_reference, margin_MHz)
    )
    shown = ", ".join(f"{values[i]:g} ({reasons[i]})" for i in bad[:3])
    more = f" and {bad.size - 3} more" if bad.size > 3 else ""
    return [
        f"{key}: {bad.size} of {values.size} detuning(s) outside the off-resonant probe model: "
        f"{shown}{more}. Allowed for probe_polarization = {probe_polarization!r}, counted "
        f"from {detuning_reference} with cesium.resonance_margin_MHz = {margin_MHz:g}: "
        f"{allowed} MHz (see docs/physics.md#validity-of-the-probe-model)"
    ]


def cesium_probe_errors(config: Mapping) -> list[str]:
    """The Cs operating point (``cesium.detuning_MHz``) against the probe model's validity.

    Runs after the schema checks, which make every key used here present.
    """
    from .cesium.scenario import CesiumOptions

    cs = config["cesium"]
    return probe_detuning_errors(
        "cesium.detuning_MHz",
        cs["detuning_MHz"],
        cs["probe_polarization"],
        CesiumOptions.from_config(cs.get("model")).detuning_reference,
        cs["resonance_margin_MHz"],
    )


def _short(spec) -> str:
    return repr(dict(spec)) if isinstance(spec, Mapping) else repr(spec)


def validate_config(config: Mapping, schema: Mapping) -> None:
    """Raise ConfigError listing every schema and physical violation (nothing if valid)."""
    errors = nonfinite_errors(config) + schema_errors(config, schema)
    if not errors:
        from .studies.validation import study_errors

        errors = physical_errors(config) + cesium_probe_errors(config) + study_errors(config)
    if errors:
        raise ConfigError("invalid configuration (nothing was run):\n  - " + "\n  - ".join(errors))


def canonical(value):
    """Plain-Python, key-sorted copy of a config section (stable Snakemake params)."""
    if isinstance(value, Mapping):
        return {str(k): canonical(value[k]) for k in sorted(value)}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value
