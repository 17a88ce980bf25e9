"""Rates of the three-level model |up>, |down>, |h> (Sec. IV.1, Fig. 6, App. D).

Ensemble I: |up> = |F_up, F_up>, |down> = |F_up, F_up - 1>, |h> = |F_low, F_low> of the
ground state (Cs: |4,4>, |4,3>, |3,3> of 6S1/2); ensemble II mirrored (m -> -m). All
rates are single-particle rates in units of Gamma, where Gamma is fixed by
Gamma_{up->down} = nu^2 Gamma and Gamma_{down->up} = mu^2 Gamma (App. E).

The probe contributes fixed rates; the pump (D2) and repump (D1) contribute rates that are
linear in their intensities, so a configuration is ``probe + s_pump * pump_unit +
s_repump * repump_unit`` (:func:`combine_rates`), with s the intensity in units of a
reference intensity (see :mod:`.rates`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np


@dataclass(frozen=True)
class ThreeLevelRates:
    """Single-particle transition rates Gamma_ab (|a> -> |b>) in units of Gamma (App. D).

    Every field is a float or an array; arrays broadcast together. ``up_up`` and
    ``down_down`` are the state-preserving (Rayleigh-type) scattering rates that dephase
    the |up>-|down> coherence and enter Gamma-bar (Eq. (28)); ``h_up`` and ``h_down`` are the
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
        """Every rate multiplied by ``factor`` (array_like, broadcast).

        Parameters
        ----------
        factor : array_like
            Dimensionless multiplier (e.g. a pump strength s), broadcast with every
            field.

        Returns
        -------
        ThreeLevelRates
            New rates ``factor * Gamma_ab`` for every field, units of Gamma, of the
            broadcast shape.
        """
        factor = np.asarray(factor, dtype=float)
        return ThreeLevelRates(**{f.name: factor * getattr(self, f.name) for f in fields(self)})

    def as_dict(self) -> dict[str, np.ndarray | float]:
        """The fields as a mapping, in field order (the rates are not copied).

        Returns
        -------
        dict of str to float or ndarray
            ``{"up_down": Gamma_up->down, ..., "down_down": ...}``, units of Gamma.
        """
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class ManifoldRates:
    """Rate matrices of one probe setting over |up>, |down> and the lower manifold F_low.

    Attributes
    ----------
    probe : ndarray, shape S + (n, n), n = 2 F_low + 3
        Probe rates in units of Gamma (element [a, b]: a -> b).
    pump_unit, repump_unit : ndarray, shape (n, n) or S + (n, n)
        Pump (D2) and repump (D1) rates per unit strength s (App. E; :mod:`.rates`).
    """

    probe: np.ndarray
    pump_unit: np.ndarray
    repump_unit: np.ndarray

    def at(self, pump_strength, repump_strength) -> np.ndarray:
        """probe + s_pump pump_unit + s_repump repump_unit (arrays broadcast).

        Parameters
        ----------
        pump_strength, repump_strength : array_like
            s_pump and s_repump (dimensionless, units of the unit rates' reference).

        Returns
        -------
        ndarray, shape B + (n, n)
            Rates in units of Gamma; B the broadcast shape of the strengths and S.
        """
        s = np.asarray(pump_strength, dtype=float)[..., None, None]
        r = np.asarray(repump_strength, dtype=float)[..., None, None]
        return self.probe + s * self.pump_unit + r * self.repump_unit

    def take(self, index) -> ManifoldRates:
        """The matrices at ``index`` of their grid axes (single matrices unchanged).

        Parameters
        ----------
        index : int, slice, array_like of int or bool
            A numpy index into the grid shape S of ``probe``.

        Returns
        -------
        ManifoldRates
            Rates in units of Gamma (probe) and per unit strength (pump, repump).
        """
        return ManifoldRates(
            *(
                m if m.ndim == 2 else m[index]
                for m in (self.probe, self.pump_unit, self.repump_unit)
            )
        )


