"""Configuration values: parameter grids, YAML loading, merging, canonical params.

The checks of a configuration (schema, physical meaning) are in :mod:`.config_checks`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import yaml


def grid_values(spec) -> np.ndarray:
    """Values of a config grid: a range {start, stop, num[, spacing]} or a list of numbers.

    ``spacing: log`` gives ``num`` points evenly spaced in log10 between start and stop.

    Parameters
    ----------
    spec : mapping, list, tuple or number
        ``{start, stop, num[, spacing]}`` (``spacing`` is ``linear``, the default, or
        ``log``), an explicit list of numbers, or a single number. The values carry the
        unit of the parameter they sweep (rates in units of Gamma, times in 1/Gamma,
        detunings in MHz, temperatures in degrees C, else dimensionless).

    Returns
    -------
    ndarray, shape (n,)
        The grid as float64, in the unit of the parameter; a single number gives n = 1.
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
    """Read a YAML file with ``yaml.safe_load``; an empty file gives ``{}``.

    Exponent-notation numbers are read as YAML 1.2 reads them
    (:func:`exponent_numbers_as_floats`).

    Parameters
    ----------
    path : str or pathlib.Path
        YAML file (e.g. ``config/config.yaml`` or a study file).

    Returns
    -------
    dict
        The parsed document.
    """
    with open(path) as fh:
        return exponent_numbers_as_floats(yaml.safe_load(fh) or {})


#: numbers in exponent notation that YAML 1.2 reads as floats and PyYAML (YAML 1.1, which
#: wants a decimal point and a signed exponent) leaves as strings: 3.612e10, 1e-3, 5E+2
_EXPONENT_NUMBER = re.compile(r"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+$")
#: keys whose values are names, never numbers
_NAME_KEYS = frozenset({"run", "name", "title"})


def exponent_numbers_as_floats(value, key=None):
    """A copy of a config value with exponent-notation strings read as floats (YAML 1.2).

    PyYAML, which reads every config and study file, follows YAML 1.1: ``3.612e10`` is a
    string there, ``3.612e+10`` a float. Every string that YAML 1.2 reads as a float
    becomes that float, so both spellings mean the number; values of name keys (``run``,
    ``name``, ``title``) stay as written.

    Parameters
    ----------
    value : object
        A config value (mapping, list or scalar), walked recursively.
    key : str, optional
        The key ``value`` sits under.

    Returns
    -------
    object
        The same structure with new mappings and lists where anything changed.
    """
    if isinstance(value, Mapping):
        return {k: exponent_numbers_as_floats(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [exponent_numbers_as_floats(v, key) for v in value]
    if isinstance(value, str) and key not in _NAME_KEYS and _EXPONENT_NUMBER.match(value):
        return float(value)
    return value


def merge_config(base: Mapping, override: Mapping) -> dict:
    """Recursive merge: mappings merge key by key, anything else in ``override`` replaces.

    Parameters
    ----------
    base : Mapping
        Configuration to start from (not modified).
    override : Mapping
        Configuration whose values win (e.g. a ``--configfile``).

    Returns
    -------
    dict
        A new merged mapping (nested mappings that are merged are new dicts; other values
        are shared, not copied).
    """
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge_config(out[key], value)
        else:
            out[key] = value
    return out


def canonical(value):
    """Plain-Python, key-sorted copy of a config section (stable Snakemake params).

    Parameters
    ----------
    value : object
        A config value: mapping, list/tuple, numpy scalar or plain scalar (units as in
        the config).

    Returns
    -------
    object
        Mappings become dicts with str keys in sorted order, lists/tuples become lists,
        numpy scalars become Python scalars (recursively); anything else is returned as is.
    """
    if isinstance(value, Mapping):
        return {str(k): canonical(value[k]) for k in sorted(value)}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value
