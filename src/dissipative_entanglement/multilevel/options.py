"""Readings of the places where the paper leaves the multi-level model open.

Config ``multilevel.model``. Every field of :class:`MultilevelOptions` is one reading,
with the sentence of the paper it interprets and the module that implements it; the list
with the paper's sentences is docs/physics.md#open-readings. ``CHOICES`` holds the allowed
values, once: the config schema's enums are tested against it. The detuning reference is
checked against the atoms' line by :func:`.setup.check_atom` (``F<n>`` needs an F' = n).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from ..atoms.couplings import DEFAULT_DETUNING_REFERENCE
from ..atoms.doppler import DOPPLER_FORMULAS
from .rate_equations import HH_ENTRIES

#: detuning references (:func:`dissipative_entanglement.atoms.couplings.reference_offset_MHz`)
DETUNING_REFERENCE_PATTERN = r"^(highest|lowest|centroid|strength_centroid|F[0-9])$"

AMPLITUDE_SUMS = ("coherent", "incoherent")
PUMP_CHANNELS = ("branching", "all_to_up")
PUMP_LEVELS = ("resonant_only", "doppler_weighted")
LEAKAGES = ("neglect", "into_h")
REPUMP_REFERENCES = ("self_consistent", "pump_only")
CRITERIA = ("steady_state", "all_times")
ELASTIC_DEPHASING = ("rates", "coherence")
H_RETURNS = ("absorbing", "probe_return", "lower_manifold")
PROBE_VELOCITIES = ("at_rest", "thermal")

#: Allowed values of every string-valued reading but ``detuning_reference``
#: (:data:`DETUNING_REFERENCE_PATTERN`).
CHOICES = {
    "amplitude_sum": AMPLITUDE_SUMS,
    "pump_channels": PUMP_CHANNELS,
    "pump_levels": PUMP_LEVELS,
    "leakage": LEAKAGES,
    "repump_reference": REPUMP_REFERENCES,
    "criterion": CRITERIA,
    "elastic_dephasing": ELASTIC_DEPHASING,
    "doppler_formula": DOPPLER_FORMULAS,
    "hh_entry": HH_ENTRIES,
    "h_return": H_RETURNS,
    "probe_velocities": PROBE_VELOCITIES,
}


@dataclass(frozen=True)
class MultilevelOptions:
    """Readings of the open choices of the multi-level model (config ``multilevel.model``).

    detuning_reference : the transition from F_up the probe detuning is counted from
        ("highest": F_up -> F'_max, for Cs D2 F=4 -> F'=5 as App. E says; "F<n>",
        "lowest", "centroid", "strength_centroid"; the red x-probe variant of C5 is
        reproduced with "F2"; :mod:`dissipative_entanglement.atoms.couplings`).
    probe_velocities : "at_rest" (default; App. E's rates for atoms at rest, the reading
        of Figs. 7-8) | "thermal": the probe's amplitudes and rates averaged over the
        Maxwell-Boltzmann velocities at ``multilevel.temperature_C`` with the natural
        width (Voigt; :mod:`dissipative_entanglement.atoms.velocity_average`): Z from
        the averaged (collective) amplitudes, single-atom rates from the averaged squares,
        in units of the collective Gamma (docs/physics.md#r23).
    amplitude_sum : "coherent" | "incoherent" sum over excited levels in the probe rates
        (App. E's garbled formula; :mod:`.rates`).
    pump_channels : "branching" | "all_to_up" (App. E "c_pump"; :mod:`.rates`).
    pump_levels : "resonant_only" | "doppler_weighted" (App. E "involve to a good
        approximation only one level"; :mod:`.rates`).
    leakage : "neglect" | "into_h" for probe transitions out of {up, down, h}
        (App. E "two orders of magnitude smaller"; :mod:`.rates`).
    repump_reference : "self_consistent" | "pump_only" (x_repump = Omega_repump^2 /
        Omega_pump,opt^2, Sec. IV.2; :mod:`.pump`).
    criterion : "steady_state" (Sec. IV.2) | "all_times" (App. E) for N_up/N_2 >= 0.95.
    threshold : the 0.95 of Sec. IV.2 / App. E.
    elastic_dephasing : how the state-preserving scattering |up> -> |up>, |down> -> |down>
        enters Gamma-bar. "rates" (default): Gamma_upup + Gamma_downdown as printed in
        Gamma-bar (Sec. IV.2, App. D master equation with separate jump operators
        |up><up| and |down><down|). "coherence": one jump operator
        sum_q (a_q |up><up| + b_q |down><down|) per emitted polarization, which damps the
        up/down coherence only by sum_q |a_q - b_q|^2 (Rayleigh scattering that does not
        tell |up> from |down> does not dephase); that sum replaces Gamma_upup +
        Gamma_downdown for the probe. The pump's elastic photons all come from |down>
        (|up> is dark to it), so each one tells |down> from |up>: its full
        Gamma_downdown counts under both readings.
    doppler_formula : "fwhm" | "footnote_69" for the Doppler width (footnote 69;
        :mod:`dissipative_entanglement.atoms.doppler`); enters only with
        pump_levels = "doppler_weighted" and C7.
    hh_entry : "conserving" | "printed" last diagonal entry of M in Eq. (26)
        (:mod:`.rate_equations`). With "printed" and any repump the only steady state is
        N = 0, so Fig. 7 has no value (NaN); Fig. 8 (no repump) is defined under both.
    h_return : whether the probe moves atoms out of |h> = |F_low, F_low> (Cs |3,3>).
        "absorbing" (default): it does not, only the repump does; App. E: without repump
        "all atoms are transferred to level |h>". "probe_return": the probe's Raman rates
        |h> -> |up>, |down> (Cs at +700 MHz: about 0.05 and 0.03 Gamma) return atoms,
        although the probe's redistribution inside F_low, which would move atoms out of
        |h> first, is not modelled: a half-model kept to show its effect.
        "lower_manifold" (formerly "f3_manifold", the Cs F = 3 name): the consistent
        model, every sublevel of F_low a state of the rate equations under the probe and
        the repump (|h> read as the whole lower manifold, :mod:`.manifold`); needs
        criterion = "steady_state".
    """

    detuning_reference: str = DEFAULT_DETUNING_REFERENCE
    probe_velocities: str = "at_rest"
    amplitude_sum: str = "coherent"
    pump_channels: str = "branching"
    pump_levels: str = "resonant_only"
    leakage: str = "neglect"
    repump_reference: str = "self_consistent"
    criterion: str = "steady_state"
    threshold: float = 0.95
    elastic_dephasing: str = "rates"
    doppler_formula: str = "fwhm"
    hh_entry: str = "conserving"
    h_return: str = "absorbing"

    def __post_init__(self):
        if not re.match(DETUNING_REFERENCE_PATTERN, str(self.detuning_reference)):
            raise ValueError(
                f"multilevel.model.detuning_reference = {self.detuning_reference!r}: one of "
                "highest, lowest, F<n> (n an excited F' of the probe's line), centroid, "
                "strength_centroid"
            )
        for name, allowed in CHOICES.items():
            if getattr(self, name) not in allowed:
                raise ValueError(
                    f"multilevel.model.{name} = {getattr(self, name)!r}: one of {list(allowed)}"
                )
        if self.h_return == "lower_manifold" and self.criterion != "steady_state":
            raise ValueError(
                f"multilevel.model.criterion = {self.criterion!r} with h_return = "
                "'lower_manifold': the lower-manifold model supports only criterion = "
                "'steady_state'"
            )
        if self.probe_velocities == "thermal" and self.elastic_dephasing == "coherence":
            raise ValueError(
                "multilevel.model.elastic_dephasing = 'coherence' with probe_velocities = "
                "'thermal': the coherence loss is computed for atoms at rest only; allowed "
                "with 'thermal': elastic_dephasing = 'rates'"
            )
        if not 0.5 < self.threshold < 1.0:  # a majority in |up>: the schema's range too
            raise ValueError(f"multilevel.model.threshold = {self.threshold!r}: need 0.5 < it < 1")

    @classmethod
    def from_config(cls, section) -> MultilevelOptions:
        """Options from the ``multilevel.model`` config mapping.

        Parameters
        ----------
        section : mapping or None
            The ``multilevel.model`` section; missing keys take the defaults above.

        Returns
        -------
        MultilevelOptions
        """
        names = {f.name for f in fields(cls)}
        unknown = set(section or {}) - names
        if unknown:
            raise ValueError(f"unknown multilevel.model options {sorted(unknown)}")
        return cls(**dict(section or {}))


#: alternatives shown in the sensitivity figure: (option, alternative value)
ALTERNATIVES = [
    ("amplitude_sum", "incoherent"),
    ("pump_channels", "all_to_up"),
    ("pump_levels", "doppler_weighted"),
    ("leakage", "into_h"),
    ("repump_reference", "pump_only"),
    ("criterion", "all_times"),
    ("elastic_dephasing", "coherence"),
    ("hh_entry", "printed"),
    ("h_return", "probe_return"),
    ("h_return", "lower_manifold"),
]
