"""The model's operating point in lab units: the ``lab`` config section (docs/atoms.md).

:class:`LabSpec` holds the optional ``lab`` section: the probe (power and 1/e^2 waist, or
the intensity), the cell (length, and the atom density or, by default, the saturated vapour
at ``multilevel.temperature_C``), the magnetic field and the repump strength of the
operating point. :func:`lab_table` combines it with a
:class:`~dissipative_entanglement.multilevel.setup.MultilevelSetup` and its
:func:`~dissipative_entanglement.multilevel.operating_point.operating_point`: the rate unit
Gamma in s^-1 (App. E, Gamma = Gamma_(down->up)/mu^2 from the off-resonant scattering rate,
:func:`.probe.rate_unit`), the cell's optical depth, the entangling rate d Gamma (Sec. III),
the time to the steady state (five e-foldings of the slower of the transverse and population
relaxation rates, Eqs. (26), (28)), and the Larmor frequency with the hierarchy of Sec. II
(|Omega_L| << |Delta| and Omega_L >> the rates), and the range of fields that satisfies it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from ..atoms.couplings import reference_offset_MHz
from ..atoms.doppler import doppler_width_MHz
from ..atoms.species import get_species
from ..multilevel.operating_point import operating_point
from ..multilevel.probe_validity import probe_lines_MHz
from ..multilevel.setup import MultilevelSetup
from .ensemble import optical_depth
from .probe import peak_intensity, rate_unit, saturation_intensity
from .timescales import E_FOLDINGS, entangling_rate, steady_state_time
from .units import ureg
from .zeeman import (
    MAX_LARMOR_OVER_DETUNING,
    MIN_LARMOR_OVER_RATE,
    larmor_checks,
    larmor_frequency,
)

#: the lab table's columns
COLUMNS = ("quantity", "value", "unit", "note", "species", "line")
#: a resonant field above this fraction of I_sat is flagged in its note (weak-field rates)
_WEAK = 0.1


@dataclass(frozen=True)
class LabSpec:
    """The ``lab`` config section; every field in the unit its name carries.

    Attributes
    ----------
    probe_power_mW, beam_waist_mm : float or None
        Probe power and 1/e^2 intensity radius (peak intensity 2P/(pi w^2)).
    probe_intensity_mW_cm2 : float or None
        The probe intensity, instead of power and waist.
    cell_length_cm : float or None
        Cell length along the probe: the cell's optical depth n sigma_0 L.
    atom_density_cm3 : float or None
        Atom density; None: the saturated vapour at ``multilevel.temperature_C``.
    magnetic_field_G : float or None
        Bias field; gives the Larmor frequency and the Sec. II checks.
    x_repump : float
        Repump parameter of the operating point (Sec. IV.2; default 1).
    """

    probe_power_mW: float | None = None
    beam_waist_mm: float | None = None
    probe_intensity_mW_cm2: float | None = None
    cell_length_cm: float | None = None
    atom_density_cm3: float | None = None
    magnetic_field_G: float | None = None
    x_repump: float = 1.0

    @classmethod
    def from_config(cls, section: Mapping) -> LabSpec:
        """The spec of a ``lab`` mapping (unknown keys refused by the schema first).

        Parameters
        ----------
        section : mapping
            The ``lab`` config section.

        Returns
        -------
        LabSpec

        Raises
        ------
        ValueError
            If the probe is given both ways or neither way.
        """
        names = {f.name for f in fields(cls)}
        spec = cls(**{k: float(v) for k, v in section.items() if k in names})
        by_power = spec.probe_power_mW is not None and spec.beam_waist_mm is not None
        by_intensity = spec.probe_intensity_mW_cm2 is not None
        partial = (spec.probe_power_mW is None) != (spec.beam_waist_mm is None)
        if by_power == by_intensity or partial:
            raise ValueError(
                "lab: give the probe as probe_power_mW with beam_waist_mm, or as "
                f"probe_intensity_mW_cm2, not both and not neither (got {dict(section)!r})"
            )
        return spec

    def intensity(self):
        """The probe's (peak) intensity, 2P/(pi w^2) or as given.

        Returns
        -------
        pint.Quantity
            Intensity in mW/cm^2.
        """
        if self.probe_intensity_mW_cm2 is not None:
            return ureg.Quantity(self.probe_intensity_mW_cm2, "mW/cm^2")
        return peak_intensity(self.probe_power_mW, self.beam_waist_mm).to("mW/cm^2")


def generic_detuning_MHz(setup: MultilevelSetup) -> float:
    """The setup's detuning counted from F_up -> F'_max of its line, MHz (App. E).

    Parameters
    ----------
    setup : MultilevelSetup
        Scalar detuning, counted from ``options.detuning_reference``.

    Returns
    -------
    float
    """
    reference = setup.options.detuning_reference
    return float(setup.detuning_MHz) + reference_offset_MHz(setup.species, setup.line, reference)


def _row(quantity, value, unit, note=""):
    return {"quantity": quantity, "value": float(value), "unit": unit, "note": note}


def larmor_field_range_G(species: str, detuning_MHz: float, largest_rate_per_s: float):
    """Fields B (gauss) with Omega_L <= 1e-2 |Delta| and 2 pi Omega_L >= 10 x the rate.

    Parameters
    ----------
    species : str
        The atoms (F_up Larmor frequency, :func:`.zeeman.larmor_frequency`).
    detuning_MHz : float
        Distance of the probe from the nearest line, MHz (:func:`nearest_line_MHz`).
    largest_rate_per_s : float
        The largest rate the spin must outrun, 1/s.

    Returns
    -------
    (float, float)
        (B_min, B_max) in gauss; B_min > B_max means no field satisfies both.
    """
    per_gauss_kHz = abs(float(larmor_frequency(species, 1.0).to("kHz").magnitude))
    b_min = MIN_LARMOR_OVER_RATE * largest_rate_per_s / (2.0 * np.pi * per_gauss_kHz * 1e3)
    b_max = MAX_LARMOR_OVER_DETUNING * abs(detuning_MHz) * 1e3 / per_gauss_kHz
    return b_min, b_max


def resonant_intensity_mW_cm2(
    species: str, line: str, strength: float, rate_unit_per_s: float, temperature_C: float
) -> float:
    """Intensity of a resonant field (pump, repump) of strength s, mW/cm^2 (App. E).

    The model's unit rates are per s = Omega^2 k / (gamma_LW Gamma) (App. E, footnote 69:
    k = gamma_LW / delta_D), so a transition of strength c^2 is driven at s c^2 Gamma.
    In the vapour, a weak field of Rabi frequency Omega drives it at the Doppler average of
    the Lorentzian rate Omega^2 c^2 / gamma_LW, which for delta_D >> gamma_LW is
    sqrt(pi ln 2) Omega^2 c^2 / delta_D (delta_D the angular Doppler FWHM); footnote 69's
    k leaves the factor sqrt(pi ln 2) = 1.48 out. Equating the two,
    Omega^2 = s Gamma delta_D / sqrt(pi ln 2), and the intensity of a field of unit
    coupling with that Rabi frequency is I = 2 I_sat Omega^2 / Gamma_nat^2
    (:func:`.probe.unit_rabi_frequency`). The true FWHM is used whatever
    ``doppler_formula``: this is the vapour, not a reading of the paper.

    Parameters
    ----------
    species, line : str
        The atoms and the field's line (pump D2, repump D1).
    strength : float
        s (dimensionless).
    rate_unit_per_s : float
        Gamma, 1/s.
    temperature_C : float
        Cell temperature, degrees C (the Doppler width).

    Returns
    -------
    float
    """
    sp = get_species(species)
    fwhm_MHz = float(doppler_width_MHz(sp, line, float(temperature_C)))
    delta_d = 2.0 * np.pi * fwhm_MHz * 1e6  # angular FWHM, 1/s
    rabi2 = strength * rate_unit_per_s * delta_d / np.sqrt(np.pi * np.log(2.0))  # 1/s^2
    gamma_nat = 2.0 * np.pi * sp.line(line).linewidth_MHz * 1e6
    i_sat = float(saturation_intensity(species, line).to("mW/cm^2").magnitude)
    return 2.0 * i_sat * rabi2 / gamma_nat**2


def nearest_line_MHz(setup: MultilevelSetup) -> float:
    """Distance in MHz of the probe from the nearest allowed line of its atoms (Sec. II).

    Parameters
    ----------
    setup : MultilevelSetup
        Scalar detuning.

    Returns
    -------
    float
    """
    lines = probe_lines_MHz(
        setup.options.detuning_reference, species=setup.species, line=setup.line
    )
    return float(min(abs(float(setup.detuning_MHz) - p) for p in lines.values()))


def lab_table(setup: MultilevelSetup, lab: LabSpec, point: Mapping) -> pd.DataFrame:
    """The operating point in lab units (module docstring), one row per quantity.

    Parameters
    ----------
    setup : MultilevelSetup
        Probe, cell temperature, readings, atoms and the model's optical depth d.
    lab : LabSpec
        The ``lab`` section.
    point : mapping
        :func:`dissipative_entanglement.multilevel.operating_point.operating_point` of
        ``setup`` at ``lab.x_repump``.

    Returns
    -------
    DataFrame
        Columns :data:`COLUMNS`; the Larmor rows' notes say whether Sec. II holds.
    """
    species, line = setup.species, setup.line
    sp = get_species(species)
    detuning = generic_detuning_MHz(setup)
    intensity = lab.intensity()
    gamma = rate_unit(
        species,
        line,
        detuning,
        intensity,
        setup.probe_polarization,
        detuning_reference="highest",
    ).to("1/s")
    g = float(gamma.magnitude)
    d = float(setup.optical_depth)
    rows = [
        _row("probe_intensity", intensity.magnitude, "mW/cm^2", "peak 2P/(pi w^2)"),
        _row(
            "saturation_intensity",
            saturation_intensity(species, line).magnitude,
            "mW/cm^2",
            "pi h c Gamma_nat / (3 lambda^3), the line's two-level value (Steck)",
        ),
        _row("detuning_from_highest", detuning, "MHz", f"from F={sp.f_upper} -> highest F'"),
        _row("rate_unit_Gamma", g, "1/s", "Gamma = Gamma_(down->up)/mu^2 (App. E)"),
        _row("unit_time", 1e3 / g, "ms", "1/Gamma: one unit of the model's time axis"),
        _row("optical_depth_model", d, "1", "multilevel.optical_depth, used by the model"),
    ]
    if lab.cell_length_cm is not None:
        kelvin = float(setup.temperature_C) + 273.15
        cell = optical_depth(
            species,
            line,
            lab.cell_length_cm,
            density_cm3=lab.atom_density_cm3,
            temperature_K=kelvin,
        ).magnitude
        source = "given density" if lab.atom_density_cm3 else "saturated vapour"
        rows.append(
            _row(
                "optical_depth_cell",
                cell,
                "1",
                f"n sigma_0 L ({source}); set multilevel.optical_depth to it to model this cell",
            )
        )
    d_gamma = entangling_rate(d, gamma).to("1/s").magnitude
    t_ss = steady_state_time(
        d * point["n2"],
        point["gamma_bar"],
        point["p2"],
        gamma,
        population_rate=point["population_rate"],
    ).magnitude
    rows += [
        _row("xi_exp_inf", point["xi_exp_inf"], "1", f"Eq. (30) at x_repump = {lab.x_repump:g}"),
        _row("Z", point["Z"], "1", "Sec. IV.1"),
        _row("pump_strength", point["s_pump"], "1", "optimal s = Omega^2 k/(gamma_LW Gamma)"),
        _row("repump_strength", point["s_repump"], "1", "x_repump x optimal pump strength"),
        *(
            _row(
                f"{process}_intensity",
                value,
                "mW/cm^2",
                f"{field_line}; Omega^2 = s Gamma delta_D / sqrt(pi ln 2) (App. E, Doppler "
                "average)"
                + ("" if value < _WEAK * i_sat else f"; not << I_sat = {i_sat:.3g}: saturates"),
            )
            for process, field_line, strength in (
                ("pump", "D2", point["s_pump"]),
                ("repump", "D1", point["s_repump"]),
            )
            for value, i_sat in [
                (
                    resonant_intensity_mW_cm2(
                        species, field_line, strength, g, float(setup.temperature_C)
                    ),
                    float(saturation_intensity(species, field_line).to("mW/cm^2").magnitude),
                )
            ]
        ),
        _row("entangling_rate", d_gamma, "1/s", "d Gamma (Sec. III)"),
        _row("transverse_rate", point["transverse_rate"] * g, "1/s", "Eq. (28)"),
        _row("population_rate", point["population_rate"] * g, "1/s", "Eq. (26), slowest"),
        _row("time_to_steady_state", t_ss, "ms", f"{E_FOLDINGS:g} e-foldings of the slower"),
    ]
    if lab.magnetic_field_G is not None:
        larmor = larmor_frequency(species, lab.magnetic_field_G).to("kHz")
        rates = [d_gamma, point["transverse_rate"] * g, point["population_rate"] * g]
        nearest = nearest_line_MHz(setup)
        problems = larmor_checks(larmor, nearest, rates)
        b_min, b_max = larmor_field_range_G(species, nearest, max(rates))
        rows += [
            _row(
                "larmor_frequency",
                larmor.magnitude,
                "kHz",
                "; ".join(problems) or "Sec. II: << |Delta| and >> the rates: holds",
            ),
            _row("field_min", b_min, "G", "2 pi Omega_L >= 10 x the largest rate"),
            _row("field_max", b_max, "G", "Omega_L <= 1e-2 |Delta| (nearest line)"),
        ]
    frame = pd.DataFrame(rows)
    frame["species"] = species
    frame["line"] = line
    return frame[list(COLUMNS)]


def lab_units_table(multilevel: Mapping, lab: Mapping) -> pd.DataFrame:
    """:func:`lab_table` of the ``multilevel`` and ``lab`` config sections (App. E, Sec. II).

    Parameters
    ----------
    multilevel : mapping
        The ``multilevel`` section (:meth:`MultilevelSetup.from_config`).
    lab : mapping
        The ``lab`` section (:meth:`LabSpec.from_config`).

    Returns
    -------
    DataFrame
    """
    setup = MultilevelSetup.from_config(multilevel)
    spec = LabSpec.from_config(lab)
    return lab_table(setup, spec, operating_point(setup, spec.x_repump))


def lab_errors(multilevel: Mapping, lab: Mapping) -> list[str]:
    """Config messages for a ``lab`` section the model cannot turn into lab units (Sec. II).

    Run after the ``multilevel`` checks have passed (atoms, detuning, readings).

    Parameters
    ----------
    multilevel, lab : mapping
        The ``multilevel`` and ``lab`` config sections.

    Returns
    -------
    list of str
        Every problem found: the probe given both or neither way; readings the lab
        conversion does not cover (``lower_manifold``, an incoherent amplitude sum); a
        density without a cell length; a cell at a temperature outside the vapour-pressure
        fit without ``lab.atom_density_cm3``; an operating point without a pump optimum;
        a field outside the Sec. II hierarchy (with the allowed range). The operating
        point is evaluated here (a few ms), so the check runs before any job.
    """
    try:
        spec = LabSpec.from_config(lab)
    except ValueError as error:
        return [str(error)]
    errors = []
    model = multilevel["model"]
    if model.get("h_return") == "lower_manifold":
        errors.append("lab: not available with multilevel.model.h_return = 'lower_manifold'")
    if model.get("amplitude_sum", "coherent") != "coherent":
        errors.append(
            "lab: Gamma in 1/s is the coherent Kramers-Heisenberg rate; not available with "
            f"multilevel.model.amplitude_sum = {model['amplitude_sum']!r} (allowed: 'coherent')"
        )
    if spec.atom_density_cm3 is not None and spec.cell_length_cm is None:
        errors.append("lab.atom_density_cm3 needs lab.cell_length_cm (the cell's d = n sigma_0 L)")
    species = multilevel["atom"]["species"]
    vapour = get_species(species).vapour
    kelvin = float(multilevel["temperature_C"]) + 273.15
    low, high = vapour.valid_from_K, vapour.valid_to_K
    if (
        spec.cell_length_cm is not None
        and spec.atom_density_cm3 is None
        and not (low <= kelvin <= high)
    ):
        errors.append(
            f"lab.cell_length_cm without lab.atom_density_cm3 takes the saturated {species} "
            f"vapour at multilevel.temperature_C = {multilevel['temperature_C']!r}, outside the "
            f"vapour-pressure fit ({low - 273.15:g} to {high - 273.15:g} C): give "
            "lab.atom_density_cm3 or a temperature in that range"
        )
    if errors:
        return errors
    try:
        table = lab_units_table(multilevel, lab)
    except ValueError as error:
        return [f"lab: {error}"]
    values = dict(zip(table["quantity"], table["value"], strict=True))
    if spec.magnetic_field_G is not None:
        b_min, b_max = values["field_min"], values["field_max"]
        if not b_min <= spec.magnetic_field_G <= b_max:
            allowed = f"[{b_min:.3g}, {b_max:.3g}] G" if b_min <= b_max else "none"
            errors.append(
                f"lab.magnetic_field_G = {spec.magnetic_field_G!r}: the Larmor frequency must "
                "be far below the detuning and far above the rates (Sec. II: Omega_L <= 1e-2 "
                f"x the distance to the nearest line, 2 pi Omega_L >= 10 x the largest rate); "
                f"allowed: {allowed}"
            )
    return errors


__all__ = [
    "COLUMNS",
    "LabSpec",
    "generic_detuning_MHz",
    "lab_errors",
    "lab_table",
    "lab_units_table",
    "larmor_field_range_G",
    "nearest_line_MHz",
    "resonant_intensity_mW_cm2",
]
