"""Larmor frequency of the upper ground level and the paper's frequency hierarchy.

The paper needs the Larmor splitting far below the probe detuning (the probe couplings
are those of degenerate ground sublevels) and far above the rates (rotating-wave
separation of the sidebands; Sec. II, Sec. IV).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import scipy.constants as sc

from ..atoms.species import J_GROUND, as_species
from .units import magnitude_in, ureg

#: default thresholds of :func:`larmor_checks`
MAX_LARMOR_OVER_DETUNING = 1e-2
MIN_LARMOR_OVER_RATE = 10.0


def ground_g_factor(species, f=None) -> float:
    """Hyperfine Lande factor g_F of a ground level (linear Zeeman regime).

    g_F = g_J [F(F+1) - I(I+1) + J(J+1)] / (2F(F+1)) + g_I [F(F+1) + I(I+1) - J(J+1)]
    / (2F(F+1)) (Steck, "Zeeman effect", low-field limit of the Breit-Rabi formula).

    Parameters
    ----------
    species : Species or str
        The atoms.
    f : int, optional
        Ground hyperfine level F (default F_up = I + 1/2).

    Returns
    -------
    float
        g_F (dimensionless; Steck's signs, g_F > 0 for F_up).
    """
    sp = as_species(species)
    f = sp.f_upper if f is None else f
    ff, ii, jj = Fraction(f * (f + 1)), Fraction(sp.nuclear_spin), J_GROUND
    ii, jj = ii * (ii + 1), jj * (jj + 1)
    return float(sp.g_j_ground * (ff - ii + jj) / (2 * ff) + sp.g_i * (ff + ii - jj) / (2 * ff))


def larmor_frequency(species, field_G, *, f=None):
    """Larmor frequency Omega_L / 2pi = g_F mu_B B / h of a ground level.

    Linear Zeeman splitting of adjacent m of level F (Steck, "Zeeman effect"), with g_F
    of :func:`ground_g_factor` and CODATA mu_B and h.

    Parameters
    ----------
    species : Species or str
        The atoms.
    field_G : pint.Quantity or float
        Magnetic field (plain number: gauss).
    f : int, optional
        Ground level (default F_up).

    Returns
    -------
    pint.Quantity
        Omega_L/2pi in kHz (cyclic; signed as g_F).
    """
    field = magnitude_in(field_G, "G", "field_G")
    value = ground_g_factor(species, f) * sc.physical_constants["Bohr magneton"][0] * field
    return ureg.Quantity(value * 1e-4 / sc.h, "Hz").to("kHz")


def larmor_checks(
    larmor_kHz,
    detuning_MHz,
    rates_per_s,
    *,
    max_detuning_ratio: float = MAX_LARMOR_OVER_DETUNING,
    min_rate_ratio: float = MIN_LARMOR_OVER_RATE,
) -> list[str]:
    """Messages where Omega_L is not << |Delta| or not >> the rates (empty: both hold).

    |Omega_L/2pi| / |Delta/2pi| must not exceed ``max_detuning_ratio``, and the angular
    Larmor frequency 2pi |Omega_L/2pi| divided by the largest rate (in s^-1, e.g. the
    single-atom Gamma of :func:`dissipative_entanglement.lab.probe.rate_unit`; pass dGamma
    as well to compare with the collective rate) must be at least ``min_rate_ratio``.

    Parameters
    ----------
    larmor_kHz : pint.Quantity or float
        Omega_L/2pi (plain number: kHz), e.g. from :func:`larmor_frequency`.
    detuning_MHz : pint.Quantity or float
        Probe detuning Delta/2pi (plain number: MHz).
    rates_per_s : pint.Quantity, float, array_like or list of these
        The rates to compare with (plain numbers: 1/s).
    max_detuning_ratio : float, optional
        Largest allowed |Omega_L/Delta| (default 1e-2).
    min_rate_ratio : float, optional
        Smallest allowed Omega_L / rate (default 10).

    Returns
    -------
    list of str
        One message per violated condition.
    """
    larmor = abs(magnitude_in(larmor_kHz, "kHz", "larmor_kHz", sign="any"))
    detuning = abs(magnitude_in(detuning_MHz, "MHz", "detuning_MHz", sign="any"))
    items = rates_per_s if isinstance(rates_per_s, list | tuple) else [rates_per_s]
    rates = np.concatenate(
        [np.atleast_1d(magnitude_in(r, "1/s", "rates_per_s", sign="non-negative")) for r in items]
    )
    messages = []
    ratio = larmor * 1e3 / (detuning * 1e6) if detuning > 0 else np.inf
    if ratio > max_detuning_ratio:
        messages.append(
            f"Larmor frequency {larmor:.4g} kHz is not << |detuning| {detuning:.4g} MHz "
            f"(ratio {ratio:.3g} > {max_detuning_ratio:g})"
        )
    rate = float(np.max(rates))
    angular = 2.0 * np.pi * larmor * 1e3
    rate_ratio = angular / rate if rate > 0 else np.inf
    if rate_ratio < min_rate_ratio:
        messages.append(
            f"Larmor frequency 2pi x {larmor:.4g} kHz = {angular:.4g} 1/s is not >> the "
            f"rate {rate:.4g} 1/s (ratio {rate_ratio:.3g} < {min_rate_ratio:g})"
        )
    return messages


__all__ = [
    "MAX_LARMOR_OVER_DETUNING",
    "MIN_LARMOR_OVER_RATE",
    "ground_g_factor",
    "larmor_checks",
    "larmor_frequency",
]
