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
from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

from ..atoms.couplings import reference_offset_MHz
from ..atoms.doppler import doppler_width_MHz
from ..atoms.species import get_species
from ..atoms.velocity_average import doppler_sigma_MHz, fraction_within_MHz
from ..multilevel.operating_point import operating_point
from ..multilevel.probe_validity import probe_lines_MHz, resonance_margin_MHz
from ..multilevel.rates import probe_velocity_sigma_MHz
from ..multilevel.setup import MultilevelSetup
from .dephasing import CELL_COATINGS, gamma_d_add_from_rate, transit_rate_per_s
from .ensemble import (
    MODEL_D_PER_RESONANT_OD,
    VAPOUR_EXTRAPOLATION_FROM_K,
    VAPOUR_EXTRAPOLATION_UNCERTAINTY,
    VAPOUR_UNCERTAINTY,
    atom_density,
    model_optical_depth,
    optical_depth,
    rayleigh_factor,
)
from .isotopes import (
    absorption,
    isotope_fraction,
    laser_frequency_MHz,
    line_distances_MHz,
    other_isotopes,
    unpolarized_optical_depth,
)
from .probe import peak_intensity, rate_unit, saturation_intensity
from .timescales import E_FOLDINGS, entangling_rate, steady_state_time
from .units import ureg
from .zeeman import (
    MAX_LARMOR_OVER_DETUNING,
    MIN_LARMOR_OVER_RATE,
    larmor_checks,
    larmor_frequency,
)

