"""The Cs-133 scenario as one value: probe, cell and model readings (Sec. IV, App. E).

:class:`CesiumSetup` is built once from the ``cesium`` config section
(:meth:`CesiumSetup.from_config`) and passed to every table, figure, claim, study and
exact check of the Cs model. Its :attr:`~CesiumSetup.rates` are the single-atom rates of
its probe setting (:func:`cesium_rates`); the pump is added to them at its optimum by
:func:`.pump.pumped_rates`, the one place where "rates at a pump strength -> optimal pump
-> xi" is composed.

The atoms are one more field of the value: ``species`` (a key of
:data:`dissipative_entanglement.atoms.species.SPECIES`) and the probe's ``line``. The pump
stays on D2 and the repump on D1 (App. E). Dispatch (:func:`cesium_rates`): Cs133 with
the probe on D2, the defaults, runs the Cs modules (:mod:`.couplings`, :mod:`.rates`)
unchanged; every other species or line runs the same model built from the
species-generic layer (:mod:`dissipative_entanglement.atoms`, :func:`species_rates`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from ..atoms import couplings as atom_couplings
from ..atoms import rates as atom_rates
from ..atoms.species import SPECIES, get_species
from .couplings import centroid_detuning_MHz, squeezing_parameters
from .doppler import doppler_width_MHz
from .manifold import reduce_matrix, three_level_view
from .model import CesiumRates, ManifoldRates, ThreeLevelRates
from .options import ALTERNATIVES, CesiumOptions
from .rates import ground_rate_matrices, three_level_rates

#: the paper's atoms and probe line (Sec. IV, App. E)
DEFAULT_SPECIES = "Cs133"
DEFAULT_LINE = "D2"
LINES = atom_couplings.LINE_NAMES
#: the Cs default reference F=4 -> F'=5, i.e. F_up -> the highest F' of the line, is the
#: one Cs reference with a species-generic meaning ("highest"); the others name Cs levels
_GENERIC_REFERENCE = {"F5": "highest"}


@dataclass(frozen=True)
class CesiumSetup:
    """One Cs-133 configuration: probe, vapour cell and the model readings.

    Attributes
    ----------
    detuning_MHz : float or ndarray
        Probe detuning in MHz (blue > 0), counted from ``options.detuning_reference``
        (App. E: +700 MHz from F=4 -> F'=5).
    probe_polarization : str
        "y" (classical sigma+-, quantum pi) or "x" (the reverse), Sec. IV.1.
    optical_depth : float, ndarray or None
        Resonant optical depth d of one ensemble (Sec. III.3), dimensionless; None where
        only single-atom quantities are wanted (rates, couplings).
    temperature_C : float or ndarray
        Cell temperature in degrees C (Doppler width, footnote 69).
    options : CesiumOptions
        The readings of the open choices (config ``cesium.model``).
    species : str
        The atoms, a key of :data:`dissipative_entanglement.atoms.species.SPECIES`
        (default "Cs133"; config ``atom.species``).
    line : str
        The probe's D line, "D1" or "D2" (default "D2"; config ``atom.line``). The pump
        is on D2 and the repump on D1 whatever the probe's line (App. E).

    Other species or lines than Cs133 D2 run the species-generic model
    (:func:`species_rates`); their limits are checked on construction
    (:func:`check_atom`). The numeric fields may be arrays that broadcast together (a
    study grid, evaluated by :func:`.scenario.xi_exp_inf_grid`); :attr:`rates` follows a
    detuning array but needs a scalar temperature.
    """

    detuning_MHz: float | np.ndarray
    probe_polarization: str
    optical_depth: float | np.ndarray | None
    temperature_C: float | np.ndarray
    options: CesiumOptions = field(default_factory=CesiumOptions)
    species: str = DEFAULT_SPECIES
    line: str = DEFAULT_LINE

    def __post_init__(self):
        check_atom(self.species, self.line, self.options)

    @property
    def is_cesium_d2(self) -> bool:
        """True for the paper's atoms and line (Cs133, probe on D2): the Cs code path."""
        return is_cesium_d2(self.species, self.line)

    @classmethod
    def from_config(cls, section: Mapping) -> CesiumSetup:
        """The setup of the ``cesium`` config section.

        Parameters
        ----------
        section : mapping
            Holds ``detuning_MHz``, ``probe_polarization``, ``temperature_C``, ``model``
            (the readings) and, for quantities that depend on it, ``optical_depth``
            (absent: None, e.g. for the single-atom rates) and optionally ``atom``, a
            mapping ``{species, line}`` (absent keys: Cs133, D2); other keys are ignored.

        Returns
        -------
        CesiumSetup
        """
        return cls(
            detuning_MHz=float(section["detuning_MHz"]),
            probe_polarization=str(section["probe_polarization"]),
            optical_depth=(float(section["optical_depth"]) if "optical_depth" in section else None),
            temperature_C=float(section["temperature_C"]),
            options=CesiumOptions.from_config(section.get("model")),
            **atom_from_config(section.get("atom")),
        )

    def replace(self, **changes) -> CesiumSetup:
        """A copy with some fields changed; ``options`` may be a mapping of readings.

        Parameters
        ----------
        **changes
            Field values; ``options={"leakage": "into_h"}`` changes single readings.

        Returns
        -------
        CesiumSetup
        """
        if isinstance(changes.get("options"), Mapping):
            changes["options"] = replace(self.options, **changes["options"])
        return replace(self, **changes)

    def alternatives(self) -> list[tuple[str, str, CesiumSetup]]:
        """This setup under each alternative reading it does not already use (sensitivity).

        Returns
        -------
        list of (str, str, CesiumSetup)
            (option, alternative value, changed setup) for every entry of
            ``options.ALTERNATIVES`` that differs from the configured reading and that
            the model can run for these atoms (:func:`check_atom`; e.g. no Cs-level
            detuning reference and no "f3_manifold" for Rb87).
        """
        changed = []
        for name, value in ALTERNATIVES:
            if getattr(self.options, name) == value:
                continue
            try:
                changed.append((name, value, self.replace(options={name: value})))
            except ValueError:  # not defined for these atoms (check_atom)
                continue
        return changed

    @property
    def doppler_fwhm_MHz(self) -> float:
        """Doppler width (MHz) of the cell on the probe's line (footnote 69).

        Under ``options.doppler_formula``; Cs133 D2 as before, otherwise with the
        species' mass and the probe line's wavelength.
        """
        if self.is_cesium_d2:
            return float(
                doppler_width_MHz(self.temperature_C, formula=self.options.doppler_formula)
            )
        return float(
            _species_doppler_MHz(self.species, self.line, self.temperature_C, self.options)
        )

    @cached_property
    def rates(self) -> CesiumRates:
        """Rates and Z of this probe setting (:func:`cesium_rates`); scalar temperature."""
        return cesium_rates(
            self.detuning_MHz,
            self.probe_polarization,
            self.temperature_C,
            self.options,
            species=self.species,
            line=self.line,
        )


def elastic_coherence_loss(detuning_MHz, probe_polarization: str, detuning_reference: str):
    """sum_q |a_q - b_q|^2: damping of the up/down coherence by elastic scattering (App. D).

    a_q, b_q are the Kramers-Heisenberg amplitudes of |up> -> |up> and |down> -> |down>
    with emission of polarization q (coherent sum over F', App. E), in the normalisation
    of :func:`.rates.probe_rate_matrix` (Gamma from Gamma_(down->up) = mu^2 Gamma):
    :func:`dissipative_entanglement.atoms.rates.elastic_coherence_loss` for Cs-133 D2,
    the detuning mapped by :func:`.couplings.centroid_detuning_MHz`.

    Parameters
    ----------
    detuning_MHz : array_like
        Probe detuning in MHz from ``detuning_reference``.
    probe_polarization : str
        "y" or "x".
    detuning_reference : str
        Reference line of the detuning (``CesiumOptions.detuning_reference``).

    Returns
    -------
    ndarray
        The loss rate in units of Gamma, shape of ``detuning_MHz``; NaN where no real
        (mu, nu) exists.
    """
    return atom_rates.elastic_coherence_loss(
        "Cs133",
        "D2",
        centroid_detuning_MHz(detuning_MHz, detuning_reference),
        probe_polarization,
        detuning_reference="centroid",
    )


def cesium_rates(
    detuning_MHz,
    probe_polarization: str,
    temperature_C,
    options: CesiumOptions,
    *,
    species: str = "Cs133",
    line: str = "D2",
) -> CesiumRates:
    """Rates of the three-level model under ``options`` (Fig. 6, App. D-E).

    Cs133 with the probe on D2 (the defaults) runs the Cs modules; any other species or
    line is handed to :func:`species_rates` (module docstring).

    Parameters
    ----------
    detuning_MHz : array_like
        Probe detuning in MHz from ``options.detuning_reference``.
    probe_polarization : str
        "y" or "x" (Sec. IV.1).
    temperature_C : float
        Cell temperature in degrees C (Doppler width, used with
        ``pump_levels = "doppler_weighted"``).
    options : CesiumOptions
        The readings of the open choices.
    species : str, optional
        Registry name of the atoms (default "Cs133").
    line : {"D1", "D2"}, optional
        The probe's line (default "D2").

    Returns
    -------
    CesiumRates
        Probe rates in units of Gamma, pump and repump rates per unit strength, and Z; the
        arrays follow ``detuning_MHz``. Under ``elastic_dephasing = "coherence"`` the
        probe's elastic terms are replaced by the coherence loss (App. D;
        docs/physics.md); under ``h_return = "absorbing"`` the probe returns no atom from
        |h> (App. E); under "f3_manifold" ``manifold`` holds the rates over every F = 3
        sublevel and the three-level fields are its view (:mod:`.manifold`).
    """
    if not is_cesium_d2(species, line):
        return species_rates(
            detuning_MHz, probe_polarization, temperature_C, options, species=species, line=line
        )
    fwhm = float(doppler_width_MHz(temperature_C, formula=options.doppler_formula))
    manifold = None
    if options.h_return == "f3_manifold":  # every F = 3 sublevel a state (.manifold)
        matrices = ground_rate_matrices(
            detuning_MHz, probe_polarization, options, doppler_fwhm_MHz=fwhm
        )
        manifold = ManifoldRates(*(reduce_matrix(m, "I", options.leakage) for m in matrices))
        probe, pump_unit, repump_unit = (
            three_level_view(m) for m in (manifold.probe, manifold.pump_unit, manifold.repump_unit)
        )
    else:
        probe, pump_unit, repump_unit = three_level_rates(
            detuning_MHz, probe_polarization, options, doppler_fwhm_MHz=fwhm
        )
    if options.h_return == "absorbing":  # App. E: only the repump empties |h>
        probe = replace(probe, h_up=0.0 * probe.h_up, h_down=0.0 * probe.h_down)
    if options.elastic_dephasing == "coherence":
        loss = elastic_coherence_loss(detuning_MHz, probe_polarization, options.detuning_reference)
        probe = replace(probe, up_up=loss, down_down=np.zeros_like(loss))
        # the pump: |up> is dark, a_q = 0, so sum_q |a_q - b_q|^2 = Gamma_downdown^pump;
        # its elastic rates stay as they are (tested against the amplitudes)
    z = squeezing_parameters(
        detuning_MHz, probe_polarization, detuning_reference=options.detuning_reference
    ).z
    return CesiumRates(probe, pump_unit, repump_unit, z, manifold)


# --------------------------------------------------------------------------- other atoms


def is_cesium_d2(species: str, line: str) -> bool:
    """Whether (species, line) is the paper's Cs133 D2, run by the Cs modules unchanged.

    Parameters
    ----------
    species : str
        Registry name of the atoms.
    line : str
        The probe's D line.

    Returns
    -------
    bool
    """
    return species == DEFAULT_SPECIES and line == DEFAULT_LINE


def atom_label(species: str = DEFAULT_SPECIES, line: str = DEFAULT_LINE) -> str:
    """Figure-title name of the atoms: "Cs-133" for the paper's, else e.g. "Rb-87, D1 probe".

    Parameters
    ----------
    species : str, optional
        Registry name (default "Cs133").
    line : str, optional
        The probe's line (default "D2").

    Returns
    -------
    str
    """
    sp = get_species(species)
    name = f"{sp.element}-{species[len(sp.element) :]}"
    return name if line == DEFAULT_LINE else f"{name}, {line} probe"


def reference_label(species: str, line: str, detuning_reference: str) -> str:
    """The transition the probe detuning is counted from, e.g. "F=2 -> F'=3" (App. E).

    Parameters
    ----------
    species, line : str
        The atoms and the probe's line.
    detuning_reference : str
        ``cesium.model.detuning_reference``; for Cs133 D2 any Cs reference, else "F5"
        (read as F_up -> the highest F' of the line, :func:`check_atom`).

    Returns
    -------
    str
    """
    if is_cesium_d2(species, line):
        ref = detuning_reference
        return f"F=4 -> F'={ref[1:]}" if ref[0] == "F" and ref[1:].isdigit() else f"the {ref}"
    sp = get_species(species)
    return f"F={sp.f_upper} -> F'={sp.line(line).excited_f[-1]}"


def check_atom(species: str, line: str, options: CesiumOptions) -> str | None:
    """Check that the model can run for these atoms and readings (Sec. IV, App. E).

    Parameters
    ----------
    species : str
        Registry name of the atoms (:data:`dissipative_entanglement.atoms.species.SPECIES`).
    line : str
        The probe's line, "D1" or "D2".
    options : CesiumOptions
        The readings.

    Returns
    -------
    str or None
        The species-generic detuning reference (:mod:`dissipative_entanglement.atoms.couplings`)
        the generic path uses, or None for Cs133 D2 (the Cs path).

    Raises
    ------
    ValueError
        For an unknown species or line (the message lists the allowed ones); for another
        species or line than Cs133 D2: a ``detuning_reference`` that names Cs levels (only
        "F5", read as "highest" = F_up -> F'_max, is allowed), and ``h_return =
        "f3_manifold"`` for a species other than Cs133 (the manifold model is written for
        the seven F = 3 sublevels).
    """
    if species not in SPECIES:
        raise ValueError(f"atom.species = {species!r}: one of {sorted(SPECIES)}")
    if line not in LINES:
        raise ValueError(f"atom.line = {line!r}: one of {list(LINES)}")
    if is_cesium_d2(species, line):
        return None
    reference = options.detuning_reference
    if reference not in _GENERIC_REFERENCE:
        raise ValueError(
            f"cesium.model.detuning_reference = {reference!r} names a Cs-133 D2 level; for "
            f"{species} {line} allowed: {sorted(_GENERIC_REFERENCE)} (read as "
            f"{sorted(_GENERIC_REFERENCE.values())}: F_up -> the highest F' of the line)"
        )
    if options.h_return == "f3_manifold" and species != DEFAULT_SPECIES:
        raise ValueError(
            f"cesium.model.h_return = 'f3_manifold' is written for Cs133 (9 states); not "
            f"available for {species}: use one of ['absorbing', 'probe_return']"
        )
    return _GENERIC_REFERENCE[reference]


def atom_from_config(section) -> dict[str, str]:
    """``species`` and ``line`` of the optional ``atom`` mapping (absent: Cs133, D2).

    Parameters
    ----------
    section : mapping or None
        Config ``cesium.atom`` (or a study's ``options.atom``).

    Returns
    -------
    dict
        ``{"species": str, "line": str}``.

    Raises
    ------
    ValueError
        For a value that is not a mapping, or unknown keys.
    """
    if section is not None and not isinstance(section, Mapping):
        raise ValueError(f"{section!r} is not a mapping; give e.g. {{species: Rb87, line: D2}}")
    section = dict(section or {})
    unknown = set(section) - {"species", "line"}
    if unknown:
        raise ValueError(f"unknown atom keys {sorted(unknown)}; allowed: ['line', 'species']")
    return {
        "species": str(section.get("species", DEFAULT_SPECIES)),
        "line": str(section.get("line", DEFAULT_LINE)),
    }


def _species_doppler_MHz(species: str, line: str, temperature_C, options: CesiumOptions):
    """Doppler width in MHz of ``line`` of ``species`` under ``options.doppler_formula``."""
    sp = get_species(species)
    return doppler_width_MHz(
        temperature_C,
        wavelength_nm=sp.line(line).wavelength_nm,
        formula=options.doppler_formula,
        mass_kg=sp.mass_kg,
    )


def species_rates(
    detuning_MHz,
    probe_polarization: str,
    temperature_C,
    options: CesiumOptions,
    *,
    species: str,
    line: str,
) -> CesiumRates:
    """:func:`cesium_rates` for any species and probe line, from the generic layer.

    The same three-level model (Fig. 6, App. D-E) with the couplings of the species:
    probe rates :func:`dissipative_entanglement.atoms.rates.probe_rate_matrix` on
    ``line`` (units of Gamma, Gamma_(down->up) = mu^2 Gamma), pump (D2, F_up -> F' =
    F_up) and repump (D1, F_low -> F' = F_up) per unit strength
    (:func:`dissipative_entanglement.atoms.rates.resonant_rate_matrix`), |up> =
    |F_up, F_up>, |down> = |F_up, F_up - 1>, |h> = |F_low, F_low>, and Z from
    :func:`dissipative_entanglement.atoms.couplings.squeezing_parameters`. The readings
    are those of :func:`cesium_rates`, with two differences: the detuning is counted
    from F_up -> F'_max of the probe's line (:func:`check_atom`), and under
    ``pump_levels = "doppler_weighted"`` each resonant field gets the Doppler width of
    its own line (the Cs path uses the D2 width for both).

    Parameters
    ----------
    detuning_MHz : array_like
        Probe detuning in MHz (blue > 0) from F_up -> F'_max of ``line``.
    probe_polarization : str
        "y" or "x" (Sec. IV.1).
    temperature_C : float
        Cell temperature in degrees C (Doppler widths for "doppler_weighted").
    options : CesiumOptions
        The readings (:func:`check_atom` says which are refused).
    species : str
        Registry name of the atoms.
    line : {"D1", "D2"}
        The probe's line.

    Returns
    -------
    CesiumRates
        As :func:`cesium_rates`, with ``f_upper`` = F_up of the species (the F of
        Eqs. (17)–(19), (30)); ``manifold`` only for Cs133 under "f3_manifold".

    Raises
    ------
    ValueError
        Where :func:`check_atom` refuses the combination.
    """
    reference = check_atom(species, line, options) or _GENERIC_REFERENCE["F5"]
    probe = atom_rates.probe_rate_matrix(
        species,
        line,
        detuning_MHz,
        probe_polarization,
        detuning_reference=reference,
        amplitude_sum=options.amplitude_sum,
    )
    units = []
    for process, field_line in (("pump", "D2"), ("repump", "D1")):
        fwhm = None
        if options.pump_levels == "doppler_weighted":
            fwhm = float(_species_doppler_MHz(species, field_line, temperature_C, options))
        matrix = atom_rates.resonant_rate_matrix(
            species, process, pump_levels=options.pump_levels, doppler_fwhm_MHz=fwhm
        )
        if options.pump_channels == "all_to_up":
            matrix = atom_rates.all_to_up(species, matrix)
        units.append(matrix)
    manifold = None
    if options.h_return == "f3_manifold":  # Cs133 only (check_atom): same sublevel order
        manifold = ManifoldRates(*(reduce_matrix(m, "I", options.leakage) for m in (probe, *units)))
        probe_rates, pump_unit, repump_unit = (
            three_level_view(m) for m in (manifold.probe, manifold.pump_unit, manifold.repump_unit)
        )
    else:
        probe_rates = ThreeLevelRates(
            **atom_rates.three_level_entries(species, probe, "I", options.leakage)
        )
        pump_unit, repump_unit = (
            ThreeLevelRates(
                **{
                    k: float(v)
                    for k, v in atom_rates.three_level_entries(
                        species, m, "I", options.leakage
                    ).items()
                }
            )
            for m in units
        )
    if options.h_return == "absorbing":  # App. E: only the repump empties |h>
        probe_rates = replace(
            probe_rates, h_up=0.0 * probe_rates.h_up, h_down=0.0 * probe_rates.h_down
        )
    if options.elastic_dephasing == "coherence":
        loss = atom_rates.elastic_coherence_loss(
            species, line, detuning_MHz, probe_polarization, detuning_reference=reference
        )
        probe_rates = replace(probe_rates, up_up=loss, down_down=np.zeros_like(loss))
    z = atom_couplings.squeezing_parameters(
        species, line, detuning_MHz, probe_polarization, detuning_reference=reference
    ).z
    return CesiumRates(
        probe_rates, pump_unit, repump_unit, z, manifold, get_species(species).f_upper
    )


__all__ = [
    "DEFAULT_LINE",
    "DEFAULT_SPECIES",
    "LINES",
    "CesiumSetup",
    "atom_from_config",
    "atom_label",
    "cesium_rates",
    "check_atom",
    "elastic_coherence_loss",
    "is_cesium_d2",
    "reference_label",
    "species_rates",
]
