"""Deprecated config names, read as their replacements before any check.

Each entry names the old key or value, the new one and why it was renamed; the workflow
resolves them once at parse time (:func:`resolve_deprecations`), prints one warning line
per old name it met, and refuses a config that sets an old name and its replacement
together (which one was meant is then unclear). Outputs do not depend on which name a
config uses: the resolved config is the same mapping.

==================================================  ==================================
deprecated                                          read as
==================================================  ==================================
``cesium:`` (the section of the Sec. IV model)      ``multilevel:``
a study's ``model: cesium``                         ``model: multilevel``
``validation.error_maps.cesium``                    ``validation.error_maps.multilevel``
``h_return: f3_manifold`` (anywhere)                ``h_return: lower_manifold``
==================================================  ==================================

The model runs every alkali species of :mod:`dissipative_entanglement.atoms`, not only
Cs-133, and its lower-manifold reading every F_low, not only Cs's F = 3.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping

from .config import merge_config

#: (old section path, new section path) of renamed config sections
RENAMED_SECTIONS = (
    (("cesium",), ("multilevel",)),
    (("validation", "error_maps", "cesium"), ("validation", "error_maps", "multilevel")),
)
#: renamed model names of a study's ``model``
RENAMED_MODELS = {"cesium": "multilevel"}
#: renamed values of ``h_return``
RENAMED_H_RETURN = {"f3_manifold": "lower_manifold"}


def _get(mapping, path):
    for key in path:
        if not isinstance(mapping, Mapping) or key not in mapping:
            return None
        mapping = mapping[key]
    return mapping


def _key(path) -> str:
    return ".".join(path)


def resolve_deprecations(config: Mapping, user_config: Mapping | None = None):
    """The config with every deprecated name replaced, the warnings and the refusals.

    Parameters
    ----------
    config : Mapping
        The merged configuration (shipped defaults overlaid by the user's files).
    user_config : Mapping, optional
        What the user's files and command line set (Snakemake's overwrite config), to
        tell a name the user set from a shipped default; default: ``config`` itself.

    Returns
    -------
    resolved : dict
        A deep copy of ``config`` with the new names only; an old section is merged over
        the shipped defaults of the new one.
    warnings : list of str
        One line per deprecated name met, naming the new one.
    errors : list of str
        One line per old name set together with its replacement.
    """
    user = config if user_config is None else user_config
    resolved = copy.deepcopy(dict(config))
    warnings, errors = [], []
    for old, new in RENAMED_SECTIONS:
        old_value = _get(resolved, old)
        if old_value is None:
            continue
        parent = _get(resolved, old[:-1]) if len(old) > 1 else resolved
        if _get(user, old) is not None and _get(user, new) is not None:
            errors.append(
                f"{_key(old)} and {_key(new)} are both set: {_key(old)} is the deprecated name "
                f"of {_key(new)}; keep only {_key(new)}"
            )
            continue
        del parent[old[-1]]
        target = _get(resolved, new[:-1]) if len(new) > 1 else resolved
        target[new[-1]] = merge_config(target.get(new[-1]) or {}, old_value)
        warnings.append(f"config key {_key(old)!r} is deprecated: use {_key(new)!r} (same keys)")
    for name, study in (resolved.get("studies") or {}).items():
        if isinstance(study, Mapping) and study.get("model") in RENAMED_MODELS:
            old_model = study["model"]
            study["model"] = RENAMED_MODELS[old_model]
            warnings.append(
                f"studies.{name}.model = {old_model!r} is deprecated: use {study['model']!r}"
            )
    for path, model in _model_sections(resolved):
        value = model.get("h_return")
        if value in RENAMED_H_RETURN:
            model["h_return"] = RENAMED_H_RETURN[value]
            warnings.append(
                f"{_key(path)}.h_return = {value!r} is deprecated: use {model['h_return']!r}"
            )
    return resolved, warnings, errors


def _model_sections(config):
    """(path, mapping) of every ``model`` readings mapping: the section's and the studies'."""
    model = _get(config, ("multilevel", "model"))
    if isinstance(model, Mapping):
        yield ("multilevel", "model"), model
    for name, study in (config.get("studies") or {}).items():
        model = _get(study, ("options", "model"))
        if isinstance(model, Mapping):
            yield ("studies", name, "options", "model"), model


__all__ = ["resolve_deprecations"]
