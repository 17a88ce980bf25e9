"""Comparisons of multi-level-model studies: the best xi_exp,inf over detuning, study by study.

A ``comparisons`` entry of the config names studies of the multi-level model (model
``multilevel``, quantity ``xi_exp_inf``), each sweeping ``detuning_MHz`` and
``optical_depth``, typically one per species and probe line (``options.atom``; the
species study ``config/studies/species.yaml``). For every study and optical depth the
comparison takes the minimum of xi_exp,inf (Eq. (30)) over the detuning grid (the figure);
at the listed optical depths the table refines it by bounded minimisation between the grid
neighbours of the grid's best detuning (:func:`refined_optimum`, scipy's bounded Brent
method, to 0.01 MHz), says whether it lies on the edge of the study's detuning range, and
gives the operating point there (Z, pump and repump
strength, :func:`dissipative_entanglement.multilevel.operating_point.operating_point`) and,
with a ``lab`` entry in the comparison, the rate unit Gamma in s^-1, 1/Gamma and the time
to the steady state in ms, and the pump and repump intensities for that probe
(:mod:`dissipative_entanglement.lab.planning`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..config import grid_values
from ..lab.planning import LabSpec, lab_table
from ..multilevel.operating_point import operating_point
from ..multilevel.options import MultilevelOptions
from ..multilevel.setup import MultilevelSetup, atom_from_config, species_label
from ..plotting import legend_outside
from .spec import resolve_study

#: the sweep a compared study must have
AXES = ("detuning_MHz", "optical_depth")
#: relative tolerance for a listed optical depth to be a grid value
_ON_GRID = 1e-9
#: lab rows copied into the table, with their column names
LAB_COLUMNS = {
    "rate_unit_Gamma": "Gamma_per_s",
    "unit_time": "unit_time_ms",
    "time_to_steady_state": "time_to_steady_state_ms",
    "pump_intensity": "pump_intensity_mW_cm2",
    "repump_intensity": "repump_intensity_mW_cm2",
    "probe_intensity": "probe_intensity_mW_cm2",
}


def comparison_errors(config: Mapping) -> list[str]:
    """Config messages for the ``comparisons`` section (before any job).

    A comparison is of Sec. IV's steady state (Eq. (30)) across studies; this checks that
    its studies can be compared on that footing.

    Parameters
    ----------
    config : mapping
        The merged configuration (study checks have passed).

    Returns
    -------
    list of str
        Unknown studies; studies that are not multilevel/xi_exp_inf sweeping exactly
        ``detuning_MHz`` and ``optical_depth``; studies without one common x_repump and
        Gamma_d^add (compared as resolved numbers, defaults included); listed optical
        depths that are not values of every study's grid; a ``lab`` entry that
        :meth:`~dissipative_entanglement.lab.planning.LabSpec.from_config` refuses.
    """
    comparisons = config.get("comparisons") or {}
    if not isinstance(comparisons, Mapping):
        return [f"comparisons = {comparisons!r}: must be a mapping of name to comparison"]
    studies = config.get("studies") or {}
    errors = []
    for name, entry in comparisons.items():
        base = f"comparisons.{name}"
        if entry.get("lab") is not None:
            try:
                LabSpec.from_config(entry["lab"])
            except ValueError as error:
                errors.append(f"{base}.{error}")
        common: dict[str, set] = {"x_repump": set(), "gamma_d_add": set()}
        for study in entry["studies"]:
            spec = studies.get(study)
            if spec is None:
                errors.append(f"{base}.studies: {study!r} is not in studies: {sorted(studies)}")
                continue
            sweep = spec.get("sweep") or {}
            if (spec.get("model"), spec.get("quantity")) != ("multilevel", "xi_exp_inf") or set(
                sweep
            ) != set(AXES):
                errors.append(
                    f"{base}.studies: {study!r} must be model multilevel, quantity xi_exp_inf, "
                    f"sweeping exactly {list(AXES)} (got {spec.get('model')!r}, "
                    f"{spec.get('quantity')!r}, {sorted(sweep)})"
                )
                continue
            resolved = resolve_study(study, spec, config)
            for parameter, seen in common.items():
                seen.add(float(resolved["fixed"][parameter]))
            grid = grid_values(sweep["optical_depth"])
            for depth in entry.get("optical_depths", []):
                if not np.any(np.isclose(grid, depth, rtol=_ON_GRID, atol=0.0)):
                    errors.append(
                        f"{base}.optical_depths: {depth!r} is not a value of "
                        f"studies.{study}.sweep.optical_depth ({grid.min():g}..{grid.max():g}, "
                        f"{grid.size} values)"
                    )
        for parameter, seen in common.items():
            if len(seen) > 1:
                errors.append(
                    f"{base}: the studies must share one {parameter} (fixed, or the default "
                    f"for all); got {sorted(seen)}"
                )
    return errors


def best_over_detuning(values: pd.DataFrame) -> pd.DataFrame:
    """Minimum of xi_exp,inf over the detuning at each optical depth (ties: lowest detuning).

    Parameters
    ----------
    values : DataFrame
        A study's values (columns detuning_MHz, optical_depth, xi_exp_inf).

    Returns
    -------
    DataFrame
        Columns optical_depth, detuning_MHz, xi_exp_inf; one row per optical depth,
        ascending.
    """
    ordered = values.sort_values(["optical_depth", "xi_exp_inf", "detuning_MHz"], kind="stable")
    best = ordered.groupby("optical_depth", sort=True).head(1)
    return best[["optical_depth", "detuning_MHz", "xi_exp_inf"]].reset_index(drop=True)


#: the refined optimum's detuning tolerance, MHz
REFINE_XATOL_MHZ = 0.01


def refined_optimum(
    setup: MultilevelSetup, bracket_MHz: tuple[float, float], x_repump: float, gamma_d_add: float
) -> tuple[float, float]:
    """The detuning in the bracket that minimises xi_exp,inf, by bounded Brent minimisation.

    Parameters
    ----------
    setup : MultilevelSetup
        The study's atoms, readings and optical depth (its detuning is replaced).
    bracket_MHz : (float, float)
        The grid neighbours of the grid's best detuning (or the grid's edge), MHz.
    x_repump, gamma_d_add : float
        The study's fixed repump and dephasing (units of Gamma).

    Returns
    -------
    (float, float)
        The detuning (MHz) and xi_exp,inf there; a point where the model is undefined
        (no pump optimum, no real mu, nu) counts as no better than the bracket's ends.
    """
    from scipy.optimize import minimize_scalar

    from ..multilevel.scenario import xi_exp_inf_grid

    def xi(delta):
        try:
            value = float(
                np.squeeze(
                    xi_exp_inf_grid(
                        setup.replace(detuning_MHz=float(delta)), x_repump, gamma_d_add
                    )["xi_exp_inf"]
                )
            )
        except ValueError:
            return np.inf
        return value if np.isfinite(value) else np.inf

    low, high = bracket_MHz
    ends = {low: xi(low), high: xi(high)}
    if high > low:
        result = minimize_scalar(
            xi, bounds=(low, high), method="bounded", options={"xatol": REFINE_XATOL_MHZ}
        )
        ends[float(result.x)] = float(result.fun)
    best = min(ends, key=ends.get)
    return float(best), float(ends[best])


def _setup(
    spec: Mapping, multilevel: Mapping, detuning_MHz: float, depth: float
) -> MultilevelSetup:
    options = spec["options"]
    return MultilevelSetup(
        detuning_MHz=float(detuning_MHz),
        probe_polarization=options.get("probe_polarization", multilevel["probe_polarization"]),
        optical_depth=float(depth),
        temperature_C=float(spec["fixed"].get("temperature_C", multilevel["temperature_C"])),
        options=MultilevelOptions.from_config(options.get("model", multilevel.get("model"))),
        **atom_from_config(options.get("atom", multilevel.get("atom"))),
    )


def comparison_table(
    specs: Sequence[Mapping],
    values: Sequence[pd.DataFrame],
    optical_depths: Sequence[float],
    multilevel: Mapping,
    lab: Mapping | None = None,
) -> pd.DataFrame:
    """The optima of each study at each listed optical depth (module docstring).

    Parameters
    ----------
    specs : sequence of mapping
        Resolved study specs (:func:`.spec.resolve_study`); fixed ``x_repump`` and
        ``gamma_d_add`` (units of Gamma).
    values : sequence of DataFrame
        Their values tables, in the same order.
    optical_depths : sequence of float
        Optical depths (grid values) at which to report the optimum over detuning.
    multilevel : mapping
        The ``multilevel`` config section (defaults of polarization, readings, temperature).
    lab : mapping or None
        The comparison's ``lab`` entry (the probe); adds the columns of
        :data:`LAB_COLUMNS`.

    Returns
    -------
    DataFrame
        One row per (study, optical depth): study, species, line, optical_depth,
        detuning_MHz, xi_exp_inf, Z, pump_strength, repump_strength, x_repump,
        gamma_d_add, at_detuning_edge and, with ``lab``, the lab columns.
    """
    rows = []
    for spec, table in zip(specs, values, strict=True):
        best = best_over_detuning(table)
        grid = np.unique(table["detuning_MHz"].to_numpy())
        edges = grid[0], grid[-1]
        for depth in optical_depths:
            k = int(np.argmin(np.abs(best["optical_depth"].to_numpy() - depth)))
            point_row = best.iloc[k]
            x_repump = float(spec["fixed"]["x_repump"])
            gamma_d_add = float(spec["fixed"]["gamma_d_add"])
            i = int(np.searchsorted(grid, point_row["detuning_MHz"]))
            bracket = (float(grid[max(i - 1, 0)]), float(grid[min(i + 1, grid.size - 1)]))
            base = _setup(spec, multilevel, point_row["detuning_MHz"], point_row["optical_depth"])
            delta, xi_refined = refined_optimum(base, bracket, x_repump, gamma_d_add)
            setup = base.replace(detuning_MHz=delta)
            point = operating_point(setup, x_repump, gamma_d_add)
            row = {
                "study": spec["name"],
                "species": setup.species,
                "line": setup.line,
                "optical_depth": float(point_row["optical_depth"]),
                "detuning_MHz": delta,
                "xi_exp_inf": xi_refined,
                "detuning_grid_MHz": float(point_row["detuning_MHz"]),
                "xi_exp_inf_grid": float(point_row["xi_exp_inf"]),
                "Z": point["Z"],
                "pump_strength": point["s_pump"],
                "repump_strength": point["s_repump"],
                "x_repump": x_repump,
                "gamma_d_add": gamma_d_add,
                "at_detuning_edge": bool(
                    min(abs(delta - e) for e in edges) <= 2 * REFINE_XATOL_MHZ
                ),
            }
            if lab:
                lab_rows = lab_table(setup, LabSpec.from_config(lab), point)
                found = dict(zip(lab_rows["quantity"], lab_rows["value"], strict=True))
                row |= {column: found[q] for q, column in LAB_COLUMNS.items()}
            rows.append(row)
    return pd.DataFrame(rows)


_LINE_STYLES = {"D1": "--", "D2": "-"}


def comparison_figure(specs: Sequence[Mapping], values: Sequence[pd.DataFrame], title: str):
    """Best xi_exp,inf (Eq. (30)) over detuning versus d (left) and its detuning (right).

    Parameters
    ----------
    specs, values : sequence
        As :func:`comparison_table`.
    title : str
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    # constrained layout makes room for the two-line title above the panels and their ticks
    fig, (ax_xi, ax_det) = plt.subplots(1, 2, figsize=(7.6, 3.2), sharex=True, layout="constrained")
    atoms = [atom_from_config(spec["options"].get("atom")) for spec in specs]
    species_seen = list(dict.fromkeys(atom["species"] for atom in atoms))
    colors = {name: plt.cm.tab10(i) for i, name in enumerate(species_seen)}
    for atom, table in zip(atoms, values, strict=True):
        best = best_over_detuning(table)
        style = {"color": colors[atom["species"]], "ls": _LINE_STYLES[atom["line"]], "lw": 1.2}
        label = f"{species_label(atom['species'])} {atom['line']}"
        ax_xi.plot(best["optical_depth"], best["xi_exp_inf"], **style)
        ax_det.plot(best["optical_depth"], best["detuning_MHz"], label=label, **style)
    ax_xi.axhline(1.0, color="black", lw=0.8)
    for ax in (ax_xi, ax_det):
        ax.set_xscale("log")
        ax.set_xlabel("optical depth $d$")
        ax.tick_params(labelsize=7)
    ax_xi.set_ylabel(r"best $\xi_{exp,\infty}$ over detuning")
    ax_det.set_ylabel("its detuning (MHz)")
    legend_outside(ax_det, fontsize=6)
    fixed = specs[0]["fixed"] if specs else {}
    x_repump, gamma_d_add = fixed.get("x_repump", np.nan), fixed.get("gamma_d_add", np.nan)
    fig.suptitle(
        f"{title} (x_repump = {x_repump:g}, "
        rf"$\Gamma_d^{{add}}$ = {gamma_d_add:g}; solid: D2, dashed: D1 probe;"
        "\ndetuning from F_up to the highest F' of the probe's line)",
        fontsize=8,
    )
    return fig


__all__ = [
    "AXES",
    "LAB_COLUMNS",
    "best_over_detuning",
    "comparison_errors",
    "comparison_figure",
    "comparison_table",
]
