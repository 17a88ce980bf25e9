"""The Cs-133 scenario as one value: probe, cell and model readings (Sec. IV, App. E).

:class:`CesiumSetup` is built once from the ``cesium`` config section
(:meth:`CesiumSetup.from_config`) and passed to every table, figure, claim, study and
exact check of the Cs model. Its :attr:`~CesiumSetup.rates` are the single-atom rates of
its probe setting (:func:`cesium_rates`); the pump is added to them at its optimum by
:func:`.pump.pumped_rates`, the one place where "rates at a pump strength -> optimal pump
-> xi" is composed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from .couplings import (
    ground_index,
    level_detunings_MHz,
    raman_coefficients,
    squeezing_parameters,
    three_level_states,
)
from .doppler import doppler_width_MHz
from .manifold import reduce_matrix, three_level_view
from .model import CesiumRates, ManifoldRates
from .options import ALTERNATIVES, CesiumOptions
from .rates import ground_rate_matrices, three_level_rates


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

    The numeric fields may be arrays that broadcast together (a study grid, evaluated by
    :func:`.scenario.xi_exp_inf_grid`); :attr:`rates` follows a detuning array but needs a
    scalar temperature.
    """

    detuning_MHz: float | np.ndarray
    probe_polarization: str
    optical_depth: float | np.ndarray | None
    temperature_C: float | np.ndarray
    options: CesiumOptions = field(default_factory=CesiumOptions)

    @classmethod
    def from_config(cls, section: Mapping) -> CesiumSetup:
        """The setup of the ``cesium`` config section.

        Parameters
        ----------
        section : mapping
            Holds ``detuning_MHz``, ``probe_polarization``, ``temperature_C``, ``model``
            (the readings) and, for quantities that depend on it, ``optical_depth``
            (absent: None, e.g. for the single-atom rates); other keys are ignored.

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
            ``options.ALTERNATIVES`` that differs from the configured reading.
        """
        return [
            (name, value, self.replace(options={name: value}))
            for name, value in ALTERNATIVES
            if getattr(self.options, name) != value
        ]

    @property
    def doppler_fwhm_MHz(self) -> float:
        """Doppler width (MHz) of the cell under ``options.doppler_formula`` (footnote 69)."""
        return float(doppler_width_MHz(self.temperature_C, formula=self.options.doppler_formula))

    @cached_property
    def rates(self) -> CesiumRates:
        """Rates and Z of this probe setting (:func:`cesium_rates`); scalar temperature."""
        return cesium_rates(
            self.detuning_MHz, self.probe_polarization, self.temperature_C, self.options
        )


def elastic_coherence_loss(detuning_MHz, probe_polarization: str, detuning_reference: str):
    """sum_q |a_q - b_q|^2: damping of the up/down coherence by elastic scattering (App. D).

    a_q, b_q are the Kramers-Heisenberg amplitudes of |up> -> |up> and |down> -> |down>
    with emission of polarization q (coherent sum over F', App. E), in the normalisation
    of :func:`.rates.probe_rate_matrix` (Gamma from Gamma_(down->up) = mu^2 Gamma).

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
    coeff = raman_coefficients("D2", probe_polarization)  # (nF', i, f, q)
    states = three_level_states("I")
    up, down = ground_index(*states["up"]), ground_index(*states["down"])
    delta = level_detunings_MHz(detuning_MHz, detuning_reference)  # S + (nF', i)
    a = np.sum(coeff[:, up, up, :] / delta[..., :, up, None], axis=-2)  # S + (3,)
    b = np.sum(coeff[:, down, down, :] / delta[..., :, down, None], axis=-2)
    p = squeezing_parameters(
        detuning_MHz, probe_polarization, detuning_reference=detuning_reference
    )
    gamma = p.passive_amplitude**2 - p.active_amplitude**2
    return np.sum((a - b) ** 2, axis=-1) / np.where(gamma > 0, gamma, np.nan)


def cesium_rates(
    detuning_MHz, probe_polarization: str, temperature_C, options: CesiumOptions
) -> CesiumRates:
    """Rates of the three-level model under ``options`` (Fig. 6, App. D-E).

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


__all__ = ["CesiumSetup", "cesium_rates", "elastic_coherence_loss"]
