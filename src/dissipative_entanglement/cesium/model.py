"""Rates of the three-level model |up>, |down>, |h> (Sec. IV.1, Fig. 6, App. D).

Ensemble I: |up> = |4,4>, |down> = |4,3>, |h> = |3,3> of 6S1/2; ensemble II mirrored
(m -> -m). All rates are single-particle rates in units of Gamma, where Gamma is fixed by
Gamma_{up->down} = nu^2 Gamma and Gamma_{down->up} = mu^2 Gamma (App. E).

The probe contributes fixed rates; the pump (D2) and repump (D1) contribute rates that are
linear in their intensities, so a configuration is ``probe + s_pump * pump_unit +
s_repump * repump_unit`` (:func:`combine_rates`), with s the intensity in units of a
reference intensity (see ``cesium.rates``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np


@dataclass(frozen=True)
class ThreeLevelRates:
    """Single-particle transition rates Gamma_ab (|a> -> |b>) in units of Gamma (App. D).

    Every field is a float or an array; arrays broadcast together. ``up_up`` and
    ``down_down`` are the state-preserving (Rayleigh-type) scattering rates that dephase
    the |up>-|down> coherence and enter Gamma-bar (Eq. 28); ``h_up`` and ``h_down`` are the
    repump-driven returns from |h>, which do not enter Gamma-bar (App. D).
    """

    up_down: np.ndarray | float = 0.0
    down_up: np.ndarray | float = 0.0
    up_h: np.ndarray | float = 0.0
    down_h: np.ndarray | float = 0.0
    h_up: np.ndarray | float = 0.0
    h_down: np.ndarray | float = 0.0
    up_up: np.ndarray | float = 0.0
    down_down: np.ndarray | float = 0.0

    def __add__(self, other: ThreeLevelRates) -> ThreeLevelRates:
        return ThreeLevelRates(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def scaled(self, factor) -> ThreeLevelRates:
        """Every rate multiplied by ``factor`` (array_like, broadcast)."""
        factor = np.asarray(factor, dtype=float)
        return ThreeLevelRates(**{f.name: factor * getattr(self, f.name) for f in fields(self)})

    def as_dict(self) -> dict[str, np.ndarray | float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def combine_rates(
    probe: ThreeLevelRates,
    pump_unit: ThreeLevelRates,
    repump_unit: ThreeLevelRates,
    pump_strength,
    repump_strength,
) -> ThreeLevelRates:
    """probe + pump_strength * pump_unit + repump_strength * repump_unit (arrays broadcast)."""
    return probe + pump_unit.scaled(pump_strength) + repump_unit.scaled(repump_strength)
