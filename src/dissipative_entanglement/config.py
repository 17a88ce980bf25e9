"""Configuration values: parameter grids, YAML loading, merging, canonical params.

The checks of a configuration (schema, physical meaning) are in :mod:`.config_checks`.
"""

from __future__ import annotations

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
        return yaml.safe_load(fh) or {}


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
