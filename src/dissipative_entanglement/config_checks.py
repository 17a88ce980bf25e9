"""Checks of a configuration before any job runs: schema, finite numbers, physics.

The workflow validates the merged configuration (``config/config.yaml`` overlaid by any
``--configfile``) at parse time: :func:`validate_config` reports every violation with
the key, the value and what is allowed, and raises :class:`ConfigError`. The physical
checks are those the JSON schema cannot express: NaN/inf, grid order, log spacing,
lower bounds, and Cs probe detunings the model cannot describe
(docs/physics.md#validity-of-the-probe-model).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from .cesium.options import CesiumOptions
from .cesium.probe_validity import detuning_errors, resonance_margin_MHz
from .cesium.resonant_validity import atom_errors
from .config import grid_values
from .lab.planning import lab_errors
from .studies.comparison import comparison_errors
from .studies.study_checks import study_errors


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


def cesium_probe_errors(config: Mapping) -> list[str]:
    """The Cs operating point (``cesium.detuning_MHz``) against the probe model's validity.

    Runs after the schema checks, which make every key used here present.

    Parameters
    ----------
    config : Mapping
        The merged configuration; uses ``cesium.detuning_MHz`` (MHz),
        ``cesium.probe_polarization``, ``cesium.model``, ``cesium.atom``,
        ``cesium.temperature_C`` and ``cesium.resonance_margin_MHz`` (MHz).

    Returns
    -------
    list of str
        Empty if the atoms, their resonant fields (``cesium.resonant_validity``) and the
        detuning are inside the validity of the model, else the messages
        (docs/physics.md#validity-of-the-probe-model, docs/atoms.md).
    """
    cs = config["cesium"]
    try:
        options = CesiumOptions.from_config(cs.get("model"))
    except ValueError as error:  # a combination of readings the model cannot run
        return [str(error)]
    errors = atom_errors(cs.get("atom"), cs["temperature_C"], options)
    if errors:
        return errors
    atom = cs.get("atom") or {}
    species, line = atom.get("species", "Cs133"), atom.get("line", "D2")
    errors = detuning_errors(
        "cesium.detuning_MHz",
        cs["detuning_MHz"],
        cs["probe_polarization"],
        options.detuning_reference,
        resonance_margin_MHz(cs["resonance_margin_MHz"], species, line, cs["temperature_C"]),
        species=species,
        line=line,
    )
    if options.hh_entry == "printed":
        errors.append(
            "cesium.model.hh_entry = 'printed': Eq. (26) as printed loses an atom with every "
            "repumped one, so with any repump the only steady state is N = 0 and Fig. 7 and "
            "claims C8, C9 are undefined; allowed for the default build: 'conserving' (the "
            "printed entry is shown as an alternative in results/figures/fig7_sensitivity.pdf; "
            "docs/physics.md#r13)"
        )
    return errors


def _short(spec) -> str:
    return repr(dict(spec)) if isinstance(spec, Mapping) else repr(spec)


def validate_config(config: Mapping, schema: Mapping) -> None:
    """Raise ConfigError listing every schema and physical violation (nothing if valid).

    Non-finite numbers and schema violations are checked first; the physical, Cs probe
    and study checks run only if there are none.

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
    if not errors:
        errors = physical_errors(config) + cesium_probe_errors(config) + study_errors(config)
        errors += comparison_errors(config)
    if not errors and config.get("lab") is not None:
        errors = lab_errors(config["cesium"], config["lab"])
    if errors:
        raise ConfigError("invalid configuration (nothing was run):\n  - " + "\n  - ".join(errors))
