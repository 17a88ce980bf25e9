"""Checks of the ``studies`` config section beyond the JSON schema.

Called from :func:`dissipative_entanglement.config_checks.validate_config` (so from the
workflow's parse step, before any job): every message names the offending key as
``studies.<name>.<...>``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np

from ..config import grid_values
from ..multilevel.options import MultilevelOptions
from ..multilevel.probe_validity import detuning_errors, resonance_margin_MHz
from ..multilevel.resonant_validity import atom_errors
from .kernels import MODEL_PARAMETERS, get_kernel, registered
from .spec import FIXED_DEFAULTS, fixed_default, grid_size

NAME = re.compile(r"^[A-Za-z0-9_-]+$")
MAX_POINTS = 10**10  # a guard against typos: 10^10 points is ~ 300 GB of results

#: Physical lower bounds per parameter: (bound, inclusive, why).
LOWER_BOUNDS = {
    "optical_depth": (0.0, True, "optical depths are >= 0"),
    "Z": (1.0, True, "Z = 1/(|mu|-|nu|) >= 1 since mu^2 - nu^2 = 1"),
    "pump_x": (0.0, True, "pump strengths are >= 0"),
    "gamma_d_add": (0.0, True, "dephasing rates are >= 0"),
    "x_repump": (0.0, True, "repump strengths are >= 0"),
    "temperature_C": (-273.15, False, "temperatures are above absolute zero"),
}

#: Kernel options the two-level optimiser understands (multilevel options pass through).
KNOWN_OPTIONS = {
    ("two_level", "xi_opt"): {"z_max", "n_scan", "xtol"},
    ("two_level", "xi_inf"): set(),
    ("multilevel", "xi_exp_inf"): {"probe_polarization", "model", "atom"},
}


def _grid_errors(key: str, parameter: str, spec) -> list[str]:
    errors = []
    if isinstance(spec, Mapping):
        start, stop, num = spec.get("start"), spec.get("stop"), spec.get("num")
        if not isinstance(num, int) or num < 1:
            return [f"{key}.num = {num!r}: an empty range; need num >= 1"]
        if not all(isinstance(v, int | float) for v in (start, stop)):
            return [f"{key}: start and stop must be numbers (got {start!r}, {stop!r})"]
        if stop < start:
            errors.append(f"{key}: start = {start!r} > stop = {stop!r}; need start <= stop")
        if num == 1 and stop != start:
            errors.append(f"{key}: num = 1 needs start == stop (got {start!r}, {stop!r})")
        if spec.get("spacing") == "log" and min(start, stop) <= 0:
            errors.append(f"{key}: spacing = 'log' needs start > 0 and stop > 0")
    elif isinstance(spec, list | tuple):
        if not spec:
            return [f"{key} = []: an empty list; give at least one value"]
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in spec):
            return [f"{key} = {spec!r}: every value must be a number"]
        if len(set(spec)) != len(spec):
            errors.append(f"{key} = {spec!r}: repeated values")
    else:
        return [f"{key} = {spec!r}: give a range {{start, stop, num}} or a list of numbers"]
    if errors:
        return errors
    return _bound_errors(key, parameter, grid_values(spec))


def _bound_errors(key: str, parameter: str, values) -> list[str]:
    if parameter not in LOWER_BOUNDS:
        return []
    bound, inclusive, why = LOWER_BOUNDS[parameter]
    values = np.asarray(values, dtype=float)
    low = float(np.min(values)) if values.size else bound
    bad = low < bound if inclusive else low <= bound
    if bad or not np.all(np.isfinite(values)):
        relation = ">=" if inclusive else ">"
        return [f"{key}: value {low!r} out of range; need {relation} {bound:g} ({why})"]
    return []


def study_errors(config: Mapping) -> list[str]:
    """Every problem of the ``studies`` section, each naming its key (empty if valid).

    Checks names, model and quantity, swept and fixed parameters (grid form and physical
    lower bounds), chunk counts, kernel options and, for the multi-level model, the probe
    detunings (MHz).

    Parameters
    ----------
    config : Mapping
        The merged configuration; only ``studies`` is checked, the rest supplies defaults.

    Returns
    -------
    list of str
        One message per problem, each naming ``studies.<name>.<...>``; empty if the
        section is absent or valid.
    """
    studies = config.get("studies")
    if studies is None:
        return []
    if not isinstance(studies, Mapping):
        return [f"studies = {studies!r}: must be a mapping of study name to study"]
    errors = []
    for name, study in studies.items():
        base = f"studies.{name}"
        if not isinstance(name, str) or not NAME.match(name):
            errors.append(f"{base}: bad study name {name!r}; use letters, digits, _ and - only")
        if not isinstance(study, Mapping):
            errors.append(f"{base}: must be a mapping (model, quantity, sweep, ...)")
            continue
        errors += _one_study(base, study, config)
    return errors


def _one_study(base: str, study: Mapping, config: Mapping) -> list[str]:
    model, quantity = study.get("model"), study.get("quantity")
    if model not in MODEL_PARAMETERS:
        return [f"{base}.model = {model!r}: unknown model; one of {sorted(MODEL_PARAMETERS)}"]
    quantities = sorted(q for m, q in registered() if m == model)
    if quantity not in quantities:
        return [f"{base}.quantity = {quantity!r}: unknown for model {model!r}; one of {quantities}"]
    kernel = get_kernel(model, quantity)
    errors = []
    sweep = study.get("sweep") or {}
    fixed = study.get("fixed") or {}
    if not isinstance(sweep, Mapping) or not sweep:
        errors.append(f"{base}.sweep: sweep at least one parameter of {list(kernel.parameters)}")
        sweep = {}
    if not isinstance(fixed, Mapping):
        errors.append(f"{base}.fixed: must be a mapping of parameter to number")
        fixed = {}
    for section, entries in (("sweep", sweep), ("fixed", fixed)):
        for parameter in entries:
            key = f"{base}.{section}.{parameter}"
            if parameter not in MODEL_PARAMETERS[model]:
                errors.append(
                    f"{key}: unknown parameter {parameter!r} of model {model!r}; "
                    f"one of {list(MODEL_PARAMETERS[model])}"
                )
            elif parameter not in kernel.parameters:
                errors.append(
                    f"{key}: {parameter!r} cannot be set for {quantity!r} "
                    f"({quantity} is optimised over it)"
                )
    for parameter in sweep:
        if parameter in fixed:
            errors.append(f"{base}.fixed.{parameter}: {parameter!r} is both swept and fixed")
    for parameter, spec in sweep.items():
        if parameter in kernel.parameters:
            errors += _grid_errors(f"{base}.sweep.{parameter}", parameter, spec)
    for parameter, value in fixed.items():
        if parameter in kernel.parameters and parameter not in sweep:
            key = f"{base}.fixed.{parameter}"
            if not isinstance(value, int | float) or isinstance(value, bool):
                errors.append(f"{key} = {value!r}: must be a number")
            else:
                errors += _bound_errors(key, parameter, [value])
    for parameter in kernel.parameters:
        if parameter in sweep or parameter in fixed:
            continue
        if fixed_default(model, parameter, config) is None:
            why = "no default" if FIXED_DEFAULTS[model].get(parameter) is None else "not in config"
            errors.append(
                f"{base}.fixed.{parameter}: required ({why}); sweep it or give a fixed value"
            )
    chunks = study.get("chunks", 1)
    if not isinstance(chunks, int) or isinstance(chunks, bool) or chunks < 1:
        errors.append(f"{base}.chunks = {chunks!r}: need an integer >= 1")
    elif not errors:
        size = grid_size(sweep)
        if chunks > size:
            errors.append(f"{base}.chunks = {chunks}: more chunks than the {size} grid points")
        if size > MAX_POINTS:
            errors.append(f"{base}.sweep: {size:.3g} grid points > {MAX_POINTS:.0e} (a typo?)")
    options = study.get("options") or {}
    if model == "multilevel" and not errors and isinstance(options, Mapping):
        errors += _multilevel_detuning_errors(base, sweep, fixed, options, config)
    known = KNOWN_OPTIONS.get((model, quantity))
    if not isinstance(options, Mapping):
        errors.append(f"{base}.options: must be a mapping")
    elif known is not None:
        for option, value in options.items():
            if option not in known:
                errors.append(
                    f"{base}.options.{option}: unknown option for {quantity!r}; "
                    f"one of {sorted(known)}"
                )
            elif option in OPTION_RULES and not _option_ok(option, value):
                errors.append(f"{base}.options.{option} = {value!r}: {OPTION_RULES[option][1]}")
    return errors


def _multilevel_detuning_errors(
    base: str, sweep: Mapping, fixed: Mapping, options: Mapping, config: Mapping
) -> list[str]:
    """The study's atoms, resonant fields and probe detunings against the model's validity."""
    cs = config["multilevel"]
    try:
        model = MultilevelOptions.from_config(options.get("model", cs.get("model")))
    except ValueError as error:
        return [f"{base}.options.model: {error}"]
    atom = {**cs["atom"], **(options.get("atom") or {})}  # a study's atom merges over the config's
    key = f"{base}.options.atom" if "atom" in options else "multilevel.atom"
    if "temperature_C" in sweep:
        temperatures = grid_values(sweep["temperature_C"])
    else:
        temperatures = fixed.get("temperature_C", cs["temperature_C"])
    polarization = options.get("probe_polarization", cs["probe_polarization"])
    if polarization not in ("y", "x"):
        return [f"{base}.options.probe_polarization = {polarization!r}: one of ['x', 'y']"]
    errors = atom_errors(atom, temperatures, model, key=key)
    if errors:
        return errors
    species, line = atom["species"], atom["line"]
    if "detuning_MHz" in sweep:
        key, values = f"{base}.sweep.detuning_MHz", grid_values(sweep["detuning_MHz"])
    elif "detuning_MHz" in fixed:
        key, values = f"{base}.fixed.detuning_MHz", [fixed["detuning_MHz"]]
    else:
        return []  # the default, multilevel.detuning_MHz, is checked on its own
    return detuning_errors(
        key,
        values,
        options.get("probe_polarization", cs["probe_polarization"]),
        model.detuning_reference,
        resonance_margin_MHz(cs["resonance_margin_MHz"], species, line, temperatures),
        species=species,
        line=line,
    )


#: Checks of the two-level optimiser options (as the schema's two_level.optimizer).
OPTION_RULES = {
    "z_max": (lambda v: v > 1, "need z_max > 1 (upper end of the Z interval [1, z_max])"),
    "n_scan": (lambda v: isinstance(v, int) and 3 <= v <= 100000, "need an integer 3..100000"),
    "xtol": (lambda v: 0 < v <= 0.01, "need 0 < xtol <= 0.01 (tolerance on ln Z)"),
}


def _option_ok(option: str, value) -> bool:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    return bool(OPTION_RULES[option][0](value))
