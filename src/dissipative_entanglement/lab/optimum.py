"""The best operating point of a cell: probe detuning, probe power and repump (Sec. IV.2).

With the dephasing fixed in s^-1 by the cell (:mod:`.dephasing`), Gamma_d^add = 2 gamma_2 /
Gamma falls as the probe gets stronger (Gamma ~ probe power / detuning^2, App. E), so
xi_exp,inf (Eq. (30), the pump at its optimum of Sec. IV.2) improves with power until a
limit of the model is reached. At a detuning Delta and repump x_repump the largest power
the model allows is the smallest of

* the user's bound ``lab.optimum.probe_power_mW``;
* the Larmor hierarchy of Sec. II with the configured field: 2 pi Omega_L >= 10 x each of
  d Gamma, the transverse rate (Gamma_bar + d N_2 P_2) Gamma + 2 gamma_2 and the population
  rate of Eq. (26), each linear in the power (their rates in units of Gamma do not depend
  on it; the lab's gamma_2 adds a constant);
* weak pump and repump: their intensities (App. E, :func:`.planning.resonant_intensity_mW_cm2`,
  proportional to Gamma and so to the power) at most 0.1 I_sat.

The optimum is found over (Delta, log x_repump) inside the allowed probe window (the
resonance margin's interval that holds the configured detuning, within the user's
bounds) by bounded Nelder-Mead from several starts (scipy.optimize.minimize), with the
power at its limit for each point; the report says which bound or limit is active.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from ..multilevel.operating_point import operating_point
from ..multilevel.probe_validity import allowed_detuning_intervals_MHz, resonance_margin_MHz
from ..multilevel.scenario import xi_exp_inf_grid
from ..multilevel.setup import MultilevelSetup
from .isotopes import isotope_fraction, laser_frequency_MHz, line_distances_MHz, other_isotopes
from .planning import (
    LabSpec,
    coherence_rates_per_s,
    rate_unit_per_s,
    resonant_intensity_mW_cm2,
)
from .probe import saturation_intensity
from .timescales import E_FOLDINGS, steady_state_time
from .zeeman import MIN_LARMOR_OVER_RATE, larmor_frequency

#: resonant fields are kept at or below this fraction of I_sat (weak-field rates)
MAX_SATURATION = 0.1
#: default repump bounds (Fig. 7's axis spans 0.01 to 10)
DEFAULT_X_REPUMP = (0.01, 100.0)
#: a variable within this fraction of its range from a bound is reported on it
ON_BOUND = 1e-3
#: Nelder-Mead starts per axis (detuning x log x_repump)
_STARTS = 2
#: Nelder-Mead tolerances on the unit square of (detuning, log x_repump): 1e-4 of each
#: range (0.03 MHz of a 300 MHz window); xi to 1e-8
_OPTIONS = {"xatol": 1e-4, "fatol": 1e-8, "maxiter": 2000}


@dataclass(frozen=True)
class OptimumBounds:
    """The ``lab.optimum`` section: the ranges searched.

    Attributes
    ----------
    probe_power_mW : (float, float)
        Probe power range, mW (the waist is ``lab.beam_waist_mm``).
    detuning_MHz : (float, float) or None
        Detuning range (reference ``multilevel.model.detuning_reference``); None: the
        whole allowed window that holds ``multilevel.detuning_MHz``.
    x_repump : (float, float)
        Repump range (default :data:`DEFAULT_X_REPUMP`).
    """

    probe_power_mW: tuple[float, float]
    detuning_MHz: tuple[float, float] | None = None
    x_repump: tuple[float, float] = DEFAULT_X_REPUMP

    @classmethod
    def from_config(cls, section: Mapping) -> OptimumBounds:
        """The bounds of a ``lab.optimum`` mapping.

        Parameters
        ----------
        section : mapping
            ``{probe_power_mW: [min, max], detuning_MHz: [min, max], x_repump: [min, max]}``
            (the last two optional).

        Returns
        -------
        OptimumBounds

        Raises
        ------
        ValueError
            For a range whose minimum is not below its maximum.
        """
        ranges = {
            key: tuple(float(v) for v in section[key])
            for key in ("probe_power_mW", "detuning_MHz", "x_repump")
            if key in section
        }
        for key, (low, high) in ranges.items():
            if not low < high:
                raise ValueError(f"lab.optimum.{key} = {[low, high]}: need min < max")
        return cls(**ranges)


def other_isotope_lines_MHz(setup: MultilevelSetup, lab: LabSpec) -> list[float]:
    """Detunings (the setup's reference) at which the probe hits another isotope's line.

    Parameters
    ----------
    setup : MultilevelSetup
    lab : LabSpec
        Its ``isotope_fraction`` (an enriched cell of fraction 1 has none).

    Returns
    -------
    list of float
        MHz.
    """
    fraction = isotope_fraction(setup.species, lab.isotope_fraction)
    delta = float(setup.detuning_MHz)
    laser = laser_frequency_MHz(setup.species, setup.line, delta, setup.options.detuning_reference)
    return [
        delta - distance
        for name, share in other_isotopes(setup.species, fraction).items()
        if share > 0.0
        for distance in line_distances_MHz(name, setup.line, laser).values()
    ]


def detuning_window_MHz(
    setup: MultilevelSetup,
    bounds: OptimumBounds,
    margin_MHz: float,
    other_lines_MHz: tuple[float, ...] = (),
) -> tuple[float, float]:
    """The allowed probe interval that holds the configured detuning, within the bounds.

    Parameters
    ----------
    setup : MultilevelSetup
        Atoms, line, polarization, reference and the configured detuning.
    bounds : OptimumBounds
    margin_MHz : float
        The resonance margin (``multilevel.resonance_margin_MHz``, resolved).
    other_lines_MHz : sequence of float, optional
        Lines of the cell's other isotopes (:func:`other_isotope_lines_MHz`), kept a
        margin away too.

    Returns
    -------
    (float, float)
        MHz, from the setup's detuning reference.

    Raises
    ------
    ValueError
        If the interval and the bounds do not overlap, or the window is unbounded and no
        ``detuning_MHz`` bounds close it.
    """
    intervals = allowed_detuning_intervals_MHz(
        setup.probe_polarization,
        setup.options.detuning_reference,
        margin_MHz,
        species=setup.species,
        line=setup.line,
    )
    delta = float(setup.detuning_MHz)
    low, high = next((a, b) for a, b in intervals if a <= delta <= b)
    for line in other_lines_MHz:  # the configured detuning is clear of them (lab checks)
        if line + margin_MHz <= delta:
            low = max(low, line + margin_MHz)
        elif line - margin_MHz >= delta:
            high = min(high, line - margin_MHz)
    if bounds.detuning_MHz is not None:
        low, high = max(low, bounds.detuning_MHz[0]), min(high, bounds.detuning_MHz[1])
    if not (np.isfinite(low) and np.isfinite(high)) or not low < high:
        raise ValueError(
            f"lab.optimum.detuning_MHz: the allowed probe window around "
            f"multilevel.detuning_MHz = {delta:g} is [{low:g}, {high:g}] MHz; give finite "
            "bounds that overlap it"
        )
    return low, high


def _power_limits_mW(setup, lab, point, gamma_per_mW, gamma_2, bounds) -> dict[str, float]:
    """The largest power each limit of the module docstring allows at one point, mW."""
    limits = {"lab.optimum.probe_power_mW": bounds.probe_power_mW[1]}
    if lab.magnetic_field_G is not None:
        larmor = abs(float(larmor_frequency(setup.species, lab.magnetic_field_G).to("1/s").m))
        ceiling = 2.0 * np.pi * larmor / MIN_LARMOR_OVER_RATE  # largest rate allowed, 1/s
        d = float(setup.optical_depth)
        slopes = {  # rate per mW, and the constant part, 1/s
            "entangling": (d, 0.0),
            "transverse": (point["gamma_bar"] + d * point["n2"] * point["p2"], 2.0 * gamma_2),
            "population": (point["population_rate"], 0.0),
        }
        limits["Larmor hierarchy (Sec. II)"] = min(
            (ceiling - const) / (slope * gamma_per_mW) for slope, const in slopes.values()
        )
    temperature = float(setup.temperature_C)
    for process, line, strength in (
        ("pump", "D2", point["s_pump"]),
        ("repump", "D1", point["s_repump"]),
    ):
        per_mW = resonant_intensity_mW_cm2(setup.species, line, strength, gamma_per_mW, temperature)
        i_sat = float(saturation_intensity(setup.species, line).to("mW/cm^2").magnitude)
        limits[f"{process} at {MAX_SATURATION:g} I_sat"] = MAX_SATURATION * i_sat / per_mW
    return limits


def operating_point_at(
    setup: MultilevelSetup, lab: LabSpec, bounds: OptimumBounds, detuning_MHz, x_repump
) -> dict:
    """xi_exp,inf at a detuning and repump with the probe power at its limit (module text).

    Parameters
    ----------
    setup : MultilevelSetup
        Atoms, cell temperature, readings and the model's d.
    lab : LabSpec
        The cell (its dephasing), the waist and the field.
    bounds : OptimumBounds
        The power range.
    detuning_MHz, x_repump : float
        The point.

    Returns
    -------
    dict
        ``xi_exp_inf``, ``probe_power_mW``, ``power_limit`` (the active limit), ``Gamma_per_s``,
        ``gamma_d_add``, ``feasible`` (the limit is not below the power's lower bound) and
        the :func:`~dissipative_entanglement.multilevel.operating_point.operating_point`
        entries at Gamma_d^add = 0 (``n2``, ``p2``, ``s_pump``, ...).
    """
    at = setup.replace(detuning_MHz=float(detuning_MHz))
    one_mW = replace(lab, probe_power_mW=1.0)
    gamma_per_mW = rate_unit_per_s(at, one_mW)
    gamma_2 = coherence_rates_per_s(at.species, float(at.temperature_C), lab)["total"]
    point = operating_point(at, float(x_repump), 0.0)
    limits = _power_limits_mW(at, lab, point, gamma_per_mW, gamma_2, bounds)
    active = min(limits, key=limits.get)
    power = limits[active]
    feasible = power >= bounds.probe_power_mW[0]
    power = max(power, bounds.probe_power_mW[0])
    gamma = gamma_per_mW * power
    g_add = 2.0 * gamma_2 / gamma
    xi = float(np.squeeze(xi_exp_inf_grid(at, float(x_repump), g_add)["xi_exp_inf"]))
    return point | {
        "xi_exp_inf": xi,
        "probe_power_mW": power,
        "power_limit": active,
        "Gamma_per_s": gamma,
        "gamma_d_add": g_add,
        "feasible": bool(feasible),
    }


def best_operating_point(
    setup: MultilevelSetup, lab: LabSpec, bounds: OptimumBounds, margin_MHz: float
) -> dict:
    """The detuning, repump and power that minimise xi_exp,inf (module docstring).

    Parameters
    ----------
    setup : MultilevelSetup
    lab : LabSpec
        With ``beam_waist_mm``.
    bounds : OptimumBounds
    margin_MHz : float
        The resonance margin (:func:`detuning_window_MHz`).

    Returns
    -------
    dict
        :func:`operating_point_at` at the optimum, plus ``detuning_MHz``, ``x_repump``,
        ``detuning_window`` and ``x_repump_bounds`` and which bound each variable is on
        (``detuning_on``, ``x_repump_on``: "lower", "upper" or "").
    """
    window = detuning_window_MHz(
        setup, bounds, margin_MHz, tuple(other_isotope_lines_MHz(setup, lab))
    )
    log_x = tuple(np.log10(bounds.x_repump))
    low, span = np.array([window[0], log_x[0]]), np.array([np.diff(window)[0], np.diff(log_x)[0]])

    def variables(u):  # the unit square -> (detuning in MHz, log10 x_repump)
        return low + span * np.asarray(u)

    def objective(u):
        delta, lg = variables(u)
        try:
            result = operating_point_at(setup, lab, bounds, delta, 10.0**lg)
        except ValueError:  # no pump optimum at this point
            return 1e3
        return result["xi_exp_inf"] if result["feasible"] else 1e3 + result["xi_exp_inf"]

    grid = np.linspace(0.0, 1.0, _STARTS + 2)[1:-1]
    best = min(
        (
            minimize(objective, (a, b), method="Nelder-Mead", bounds=[(0, 1)] * 2, options=_OPTIONS)
            for a in grid
            for b in grid
        ),
        key=lambda r: r.fun,
    )
    delta, lg = (float(v) for v in variables(best.x))
    x = 10.0**lg
    result = operating_point_at(setup, lab, bounds, delta, x)

    def on(value, low, high):
        span = high - low
        return (
            "lower"
            if value - low <= ON_BOUND * span
            else ("upper" if high - value <= ON_BOUND * span else "")
        )

    return result | {
        "detuning_MHz": delta,
        "x_repump": x,
        "detuning_window": window,
        "x_repump_bounds": bounds.x_repump,
        "detuning_on": on(delta, *window),
        "x_repump_on": on(lg, *log_x),
        "evaluations": int(best.nfev),
    }


def optimum_errors(multilevel: Mapping, lab: Mapping) -> list[str]:
    """Config messages for a ``lab.optimum`` section that cannot be searched.

    Parameters
    ----------
    multilevel, lab : mapping
        The config sections (``multilevel.optical_depth`` a number).

    Returns
    -------
    list of str
        The probe not given as a power with a waist; a range with min >= max; a detuning
        window that does not close.
    """
    errors = []
    if lab.get("probe_power_mW") is None or lab.get("beam_waist_mm") is None:
        errors.append(
            "lab.optimum searches the probe power: give the probe as lab.probe_power_mW with "
            "lab.beam_waist_mm"
        )
    try:
        bounds = OptimumBounds.from_config(lab["optimum"])
    except ValueError as error:
        return [*errors, str(error)]
    setup = MultilevelSetup.from_config(multilevel)
    margin = resonance_margin_MHz(
        multilevel["resonance_margin_MHz"], setup.species, setup.line, setup.temperature_C
    )
    spec = LabSpec.from_config(lab)
    try:
        detuning_window_MHz(setup, bounds, margin, tuple(other_isotope_lines_MHz(setup, spec)))
    except ValueError as error:
        errors.append(str(error))
    return errors


def _t_ss_ms(setup: MultilevelSetup, r: Mapping) -> float:
    """:func:`.timescales.steady_state_time` of a point (its Gamma_bar at Gamma_d^add = 0)."""
    return steady_state_time(
        float(setup.optical_depth) * r["n2"],
        r["gamma_bar"] + r["gamma_d_add"],
        r["p2"],
        r["Gamma_per_s"],
        population_rate=r["population_rate"],
    ).magnitude


def _bound_note(name: str, on: str, low: float, high: float) -> str:
    return f"{name} [{low:.4g}, {high:.4g}]" + (f": on its {on} bound" if on else "")


def optimum_table(multilevel: Mapping, lab: Mapping) -> pd.DataFrame:
    """The best operating point of the ``lab`` cell next to the configured one, in lab units.

    Parameters
    ----------
    multilevel, lab : mapping
        The config sections (``multilevel.optical_depth`` a number); ``lab.optimum`` holds
        the bounds.

    Returns
    -------
    DataFrame
        Columns ``quantity, optimum, configured, unit, note, species, line``; ``configured``
        is the configured detuning, repump and power (NaN where the lab gives an intensity
        instead of a power).
    """
    setup = MultilevelSetup.from_config(multilevel)
    spec = LabSpec.from_config(lab)
    bounds = OptimumBounds.from_config(lab["optimum"])
    margin = resonance_margin_MHz(
        multilevel["resonance_margin_MHz"], setup.species, setup.line, setup.temperature_C
    )
    best = best_operating_point(setup, spec, bounds, margin)
    configured = None
    if spec.probe_power_mW is not None:
        fixed = replace(bounds, probe_power_mW=(spec.probe_power_mW, spec.probe_power_mW))
        configured = operating_point_at(setup, spec, fixed, setup.detuning_MHz, spec.x_repump)
        configured |= {"detuning_MHz": float(setup.detuning_MHz), "x_repump": spec.x_repump}
    temperature = float(setup.temperature_C)

    def intensity(line, key):
        def value(r):
            return resonant_intensity_mW_cm2(
                setup.species, line, r[key], r["Gamma_per_s"], temperature
            )

        return value

    window = best["detuning_window"]
    specs = [
        ("xi_exp_inf", "xi_exp_inf", "1", "Eq. (30), pump at its optimum (Sec. IV.2)"),
        (
            "detuning_MHz",
            "detuning_MHz",
            "MHz",
            _bound_note("allowed window", best["detuning_on"], *window),
        ),
        ("probe_power_mW", "probe_power_mW", "mW", f"limited by: {best['power_limit']}"),
        (
            "x_repump",
            "x_repump",
            "1",
            _bound_note("bounds", best["x_repump_on"], *bounds.x_repump),
        ),
        ("Z", "Z", "1", "Sec. IV.1"),
        ("rate_unit_Gamma", "Gamma_per_s", "1/s", "App. E"),
        ("gamma_d_add", "gamma_d_add", "Gamma", "2 gamma_2 / Gamma of the cell's dephasing"),
        ("pump_intensity", intensity("D2", "s_pump"), "mW/cm^2", "D2 (App. E)"),
        ("repump_intensity", intensity("D1", "s_repump"), "mW/cm^2", "D1 (App. E)"),
        (
            "entangling_rate",
            lambda r: float(setup.optical_depth) * r["Gamma_per_s"],
            "1/s",
            "d Gamma (Sec. III)",
        ),
        (
            "time_to_steady_state",
            lambda r: _t_ss_ms(setup, r),
            "ms",
            f"{E_FOLDINGS:g} e-foldings of the slower (Eqs. (26), (28))",
        ),
    ]
    rows = []
    for quantity, key, unit, note in specs:
        values = [
            np.nan if r is None else float(key(r) if callable(key) else r[key])
            for r in (best, configured)
        ]
        rows.append(
            {
                "quantity": quantity,
                "optimum": values[0],
                "configured": values[1],
                "unit": unit,
                "note": note,
            }
        )
    frame = pd.DataFrame(rows)
    frame["species"] = setup.species
    frame["line"] = setup.line
    return frame


__all__ = [
    "DEFAULT_X_REPUMP",
    "MAX_SATURATION",
    "OptimumBounds",
    "best_operating_point",
    "detuning_window_MHz",
    "operating_point_at",
    "optimum_errors",
    "optimum_table",
]
