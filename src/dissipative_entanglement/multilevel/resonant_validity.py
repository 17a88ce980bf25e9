"""Where the resonant pump and repump of App. E address one excited level: the Doppler test.

App. E: the pump (D2, F_up -> F' = F_up) and the repump (D1, F_low -> F' = F_up) "involve
to a good approximation only one level". The reading ``pump_levels = "resonant_only"``
takes this literally: each field reaches only its resonant F' from its resonant F. In a
vapour every level within the Doppler profile is reached by some velocity class, so the
reading holds only while every other transition the field could drive, to the other
excited levels of its line from the same ground level and to every excited level from the
other ground level, lies outside the Doppler half width at half maximum (HWHM) from the
laser. There the class resonant with the neighbour has less than half the population of
the resonant class; inside it more atoms are pumped through the neighbour than the
reading allows. The configuration checks refuse ``resonant_only`` where that fails and
name the alternative ``doppler_weighted``, which weights every transition by the Doppler
profile (``rates.resonant_rate_matrix``), and the highest temperature at which the reading
would hold.

Cs-133 at the paper's 22 C passes, narrowly: the pump's nearest neighbour F' = 3 lies 201
MHz away against a D2 HWHM of 188 MHz (up to 66 C), where the velocity class resonant with
it still has 0.45 of the resonant class's population; the paper's reading sits at the
edge of the criterion, and the sensitivity figure shows what ``doppler_weighted`` does.
Rb-87, Rb-85, K-39 and Na-23 fail on D2 at room temperature (nearest neighbours 157, 63,
9 and 34 MHz against HWHMs of 250-650 MHz), and K-39 and Na-23 also on the D1 repump (56
and 189 MHz); their ``doppler_weighted`` reading is what ``docs/atoms.md`` calls the
model for those atoms.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..atoms.doppler import doppler_width_MHz
from ..atoms.species import get_species
from .options import MultilevelOptions
from .setup import atom_from_config, check_atom

#: The resonant fields of App. E: (process, line, F "upper" or "lower", F' = F_up)
_FIELDS = (("pump", "D2", "upper"), ("repump", "D1", "lower"))
_ZERO_C_IN_K = 273.15
#: below this (degrees C) a colder cell is not offered as a remedy: no useful vapour
_COLDEST_VAPOUR_C = -50.0


@dataclass(frozen=True)
class ResonantField:
    """One resonant field and its nearest unwanted transition (App. E).

    Attributes
    ----------
    process : str
        "pump" or "repump".
    line : str
        Its D line.
    transition : str
        The resonant transition, e.g. "F=2 -> F'=2".
    nearest : str
        The nearest other transition it could drive from either ground level.
    distance_MHz : float
        Its distance from the laser, MHz.
    doppler_hwhm_MHz : float
        Doppler HWHM of the line at the cell temperature, MHz.
    max_temperature_C : float
        The temperature (degrees C) at which the HWHM equals ``distance_MHz``.
    """

    process: str
    line: str
    transition: str
    nearest: str
    distance_MHz: float
    doppler_hwhm_MHz: float
    max_temperature_C: float

    @property
    def resolved(self) -> bool:
        """Whether the nearest unwanted transition lies outside the Doppler HWHM (App. E).

        Returns
        -------
        bool
        """
        return self.distance_MHz > self.doppler_hwhm_MHz


def resonant_fields(species: str, temperature_C: float):
    """The pump and repump of ``species`` and how far each is from its nearest neighbour.

    The Doppler width is the true FWHM of the field's line (footnote 69's corrected form)
    whatever ``multilevel.model.doppler_formula``: the test is about the vapour, not a
    reading of the paper's k.

    Parameters
    ----------
    species : str
        Registry name of the atoms.
    temperature_C : float
        Cell temperature in degrees C.

    Returns
    -------
    tuple of ResonantField
        (pump, repump).
    """
    sp = get_species(species)
    fields = []
    for process, line, level in _FIELDS:
        f_res = sp.f_upper if level == "upper" else sp.f_lower
        f_exc = sp.f_upper
        laser = sp.transition_offset_MHz(line, f_res, f_exc)
        others = {
            f"F={f} -> F'={fe}": abs(sp.transition_offset_MHz(line, f, fe) - laser)
            for f in (sp.f_lower, sp.f_upper)
            for fe in sp.line(line).excited_f
            if abs(f - fe) <= 1 and (f, fe) != (f_res, f_exc)
        }
        nearest = min(others, key=others.get)
        fwhm = float(doppler_width_MHz(sp, line, temperature_C))
        hwhm = fwhm / 2.0
        kelvin = temperature_C + _ZERO_C_IN_K  # the width goes as sqrt(T)
        t_max = kelvin * (others[nearest] / hwhm) ** 2 - _ZERO_C_IN_K
        fields.append(
            ResonantField(
                process,
                line,
                f"F={f_res} -> F'={f_exc}",
                nearest,
                float(others[nearest]),
                hwhm,
                float(t_max),
            )
        )
    return tuple(fields)


def resonant_field_errors(species: str, temperature_C, options: MultilevelOptions) -> list[str]:
    """Config messages where ``pump_levels = "resonant_only"`` cannot hold (module text).

    Parameters
    ----------
    species : str
        ``multilevel.atom.species``.
    temperature_C : float or array_like
        ``multilevel.temperature_C`` (degrees C); an array is checked at its highest value.
    options : MultilevelOptions
        The readings; only ``pump_levels`` is used.

    Returns
    -------
    list of str
        One message per unresolved field, naming the keys, the values and what is
        allowed; empty under "doppler_weighted" or where both fields are resolved.
    """
    if options.pump_levels != "resonant_only":
        return []
    hottest = float(np.max(temperature_C))
    errors = []
    for field in resonant_fields(species, hottest):
        if field.resolved:
            continue
        colder = (
            f" or multilevel.temperature_C below {field.max_temperature_C:.0f}"
            if field.max_temperature_C > _COLDEST_VAPOUR_C
            else ""
        )
        errors.append(
            f"multilevel.model.pump_levels = 'resonant_only' with multilevel.atom.species = "
            f"{species!r} at multilevel.temperature_C = {hottest:g}: the {field.process} "
            f"({field.line} {field.transition}) also drives {field.nearest}, "
            f"{field.distance_MHz:.1f} MHz away, inside the Doppler HWHM of "
            f"{field.doppler_hwhm_MHz:.1f} MHz, so it does not involve 'only one level' "
            f"(App. E). Allowed: pump_levels = 'doppler_weighted'{colder} "
            "(docs/atoms.md#what-the-model-leaves-out)"
        )
    return errors


def atom_errors(
    atom, temperature_C, options: MultilevelOptions, key: str = "multilevel.atom"
) -> list[str]:
    """Config messages for atoms, line and readings the model cannot run (before any job).

    Parameters
    ----------
    atom : mapping
        ``{species, line}``, as config ``multilevel.atom``.
    temperature_C : float or array_like
        Cell temperature(s) in degrees C (:func:`resonant_field_errors`).
    options : MultilevelOptions
        The readings.
    key : str, optional
        The config key of ``atom``, named in the messages.

    Returns
    -------
    list of str
        :func:`.setup.check_atom`'s refusal, else :func:`resonant_field_errors`.
    """
    try:
        chosen = atom_from_config(atom)
        check_atom(chosen["species"], chosen["line"], options)
    except ValueError as error:
        return [f"{key}: {error}"]
    return resonant_field_errors(chosen["species"], temperature_C, options)


__all__ = ["ResonantField", "atom_errors", "resonant_field_errors", "resonant_fields"]