#: the lab table's columns: what each row is (``note``) and where it comes from
#: (``source``: the config key, the data it takes, the equation or the derivation)
COLUMNS = ("quantity", "value", "unit", "note", "source", "species", "line")
#: a resonant field above this fraction of I_sat is flagged in its note (weak-field rates)
_WEAK = 0.1
#: where the derivations of this module live
_DOCS = "docs/atoms.md"


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
        Cell length along the probe: the cell's optical depths.
    atom_density_cm3 : float or None
        Atom density; None: the saturated vapour at ``multilevel.temperature_C``.
    magnetic_field_G : float or None
        Bias field; gives the Larmor frequency and the Sec. II checks.
    x_repump : float
        Repump parameter of the operating point (Sec. IV.2; default 1).
    t2_ms : float or None
        Transverse spin coherence time from non-radiative causes (wall relaxation of a
        coated cell, field gradients, spin exchange), ms.
    dephasing_rate_per_s : float or None
        Any further coherence decay rate, 1/s.
    cell_coating : {"uncoated", "coated"} or None
        "uncoated": atoms lose their spin at the wall, so the transit of thermal atoms
        through the beam adds to the dephasing (needs ``beam_waist_mm``); "coated": they
        keep it (the wall relaxation is in ``t2_ms``).
    isotope_fraction : "natural" or float
        Fraction of the cell's atoms that are the model's isotope (:mod:`.isotopes`);
        "natural" (default) or a number in (0, 1] for an enriched cell.
    """

    probe_power_mW: float | None = None
    beam_waist_mm: float | None = None
    probe_intensity_mW_cm2: float | None = None
    cell_length_cm: float | None = None
    atom_density_cm3: float | None = None
    magnetic_field_G: float | None = None
    x_repump: float = 1.0
    t2_ms: float | None = None
    dephasing_rate_per_s: float | None = None
    cell_coating: str | None = None
    isotope_fraction: float | str = "natural"

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
            If the probe is given both ways or neither way, or the coating is unknown.
        """
        names = {f.name for f in fields(cls)} - {"cell_coating", "isotope_fraction"}
        fraction = section.get("isotope_fraction", "natural")
        spec = cls(
            **{k: float(v) for k, v in section.items() if k in names},
            cell_coating=section.get("cell_coating"),
            isotope_fraction=fraction if fraction == "natural" else float(fraction),
        )
        by_power = spec.probe_power_mW is not None and spec.beam_waist_mm is not None
        by_intensity = spec.probe_intensity_mW_cm2 is not None
        partial = (spec.probe_power_mW is None) != (spec.beam_waist_mm is None)
        if by_power == by_intensity or partial:
            raise ValueError(
                "lab: give the probe as probe_power_mW with beam_waist_mm, or as "
                f"probe_intensity_mW_cm2, not both and not neither (got {dict(section)!r})"
            )
        if spec.cell_coating not in (None, *CELL_COATINGS):
            raise ValueError(
                f"lab.cell_coating = {spec.cell_coating!r}: allowed {', '.join(CELL_COATINGS)}"
            )
        if spec.cell_coating == "uncoated" and spec.beam_waist_mm is None:
            raise ValueError(
                "lab.cell_coating = 'uncoated' needs lab.beam_waist_mm (the transit rate of "
                "thermal atoms through the beam)"
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

    def has_dephasing(self) -> bool:
        """True if the section gives any non-radiative dephasing.

        Returns
        -------
        bool
        """
        return (
            self.t2_ms is not None
            or self.dephasing_rate_per_s is not None
            or self.cell_coating == "uncoated"
        )


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


def _row(quantity, value, unit, note="", source=""):
    return {
        "quantity": quantity,
        "value": float(value),
        "unit": unit,
        "note": note,
        "source": source,
    }


def rate_unit_per_s(setup: MultilevelSetup, lab: LabSpec) -> float:
    """The model's rate unit Gamma for this probe, 1/s (App. E; :func:`.probe.rate_unit`).

    Under ``probe_velocities = "thermal"`` the collective Gamma of the velocity-averaged
    amplitudes (docs/physics.md#r23).

    Parameters
    ----------
    setup : MultilevelSetup
        Scalar detuning.
    lab : LabSpec
        The probe.

    Returns
    -------
    float
    """
    gamma = rate_unit(
        setup.species,
        setup.line,
        generic_detuning_MHz(setup),
        lab.intensity(),
        setup.probe_polarization,
        detuning_reference="highest",
        velocity_sigma_MHz=probe_velocity_sigma_MHz(
            setup.species, setup.line, setup.temperature_C, setup.options
        ),
    )
    return float(gamma.to("1/s").magnitude)


def cell_optical_depths(species: str, line: str, temperature_C: float, lab: LabSpec) -> dict:
    """The cell's resonant optical depth n sigma_0 L and the paper's d for it (Sec. III.3).

    Parameters
    ----------
    species, line : str
        The atoms and the probe's line.
    temperature_C : float
        Cell temperature (the saturated density unless ``lab.atom_density_cm3``).
    lab : LabSpec
        With ``cell_length_cm``.

    Returns
    -------
    dict
        ``resonant`` (n sigma_0 L), ``rayleigh_factor`` (F), ``model`` (d = n sigma_0 L F / 4,
        :func:`.ensemble.model_optical_depth`), ``density_cm3`` (of the model's isotope,
        ``lab.isotope_fraction`` of the element's) and ``element_density_cm3``.
    """
    kelvin = float(temperature_C) + 273.15
    wavelength = get_species(species).line(line).wavelength_nm
    factor = (
        1.0
        if lab.beam_waist_mm is None
        else rayleigh_factor(lab.cell_length_cm, lab.beam_waist_mm, wavelength)
    )
    element = (
        lab.atom_density_cm3
        if lab.atom_density_cm3 is not None
        else float(atom_density(species, kelvin).magnitude)
    )
    fraction = isotope_fraction(species, lab.isotope_fraction)
    density = fraction * element
    resonant = optical_depth(species, line, lab.cell_length_cm, density_cm3=density).magnitude
    return {
        "resonant": float(resonant),
        "rayleigh_factor": factor,
        "model": model_optical_depth(resonant, lab.cell_length_cm, lab.beam_waist_mm, wavelength),
        "fraction": fraction,
        "density_cm3": density,
        "element_density_cm3": element,
    }


def cell_model_optical_depth(multilevel: Mapping, lab: Mapping) -> float:
    """The paper's d of the ``lab`` cell: what ``multilevel.optical_depth: cell`` stands for.

    Parameters
    ----------
    multilevel, lab : mapping
        The config sections (atoms, cell temperature; cell length, probe waist, density).

    Returns
    -------
    float
        d = n sigma_0 L F / 4 (:func:`cell_optical_depths`).
    """
    atom = multilevel["atom"]
    spec = LabSpec.from_config(lab)
    return cell_optical_depths(
        atom["species"], atom["line"], float(multilevel["temperature_C"]), spec
    )["model"]


def coherence_rates_per_s(species: str, temperature_C: float, lab: LabSpec) -> dict:
    """The non-radiative coherence decay rates of the ``lab`` section, 1/s (:mod:`.dephasing`).

    Parameters
    ----------
    species : str
        The atoms (their thermal speed).
    temperature_C : float
        Cell temperature.
    lab : LabSpec

    Returns
    -------
    dict
        ``t2`` (1/T2), ``extra`` (``dephasing_rate_per_s``), ``transit`` (uncoated cells)
        and their sum ``total``; absent causes give 0.
    """
    rates = {
        "t2": 0.0 if lab.t2_ms is None else 1e3 / lab.t2_ms,
        "extra": lab.dephasing_rate_per_s or 0.0,
        "transit": (
            transit_rate_per_s(species, temperature_C, lab.beam_waist_mm)
            if lab.cell_coating == "uncoated"
            else 0.0
        ),
    }
    rates["total"] = rates["t2"] + rates["extra"] + rates["transit"]
    return rates


#: largest relative difference between the readings at rest and thermal that the plan
#: tolerates: the vapour density's stated uncertainty, the largest quantified input
#: uncertainty of the plan (docs/atoms.md#the-probe-and-the-atoms-motion)
MOTION_TOLERANCE = VAPOUR_UNCERTAINTY


def probe_vapour_rows(
    setup: MultilevelSetup,
    lab: LabSpec,
    point: Mapping,
    gamma: float,
    *,
    cell: Mapping | None,
    coherence_rate_per_s: float,
):
    """Rows on the probe in the vapour: motion, atoms near resonance, absorption.

    The configured ``probe_velocities`` reading against the other one (Gamma, Z,
    xi_exp,inf at the lab's dephasing; a flag row against :data:`MOTION_TOLERANCE`), the
    fraction of the model's atoms within gamma/2 of a resonance of their F_up, and with a
    cell the probe's single-pass absorption by each isotope (:mod:`.isotopes`).

    Parameters
    ----------
    setup : MultilevelSetup
    lab : LabSpec
    point : mapping
        The configured operating point (:func:`lab_units_table`).
    gamma : float
        The configured Gamma, 1/s.
    cell : mapping or None
        :func:`cell_optical_depths` of the lab's cell (None without one).
    coherence_rate_per_s : float
        gamma_2 of the lab (:func:`coherence_rates_per_s`, its ``total``).

    Returns
    -------
    list of dict
        Rows of :func:`lab_table`.
    """
    species, line = setup.species, setup.line
    sp = get_species(species)
    temperature = float(setup.temperature_C)
    configured = setup.options.probe_velocities
    other = "thermal" if configured == "at_rest" else "at_rest"
    moved = setup.replace(options=replace(setup.options, probe_velocities=other))
    g_other = rate_unit_per_s(moved, lab)
    g_add = gamma_d_add_from_rate(coherence_rate_per_s, g_other)
    point_other = operating_point(moved, lab.x_repump, g_add)
    differences = {
        "Gamma": abs(g_other / gamma - 1.0),
        "Z": abs(point_other["Z"] / point["Z"] - 1.0),
        "xi_exp_inf": abs(point_other["xi_exp_inf"] / point["xi_exp_inf"] - 1.0),
    }
    worst = max(differences, key=differences.get)
    laser = laser_frequency_MHz(species, line, setup.detuning_MHz, setup.options.detuning_reference)
    doppler = doppler_sigma_MHz(species, line, temperature)
    half = 0.5 * sp.line(line).linewidth_MHz
    near = sum(
        float(fraction_within_MHz(distance, half, doppler))
        for (f, _), distance in line_distances_MHz(sp, line, laser).items()
        if f == sp.f_upper
    )
    source = (
        f"multilevel.model.probe_velocities = {other!r} ({_DOCS}#the-probe-and-the-atoms-motion)"
    )
    rows = [
        _row(
            f"rate_unit_Gamma_{other}",
            g_other,
            "1/s",
            f"Gamma under probe_velocities = {other}",
            source,
        ),
        _row(f"Z_{other}", point_other["Z"], "1", f"Z under probe_velocities = {other}", source),
        _row(
            f"xi_exp_inf_{other}",
            point_other["xi_exp_inf"],
            "1",
            f"xi_exp_inf under probe_velocities = {other} (Gamma_d^add = {g_add:.4g})",
            source,
        ),
        _row(
            "motion_difference",
            differences[worst],
            "1",
            (
                f"largest relative difference between at_rest and thermal ({worst}): "
                + (
                    f"above {MOTION_TOLERANCE:g}: the plan depends on the atoms' motion"
                    if differences[worst] > MOTION_TOLERANCE
                    else f"within {MOTION_TOLERANCE:g}"
                )
            ),
            f"tolerance: the vapour density's +-{100 * VAPOUR_UNCERTAINTY:g} %",
        ),
        _row(
            "atoms_near_resonance",
            near,
            "1",
            f"fraction of {species} atoms within gamma/2 of a resonance from F={sp.f_upper}",
            "Maxwell-Boltzmann velocities at multilevel.temperature_C",
        ),
    ]
    if cell is None:
        return rows
    absorbers = {species: cell["fraction"]} | other_isotopes(species, cell["fraction"])
    for name, fraction in absorbers.items():
        if fraction <= 0.0:
            continue
        column = fraction * cell["element_density_cm3"] * lab.cell_length_cm
        od = unpolarized_optical_depth(name, line, laser, column, temperature)
        nearest = min(line_distances_MHz(name, line, laser).items(), key=lambda kv: abs(kv[1]))
        (f, fe), distance = nearest
        rows.append(
            _row(
                f"probe_absorption_{name}",
                absorption(od),
                "1",
                f"single-pass 1 - exp(-OD) by the cell's {name} ({fraction:.4g} of its atoms), "
                f"spread over their ground levels; nearest line F={f} -> F'={fe} at "
                f"{distance:+.1f} MHz",
                f"Voigt line shape, Steck strength factors ({_DOCS}#isotopes)",
            )
        )
    return rows


def lab_gamma_d_add(setup: MultilevelSetup, lab: LabSpec) -> float:
    """Gamma_d^add of the lab's dephasing in units of this probe's Gamma (:mod:`.dephasing`).

    Parameters
    ----------
    setup : MultilevelSetup
    lab : LabSpec

    Returns
    -------
    float
        2 gamma_2 / Gamma; 0 without any dephasing input.
    """
    rates = coherence_rates_per_s(setup.species, float(setup.temperature_C), lab)
    return gamma_d_add_from_rate(rates["total"], rate_unit_per_s(setup, lab))


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
        ``setup`` at ``lab.x_repump`` (and at :func:`lab_gamma_d_add`, which
        :func:`lab_units_table` passes).

    Returns
    -------
    DataFrame
        Columns :data:`COLUMNS`; the Larmor rows' notes say whether Sec. II holds.
    """
    species, line = setup.species, setup.line
    sp = get_species(species)
    detuning = generic_detuning_MHz(setup)
    intensity = lab.intensity()
    g = rate_unit_per_s(setup, lab)
    d = float(setup.optical_depth)
    temperature = float(setup.temperature_C)
    given = (
        "lab.probe_intensity_mW_cm2"
        if lab.probe_intensity_mW_cm2
        else ("lab.probe_power_mW, lab.beam_waist_mm")
    )
    rows = [
        _row("probe_intensity", intensity.magnitude, "mW/cm^2", "peak 2P/(pi w^2)", given),
        _row(
            "saturation_intensity",
            saturation_intensity(species, line).magnitude,
            "mW/cm^2",
            "pi h c Gamma_nat / (3 lambda^3) of the unit-coupling transition: Steck's "
            "cycling-transition value on D2, the same formula with the D1 width and "
            "wavelength on D1",
            "species data (Steck): Gamma_nat, lambda",
        ),
        _row(
            "detuning_from_highest",
            detuning,
            "MHz",
            f"probe from F={sp.f_upper} -> highest F' of {line}",
            "multilevel.detuning_MHz, multilevel.model.detuning_reference",
        ),
        _row(
            "rate_unit_Gamma",
            g,
            "1/s",
            "Gamma = Gamma_(down->up)/mu^2 at the peak intensity",
            "App. E, Kramers-Heisenberg rate (lab/probe.py)",
        ),
        _row("unit_time", 1e3 / g, "ms", "1/Gamma: one unit of the model's time axis", "1/Gamma"),
    ]
    cell = None
    if lab.cell_length_cm is not None:
        cell = cell_optical_depths(species, line, temperature, lab)
        below = temperature + 273.15 < sp.vapour.valid_from_K
        density_source = (
            "lab.atom_density_cm3"
            if lab.atom_density_cm3
            else "saturated vapour at multilevel.temperature_C (Alcock et al. via Steck, "
            + (
                f"extrapolated below {sp.vapour.valid_from_K - 273.15:.0f} C, "
                f"+-{100 * (VAPOUR_UNCERTAINTY + VAPOUR_EXTRAPOLATION_UNCERTAINTY):g} %)"
                if below
                else f"+-{100 * VAPOUR_UNCERTAINTY:g} %)"
            )
        )
        natural = lab.isotope_fraction == "natural"
        rows += [
            _row(
                "isotope_fraction",
                cell["fraction"],
                "1",
                f"fraction of the cell's {sp.element} atoms that are {species}"
                + (" (natural abundance)" if natural else " (enriched cell)"),
                "natural abundance (species data)" if natural else "lab.isotope_fraction",
            ),
            _row(
                "atom_density",
                cell["density_cm3"],
                "1/cm^3",
                f"{species} atoms in the cell: isotope_fraction x the {sp.element} density "
                f"{cell['element_density_cm3']:.4g} /cm^3",
                density_source,
            ),
            _row(
                "resonant_optical_depth",
                cell["resonant"],
                "1",
                "n sigma_0 L: on-resonance optical depth of the cycling transition, atoms "
                "at rest (what a lab computes or measures along the beam)",
                "atom_density, lab.cell_length_cm, sigma_0 = 3 lambda^2/(2 pi)",
            ),
            _row(
                "model_over_resonant",
                MODEL_D_PER_RESONANT_OD * cell["rayleigh_factor"],
                "1",
                f"d / (n sigma_0 L) = F/4, F = {cell['rayleigh_factor']:.4g} "
                + (
                    "(cell length against the Rayleigh length)"
                    if lab.beam_waist_mm is not None
                    else "(no waist given: F = 1, long Rayleigh length)"
                ),
                f"the paper's d = N Gamma_ij / Gamma for a Gaussian beam in a uniform cell "
                f"({_DOCS}#the-papers-d-of-a-vapour-cell)",
            ),
            _row(
                "optical_depth_cell",
                cell["model"],
                "1",
                "the paper's d of this cell",
                "resonant_optical_depth x model_over_resonant",
            ),
        ]
    from_cell = cell is not None and np.isclose(d, cell["model"], rtol=1e-12)
    rows.append(
        _row(
            "optical_depth_model",
            d,
            "1",
            "d used by the model: "
            + (
                "the cell's (optical_depth_cell)"
                if from_cell
                else "as given"
                + (
                    f", {d / cell['model']:.3g} x the cell's optical_depth_cell"
                    if cell is not None
                    else ""
                )
            ),
            "multilevel.optical_depth" + (" = cell" if from_cell else ""),
        )
    )
    rates = coherence_rates_per_s(species, temperature, lab)
    rows += probe_vapour_rows(
        setup,
        lab,
        point,
        g,
        cell=cell,
        coherence_rate_per_s=rates["total"],
    )
    gamma_d_add = float(point.get("gamma_d_add", 0.0))
    if lab.has_dephasing():
        rows += [
            _row(
                "coherence_rate_t2",
                rates["t2"],
                "1/s",
                "1/T2",
                "lab.t2_ms" if lab.t2_ms is not None else "no lab.t2_ms: 0",
            ),
            _row(
                "coherence_rate_extra",
                rates["extra"],
                "1/s",
                "further non-radiative coherence decay",
                "lab.dephasing_rate_per_s"
                if lab.dephasing_rate_per_s is not None
                else "no lab.dephasing_rate_per_s: 0",
            ),
            _row(
                "transit_rate",
                rates["transit"],
                "1/s",
                "<v_perp>/(2w), an estimate good to a factor ~2"
                if lab.cell_coating == "uncoated"
                else "0: " + (lab.cell_coating or "no cell_coating") + " cell",
                "lab.cell_coating, lab.beam_waist_mm, thermal speed "
                f"({_DOCS}#dephasing-from-the-lab)",
            ),
        ]
    rows.append(
        _row(
            "gamma_d_add",
            gamma_d_add,
            "Gamma",
            "Gamma_d^add of xi_exp_inf: 2 gamma_2 / Gamma"
            if lab.has_dephasing()
            else "Gamma_d^add = 0: the lab section gives no dephasing (t2_ms, "
            "dephasing_rate_per_s, cell_coating)",
            f"Sec. III.4; gamma_2 = 1/T2 + extra + transit ({_DOCS}#dephasing-from-the-lab)",
        )
    )
    d_gamma = entangling_rate(d, g).to("1/s").magnitude
    t_ss = steady_state_time(
        d * point["n2"],
        point["gamma_bar"],
        point["p2"],
        g,
        population_rate=point["population_rate"],
    ).magnitude
    rows += [
        _row(
            "xi_exp_inf",
            point["xi_exp_inf"],
            "1",
            f"at x_repump = {lab.x_repump:g}, Gamma_d^add = {gamma_d_add:.4g}, d = {d:.4g}",
            "Eq. (30)",
        ),
        _row("Z", point["Z"], "1", "1/(|mu| - |nu|) of the probe", "Sec. IV.1"),
        _row(
            "pump_strength",
            point["s_pump"],
            "1",
            "optimal s = Omega^2 k/(gamma_LW Gamma)",
            "Sec. IV.2 (95 % criterion)",
        ),
        _row(
            "repump_strength",
            point["s_repump"],
            "1",
            "x_repump x optimal pump strength",
            "lab.x_repump, Sec. IV.2",
        ),
        *(
            _row(
                f"{process}_intensity",
                value,
                "mW/cm^2",
                f"{field_line}; Omega^2 = s Gamma delta_D / sqrt(pi ln 2) (Doppler average)"
                + ("" if value < _WEAK * i_sat else f"; not << I_sat = {i_sat:.3g}: saturates"),
                "App. E, footnote 69",
            )
            for process, field_line, strength in (
                ("pump", "D2", point["s_pump"]),
                ("repump", "D1", point["s_repump"]),
            )
            for value, i_sat in [
                (
                    resonant_intensity_mW_cm2(species, field_line, strength, g, temperature),
                    float(saturation_intensity(species, field_line).to("mW/cm^2").magnitude),
                )
            ]
        ),
        _row("entangling_rate", d_gamma, "1/s", "d Gamma", "Sec. III"),
        _row(
            "transverse_rate",
            point["transverse_rate"] * g,
            "1/s",
            "(Gamma_bar + d N_2 P_2) Gamma",
            "Eq. (28)",
        ),
        _row(
            "population_rate",
            point["population_rate"] * g,
            "1/s",
            "slowest relaxation of the populations",
            "Eq. (26)",
        ),
        _row(
            "time_to_steady_state",
            t_ss,
            "ms",
            f"{E_FOLDINGS:g} e-foldings of the slower",
            "Eqs. (26), (28)",
        ),
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
                "lab.magnetic_field_G, g_F (species data)",
            ),
            _row(
                "field_min",
                b_min,
                "G",
                "2 pi Omega_L >= 10 x the largest rate",
                "Sec. II",
            ),
            _row(
                "field_max",
                b_max,
                "G",
                "Omega_L <= 1e-2 |Delta| (nearest line)",
                "Sec. II",
            ),
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
    point = operating_point(setup, spec.x_repump, lab_gamma_d_add(setup, spec))
    return lab_table(setup, spec, point)


def other_isotope_errors(multilevel: Mapping, lab: LabSpec) -> list[str]:
    """The probe within the resonance margin of a line of the cell's other isotopes.

    Parameters
    ----------
    multilevel : mapping
        The ``multilevel`` section (atoms, detuning, reference, margin, temperature).
    lab : LabSpec
        Its ``isotope_fraction``.

    Returns
    -------
    list of str
        One message naming the lines and distances, or none.
    """
    species, line = multilevel["atom"]["species"], multilevel["atom"]["line"]
    try:
        fraction = isotope_fraction(species, lab.isotope_fraction)
    except ValueError as error:
        return [str(error)]
    temperature = float(multilevel["temperature_C"])
    margin = resonance_margin_MHz(multilevel["resonance_margin_MHz"], species, line, temperature)
    reference = multilevel["model"].get("detuning_reference", "highest")
    laser = laser_frequency_MHz(species, line, float(multilevel["detuning_MHz"]), reference)
    close = [
        f"{name} F={f} -> F'={fe} ({distance:+.1f} MHz)"
        for name, share in other_isotopes(species, fraction).items()
        if share > 0.0
        for (f, fe), distance in line_distances_MHz(name, line, laser).items()
        if abs(distance) < margin
    ]
    if not close:
        return []
    return [
        f"lab.isotope_fraction = {lab.isotope_fraction!r} ({species} {fraction:.4g} of the "
        f"cell): the probe at multilevel.detuning_MHz = {multilevel['detuning_MHz']!r} is "
        f"within multilevel.resonance_margin_MHz ({margin:.4g} MHz) of the lines "
        f"{', '.join(close)} of the cell's other isotope; give an enriched cell "
        f"(lab.isotope_fraction: 1.0 for pure {species}) or a detuning farther from them"
    ]


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
        errors.append("lab.atom_density_cm3 needs lab.cell_length_cm (the cell's n sigma_0 L)")
    if multilevel.get("optical_depth") == "cell" and spec.cell_length_cm is None:
        errors.append(
            "multilevel.optical_depth = 'cell' needs lab.cell_length_cm (the model then uses "
            "the paper's d of that cell)"
        )
    species = multilevel["atom"]["species"]
    vapour = get_species(species).vapour
    kelvin = float(multilevel["temperature_C"]) + 273.15
    low, high = VAPOUR_EXTRAPOLATION_FROM_K, vapour.valid_to_K
    if (
        spec.cell_length_cm is not None
        and spec.atom_density_cm3 is None
        and not (low <= kelvin <= high)
    ):
        errors.append(
            f"lab.cell_length_cm without lab.atom_density_cm3 takes the saturated {species} "
            f"vapour at multilevel.temperature_C = {multilevel['temperature_C']!r}, outside the "
            f"vapour-pressure equations ({low - 273.15:g} to {high - 273.15:g} C, extrapolated "
            f"below {vapour.valid_from_K - 273.15:g} C): give "
            "lab.atom_density_cm3 or a temperature in that range"
        )
    errors += other_isotope_errors(multilevel, spec)
    if errors:
        return errors
    if multilevel.get("optical_depth") == "cell":
        multilevel = {**multilevel, "optical_depth": cell_model_optical_depth(multilevel, lab)}
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
    "cell_model_optical_depth",
    "cell_optical_depths",
    "coherence_rates_per_s",
    "generic_detuning_MHz",
    "lab_errors",
    "lab_gamma_d_add",
    "lab_table",
    "lab_units_table",
    "larmor_field_range_G",
    "nearest_line_MHz",
    "rate_unit_per_s",
    "resonant_intensity_mW_cm2",
]