@dataclass(frozen=True)
class MultilevelRates:
    """The rates of one probe setting (App. E): what a pump strength is added to.

    Attributes
    ----------
    probe : ThreeLevelRates
        Probe-induced rates, units of Gamma.
    pump_unit, repump_unit : ThreeLevelRates
        Pump (D2) and repump (D1) rates per unit strength s (s proportional to the Rabi
        frequency squared, :mod:`.rates`), units of Gamma.
    z : float or ndarray
        Z = 1/(|mu| - |nu|) of the probe (Sec. IV.1), dimensionless.
    f_upper : int
        F of the manifold holding |up> and |down> (F_up = I + 1/2 of the species; 4 for
        Cs), the F of Eqs. (17)–(19) and (30).
    manifold : ManifoldRates or None
        The rate matrices over |up>, |down> and every sublevel of the lower ground
        manifold, present under ``h_return = "lower_manifold"`` (:mod:`.manifold`); then the
        three-level fields above are its :func:`.manifold.three_level_view` and
        populations come from it.
    """

    probe: ThreeLevelRates
    pump_unit: ThreeLevelRates
    repump_unit: ThreeLevelRates
    z: np.ndarray | float
    f_upper: int
    manifold: ManifoldRates | None = None

    def at(self, pump_strength, repump_strength) -> ThreeLevelRates:
        """All rates with the pump and repump at the given strengths (arrays broadcast).

        Parameters
        ----------
        pump_strength, repump_strength : array_like
            s_pump and s_repump in units of the reference strength of the unit rates.

        Returns
        -------
        ThreeLevelRates
            probe + s_pump pump_unit + s_repump repump_unit, units of Gamma.
        """
        return combine_rates(
            self.probe, self.pump_unit, self.repump_unit, pump_strength, repump_strength
        )

    def take(self, index) -> MultilevelRates:
        """The rates at ``index`` of array-valued fields (e.g. gathered grid points).

        Parameters
        ----------
        index : int, slice, array_like of int or bool
            Any numpy index valid for every array-valued field (and for ``z`` if it is
            an array); scalar fields are kept as they are.

        Returns
        -------
        MultilevelRates
            ``probe``, ``pump_unit``, ``repump_unit`` (units of Gamma) and ``z``
            (dimensionless) indexed by ``index``.
        """
        return MultilevelRates(
            *(_take(r, index) for r in (self.probe, self.pump_unit, self.repump_unit)),
            np.asarray(self.z)[index] if np.ndim(self.z) else self.z,
            self.f_upper,
            None if self.manifold is None else self.manifold.take(index),
        )


def _take(rates: ThreeLevelRates, index) -> ThreeLevelRates:
    """Index the array-valued fields; scalar fields (e.g. unit pump rates) stay as they are."""
    return ThreeLevelRates(
        **{k: np.asarray(v)[index] if np.ndim(v) else v for k, v in rates.as_dict().items()}
    )


def combine_rates(
    probe: ThreeLevelRates,
    pump_unit: ThreeLevelRates,
    repump_unit: ThreeLevelRates,
    pump_strength,
    repump_strength,
) -> ThreeLevelRates:
    """probe + pump_strength * pump_unit + repump_strength * repump_unit (arrays broadcast).

    The rates are linear in the pump (D2) and repump (D1) intensities (App. E), see the
    module docstring.

    Parameters
    ----------
    probe : ThreeLevelRates
        Probe-induced rates, units of Gamma.
    pump_unit, repump_unit : ThreeLevelRates
        Pump and repump rates per unit strength s, units of Gamma.
    pump_strength, repump_strength : array_like
        s_pump and s_repump in units of the reference strength of the unit rates
        (dimensionless, s proportional to Omega^2), broadcast with the rate fields.

    Returns
    -------
    ThreeLevelRates
        The total rates, units of Gamma, of the broadcast shape.
    """
    return probe + pump_unit.scaled(pump_strength) + repump_unit.scaled(repump_strength)
