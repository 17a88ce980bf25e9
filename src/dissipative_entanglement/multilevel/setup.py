"""One configuration of the multi-level model as a value: atoms, probe, cell, readings.

:class:`MultilevelSetup` is built once from the ``multilevel`` config section
(:meth:`MultilevelSetup.from_config`) and passed to every table, figure, claim, study and
exact check of the model of Sec. IV and App. D-E. Its :attr:`~MultilevelSetup.rates` are
the single-atom rates of its probe setting (:func:`multilevel_rates`); the pump is added
to them at its optimum by :func:`.pump.pumped_rates`, the one place where "rates at a
pump strength -> optimal pump -> xi" is composed.

The atoms are fields of the value: ``species`` (a key of
:data:`dissipative_entanglement.atoms.species.SPECIES`) and the probe's ``line``; the pump
is on D2 and the repump on D1 whatever the probe's line (App. E). Every species and line
runs the same code (:mod:`dissipative_entanglement.atoms` for the couplings and rates):
|up> = |F_up, F_up>, |down> = |F_up, F_up - 1>, |h> = |F_low, F_low>, F = F_up in
Eqs. (17)-(19) and (30). The paper's case is Cs-133 with the probe on D2, F = 4.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from ..atoms import couplings as atom_couplings
from ..atoms import rates as atom_rates
from ..atoms.doppler import doppler_width_MHz
from ..atoms.species import SPECIES, get_species
from .manifold import reduce_matrix, three_level_view
from .model import ManifoldRates, MultilevelRates, ThreeLevelRates
from .options import ALTERNATIVES, MultilevelOptions
from .rates import ground_rate_matrices, probe_velocity_sigma_MHz

LINES = atom_couplings.LINE_NAMES
ATOM_KEYS = ("species", "line")


@dataclass(frozen=True)
class MultilevelSetup:
    """One configuration of the multi-level model: atoms, probe, vapour cell, readings.

    Attributes
    ----------
    detuning_MHz : float or ndarray
        Probe detuning in MHz (blue > 0), counted from ``options.detuning_reference``
        (App. E: +700 MHz from F=4 -> F'=5 for Cs D2).
    probe_polarization : str
        "y" (classical sigma+-, quantum pi) or "x" (the reverse), Sec. IV.1.
    optical_depth : float, ndarray or None
        Resonant optical depth d of one ensemble (Sec. III.3), dimensionless; None where
        only single-atom quantities are wanted (rates, couplings).
    temperature_C : float or ndarray
        Cell temperature in degrees C (Doppler widths, footnote 69).
    options : MultilevelOptions
        The readings of the open choices (config ``multilevel.model``).
    species : str
        The atoms, a key of :data:`dissipative_entanglement.atoms.species.SPECIES`
        (config ``multilevel.atom.species``; keyword only, no default).
    line : str
        The probe's D line, "D1" or "D2" (config ``multilevel.atom.line``; keyword only).

    The combination is checked on construction (:func:`check_atom`). The numeric fields
    may be arrays that broadcast together (a study grid, evaluated by
    :func:`.scenario.xi_exp_inf_grid`); :attr:`rates` follows a detuning array but needs
    a scalar temperature.
    """

    detuning_MHz: float | np.ndarray
    probe_polarization: str
    optical_depth: float | np.ndarray | None
    temperature_C: float | np.ndarray
    options: MultilevelOptions = field(default_factory=MultilevelOptions)
    species: str = field(kw_only=True)
    line: str = field(kw_only=True)

    def __post_init__(self):
        check_atom(self.species, self.line, self.options)

    @classmethod
    def from_config(cls, section: Mapping) -> MultilevelSetup:
        """The setup of the ``multilevel`` config section.

        Parameters
        ----------
        section : mapping
            Holds ``atom`` (``{species, line}``), ``detuning_MHz``, ``probe_polarization``,
            ``temperature_C``, ``model`` (the readings) and, for quantities that depend
            on it, ``optical_depth`` (absent: None, e.g. for the single-atom rates);
            other keys are ignored.

        Returns
        -------
        MultilevelSetup
        """
        return cls(
            detuning_MHz=float(section["detuning_MHz"]),
            probe_polarization=str(section["probe_polarization"]),
            optical_depth=(float(section["optical_depth"]) if "optical_depth" in section else None),
            temperature_C=float(section["temperature_C"]),
            options=MultilevelOptions.from_config(section.get("model")),
            **atom_from_config(section["atom"]),
        )

    def replace(self, **changes) -> MultilevelSetup:
        """A copy with some fields changed; ``options`` may be a mapping of readings.

        Parameters
        ----------
        **changes
            Field values; ``options={"leakage": "into_h"}`` changes single readings.

        Returns
        -------
        MultilevelSetup
        """
        if isinstance(changes.get("options"), Mapping):
            changes["options"] = replace(self.options, **changes["options"])
        return replace(self, **changes)

    def alternatives(self) -> list[tuple[str, str, MultilevelSetup]]:
        """This setup under each alternative reading it does not already use (sensitivity).

        Returns
        -------
        list of (str, str, MultilevelSetup)
            (option, alternative value, changed setup) for every entry of
            ``options.ALTERNATIVES`` that differs from the configured reading.
        """
        return [
            (name, value, self.replace(options={name: value}))
            for name, value in ALTERNATIVES
            if getattr(self.options, name) != value
        ]

    @property
    def f_upper(self) -> int:
        """F_up = I + 1/2 of the species: the F of Eqs. (17)-(19) and (30) (4 for Cs)."""
        return get_species(self.species).f_upper

    @property
    def doppler_fwhm_MHz(self) -> float:
        """Doppler width (MHz) of the cell on the probe's line under ``doppler_formula``."""
        return float(
            doppler_width_MHz(
                self.species, self.line, self.temperature_C, formula=self.options.doppler_formula
            )
        )

    @cached_property
    def rates(self) -> MultilevelRates:
        """Rates and Z of this probe setting (:func:`multilevel_rates`); scalar temperature."""
        return multilevel_rates(
            self.detuning_MHz,
            self.probe_polarization,
            self.temperature_C,
            self.options,
            species=self.species,
            line=self.line,
        )


def multilevel_rates(
    detuning_MHz,
    probe_polarization: str,
    temperature_C,
    options: MultilevelOptions,
    *,
    species: str,
    line: str,
) -> MultilevelRates:
    """Rates of the three-level model under ``options`` (Fig. 6, App. D-E), any atoms.

    Probe rates on ``line`` (units of Gamma, Gamma_(down->up) = mu^2 Gamma), pump (D2,
    F_up -> F' = F_up) and repump (D1, F_low -> F' = F_up) per unit strength, each
    resonant field with the Doppler width of its own line under
    ``pump_levels = "doppler_weighted"`` (:mod:`.rates`), and Z of
    :func:`dissipative_entanglement.atoms.couplings.squeezing_parameters`.

    Parameters
    ----------
    detuning_MHz : array_like
        Probe detuning in MHz (blue > 0) from ``options.detuning_reference``.
    probe_polarization : str
        "y" or "x" (Sec. IV.1).
    temperature_C : float
        Cell temperature in degrees C (Doppler widths, used with
        ``pump_levels = "doppler_weighted"``).
    options : MultilevelOptions
        The readings of the open choices.
    species : str
        Registry name of the atoms.
    line : {"D1", "D2"}
        The probe's line.

    Returns
    -------
    MultilevelRates
        Probe rates in units of Gamma, pump and repump rates per unit strength, Z and
        F_up of the species; the arrays follow ``detuning_MHz``. Under
        ``elastic_dephasing = "coherence"`` the probe's elastic terms are replaced by the
        coherence loss (App. D; docs/physics.md); under ``h_return = "absorbing"`` the
        probe returns no atom from |h> (App. E); under "lower_manifold" ``manifold``
        holds the rates over every F_low sublevel and the three-level fields are its
        view (:mod:`.manifold`).

    Raises
    ------
    ValueError
        Where :func:`check_atom` refuses the combination.
    """
    check_atom(species, line, options)
    reference = options.detuning_reference
    matrices = ground_rate_matrices(
        species, line, detuning_MHz, probe_polarization, options, temperature_C=temperature_C
    )
    manifold = None
    if options.h_return == "lower_manifold":  # every F_low sublevel a state (.manifold)
        manifold = ManifoldRates(
            *(reduce_matrix(species, m, "I", options.leakage) for m in matrices)
        )
        probe, pump_unit, repump_unit = (
            three_level_view(m) for m in (manifold.probe, manifold.pump_unit, manifold.repump_unit)
        )
    else:
        entries = [
            atom_rates.three_level_entries(species, m, "I", options.leakage) for m in matrices
        ]
        probe = ThreeLevelRates(**entries[0])
        pump_unit, repump_unit = (
            ThreeLevelRates(**{k: float(v) for k, v in e.items()}) for e in entries[1:]
        )
    if options.h_return == "absorbing":  # App. E: only the repump empties |h>
        probe = replace(probe, h_up=0.0 * probe.h_up, h_down=0.0 * probe.h_down)
    if options.elastic_dephasing == "coherence":
        loss = atom_rates.elastic_coherence_loss(
            species, line, detuning_MHz, probe_polarization, detuning_reference=reference
        )
        probe = replace(probe, up_up=loss, down_down=np.zeros_like(loss))
        # the pump: |up> is dark, a_q = 0, so sum_q |a_q - b_q|^2 = Gamma_downdown^pump;
        # its elastic rates stay as they are (tested against the amplitudes)
    z = atom_couplings.squeezing_parameters(
        species,
        line,
        detuning_MHz,
        probe_polarization,
        detuning_reference=reference,
        velocity_sigma_MHz=probe_velocity_sigma_MHz(species, line, temperature_C, options),
    ).z
    return MultilevelRates(probe, pump_unit, repump_unit, z, get_species(species).f_upper, manifold)


def species_label(species: str) -> str:
    """Name of the atoms as a text writes it, e.g. "Cs-133" for "Cs133".

    Parameters
    ----------
    species : str
        Registry name.

    Returns
    -------
    str
    """
    sp = get_species(species)
    return f"{sp.element}-{species[len(sp.element) :]}"


def atom_label(species: str, line: str) -> str:
    """Figure-title name of the atoms: "Cs-133" for a D2 probe, else e.g. "Rb-87, D1 probe".

    Parameters
    ----------
    species : str
        Registry name.
    line : str
        The probe's line.

    Returns
    -------
    str
    """
    name = species_label(species)
    return name if line == "D2" else f"{name}, {line} probe"


def reference_label(species: str, line: str, detuning_reference: str) -> str:
    """The transition the probe detuning is counted from, e.g. "F=4 -> F'=5" (App. E).

    Parameters
    ----------
    species, line : str
        The atoms and the probe's line.
    detuning_reference : str
        ``multilevel.model.detuning_reference``.

    Returns
    -------
    str
    """
    sp = get_species(species)
    excited = sp.line(line).excited_f
    named = {"highest": excited[-1], "lowest": excited[0]} | {f"F{f}": f for f in excited}
    if detuning_reference in named:
        return f"F={sp.f_upper} -> F'={named[detuning_reference]}"
    return f"F={sp.f_upper} -> the {detuning_reference.replace('_', ' ')}"


def check_atom(species: str, line: str, options: MultilevelOptions) -> None:
    """Check that the model can run for these atoms and readings (Sec. IV, App. E).

    Parameters
    ----------
    species : str
        Registry name of the atoms (:data:`dissipative_entanglement.atoms.species.SPECIES`).
    line : str
        The probe's line, "D1" or "D2".
    options : MultilevelOptions
        The readings.

    Raises
    ------
    ValueError
        For an unknown species or line (the message lists the allowed ones), or a
        ``detuning_reference`` the probe's line does not have (e.g. "F5" for Rb-87,
        whose D2 line has F' = 0..3; the message lists those it has).
    """
    if species not in SPECIES:
        raise ValueError(f"atom.species = {species!r}: one of {sorted(SPECIES)}")
    if line not in LINES:
        raise ValueError(f"atom.line = {line!r}: one of {list(LINES)}")
    try:
        atom_couplings.check_detuning_reference(species, line, options.detuning_reference)
    except ValueError as error:
        raise ValueError(f"multilevel.model.{error}") from None


def atom_from_config(section) -> dict[str, str]:
    """``species`` and ``line`` of an ``atom`` mapping, both required.

    Parameters
    ----------
    section : mapping
        Config ``multilevel.atom`` (or a study's ``options.atom``), e.g.
        ``{species: Cs133, line: D2}``.

    Returns
    -------
    dict
        ``{"species": str, "line": str}``.

    Raises
    ------
    ValueError
        For a value that is not a mapping, unknown or missing keys.
    """
    if not isinstance(section, Mapping):
        raise ValueError(f"{section!r} is not a mapping; give e.g. {{species: Rb87, line: D2}}")
    unknown = set(section) - set(ATOM_KEYS)
    missing = set(ATOM_KEYS) - set(section)
    if unknown or missing:
        raise ValueError(
            f"atom {dict(section)!r}: keys {list(ATOM_KEYS)} (unknown {sorted(unknown)}, "
            f"missing {sorted(missing)})"
        )
    return {"species": str(section["species"]), "line": str(section["line"])}


__all__ = [
    "ATOM_KEYS",
    "LINES",
    "MultilevelSetup",
    "atom_from_config",
    "atom_label",
    "check_atom",
    "multilevel_rates",
    "reference_label",
    "species_label",
]
