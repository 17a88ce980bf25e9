"""Single-atom probe rates between all ground sublevels of any alkali species (App. E).

The species-generic counterpart of
:func:`dissipative_entanglement.cesium.rates.probe_rate_matrix`, with the same two
readings of App. E's formula Gamma_ab^probe = Omega_probe^2 sum_l (c_l^ab)^2 / Delta_l^ab
gamma_LW (``amplitude_sum``):

- "coherent" (default, Kramers-Heisenberg): Gamma_ab proportional to
  sum_q |sum_F' c_F'^ab(q) / Delta_F'^ab|^2 (paths through the same excited m' and
  different F' interfere; q is the polarization of the emitted photon, cross terms
  between different q vanish on integration over emission directions);
- "incoherent": sum_q sum_F' c_F'^ab(q)^2 / Delta_F'^2.

Unit: Gamma, fixed by Gamma_(down->up) = mu^2 Gamma (App. E, Sec. IV.1), i.e.
Gamma = passive^2 - active^2 with the coherent amplitudes of
:func:`.couplings.process_amplitudes`; then Gamma_(down->up) = mu^2 Gamma and
Gamma_(up->down) = nu^2 Gamma hold identically with the coherent sum.
"""

from __future__ import annotations

import numpy as np

from .couplings import (
    DEFAULT_DETUNING_REFERENCE,
    DEFAULT_POLARIZATION,
    level_detunings_MHz,
    process_amplitudes,
    raman_coefficients,
)

AMPLITUDE_SUMS = ("coherent", "incoherent")


def _probe_raw(species, line, detuning_MHz, probe_polarization, options):
    """Unnormalised probe rates sum_q |sum_F' c/Delta|^2 (or incoherent), shape S+(n, n)."""
    detuning_reference, amplitude_sum = options
    coeff = raman_coefficients(species, line, probe_polarization)  # (nF', i, f, q)
    delta = level_detunings_MHz(species, line, detuning_MHz, detuning_reference)
    total = np.zeros(np.shape(delta)[:-2] + coeff.shape[1:])
    # loop over the few excited hyperfine levels; vectorised over detunings
    for k in range(coeff.shape[0]):
        term = coeff[k] / delta[..., k, :, None, None]
        total = total + (term if amplitude_sum == "coherent" else term**2)
    if amplitude_sum == "coherent":
        total = total**2
    return total.sum(axis=-1)


def probe_rate_matrix(
    species,
    line: str,
    detuning_MHz,
    probe_polarization: str = DEFAULT_POLARIZATION,
    *,
    detuning_reference: str = DEFAULT_DETUNING_REFERENCE,
    amplitude_sum: str = "coherent",
):
    """Probe-induced rates Gamma_ab between all ground sublevels, in units of Gamma.

    Gamma is fixed by Gamma_(down->up) = mu^2 Gamma of ensemble I (the probe rates are
    mirror symmetric, so ensemble II gives the same Gamma). Memory grows as
    3 n_ground^2 floats per detuning point (n_ground = 2(2I+1)).

    Parameters
    ----------
    species : Species or str
        The atoms (or their registry name).
    line : {"D1", "D2"}
        The D line the probe is tuned to.
    detuning_MHz : array_like
        Probe detuning in MHz (blue > 0) from ``detuning_reference``.
    probe_polarization : {"y", "x"}, optional
        Probe polarization (default "y"; see :mod:`.couplings`).
    detuning_reference : str, optional
        See :func:`.couplings.reference_frequency_MHz` (default "highest").
    amplitude_sum : {"coherent", "incoherent"}, optional
        "coherent" (default) or "incoherent" (module docstring, App. E).

    Returns
    -------
    ndarray, shape ``shape(detuning_MHz) + (n_ground, n_ground)``
        Element [a, b] is the rate |a> -> |b> in units of Gamma (states ordered as
        :func:`.couplings.ground_states`), including a = b (Rayleigh); NaN where no real
        (mu, nu) exists.

    Raises
    ------
    ValueError
        For an unknown ``amplitude_sum``.
    """
    if amplitude_sum not in AMPLITUDE_SUMS:
        raise ValueError(f"amplitude_sum must be one of {AMPLITUDE_SUMS}, got {amplitude_sum!r}")
    raw = _probe_raw(
        species, line, detuning_MHz, probe_polarization, (detuning_reference, amplitude_sum)
    )
    passive, active = process_amplitudes(
        species, line, detuning_MHz, probe_polarization, detuning_reference=detuning_reference
    )
    gamma = passive**2 - active**2
    gamma = np.where(gamma > 0, gamma, np.nan)
    return raw / gamma[..., None, None]


__all__ = ["AMPLITUDE_SUMS", "probe_rate_matrix"]
