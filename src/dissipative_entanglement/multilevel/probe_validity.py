"""Where the off-resonant probe model of Sec. IV holds: line distances and real (mu, nu).

The model eliminates the excited levels of the probe's line adiabatically (App. E): every
atom sees the probe at the detuning Delta_l from each hyperfine line l, and the
amplitudes are sums of c_l / Delta_l. Two conditions follow, and the configuration checks
refuse inputs that break them (see ``docs/physics.md#validity-of-the-probe-model``):

1. **Distance to every line.** The probe must stay further than a margin from every
   dipole-allowed line F -> F' of the probe's line, from both ground levels (Cs D2:
   F = 3: F' = 2, 3, 4; F = 4: F' = 3, 4, 5; atoms in |h> see the F_low lines). The model
   gives every atom the same Delta_l, so the margin must exceed the Doppler width of the
   vapour, not only the natural width (5.2 MHz for Cs D2). The paper's margin (config
   ``multilevel.resonance_margin_MHz``) is the Cs D2 Doppler FWHM at 22 C, about 375 MHz:
   closer than that, the atoms in the half-maximum velocity classes see the line at half
   the nominal detuning or less and the rates, which go as 1/Delta_l^2, differ by a
   factor 4 across the vapour; "doppler_fwhm" takes the FWHM of the configured atoms. A
   user with a colder sample may narrow it; zero refuses only the exact resonance.
2. **Real (mu, nu).** mu^2 - nu^2 = 1 needs |passive| > |active| (Sec. IV.1): where the
   probe drives |up> -> |down> at least as fast as back there is no entangling steady
   state. This fails for the y probe red of the 6P3/2 manifold and for the x probe blue of
   it, and in places between the lines.
"""

from __future__ import annotations

import numpy as np

from ..atoms import couplings as atom_couplings
from ..atoms.doppler import doppler_width_MHz
from ..atoms.species import get_species
from .setup import reference_label

#: Scan window (MHz) and step used to describe the allowed detunings in messages.
_SCAN_MHZ = (-30000.0, 30000.0, 0.25)
#: ``multilevel.resonance_margin_MHz`` value meaning "the Doppler FWHM of the probe's line"
DOPPLER_MARGIN = "doppler_fwhm"


def resonance_margin_MHz(value, species: str, line: str, temperature_C) -> float:
    """The margin in MHz of ``multilevel.resonance_margin_MHz`` (MHz or "doppler_fwhm").

    Parameters
    ----------
    value : float or str
        MHz, or :data:`DOPPLER_MARGIN`: the Doppler FWHM of the probe's line (footnote 69,
        the true FWHM whatever ``doppler_formula``) at the highest of ``temperature_C``.
    species, line : str
        The atoms and the probe's line.
    temperature_C : float or array_like
        Cell temperature(s) in degrees C.

    Returns
    -------
    float
        The margin in MHz.
    """
    if value != DOPPLER_MARGIN:
        return float(value)
    return float(doppler_width_MHz(species, line, float(np.max(temperature_C))))


def probe_lines_MHz(
    detuning_reference: str, *, species: str, line: str
) -> dict[tuple[int, int], float]:
    """Probe detuning (MHz, counted from ``detuning_reference``) of each allowed line.

    Parameters
    ----------
    detuning_reference : str
        Reference transition of the detuning
        (:func:`dissipative_entanglement.atoms.couplings.reference_offset_MHz`).
    species : str
        The atoms (a key of ``atoms.species.SPECIES``).
    line : {"D1", "D2"}
        The probe's line.

    Returns
    -------
    dict of (int, int) to float
        ``{(F, F'): detuning}`` for the dipole-allowed lines |F - F'| <= 1 of both ground
        levels: the detuning in MHz at which the probe is resonant with that line.
    """
    at_zero = atom_couplings.level_detunings_MHz(species, line, 0.0, detuning_reference)
    sp = get_species(species)
    excited_f, ground_f = sp.line(line).excited_f, (sp.f_lower, sp.f_upper)
    states = atom_couplings.ground_states(species)
    lines = {}
    for k, f_exc in enumerate(excited_f):
        for f in ground_f:
            if abs(f - f_exc) <= 1:
                column = next(i for i, (ff, _) in enumerate(states) if ff == f)
                lines[(f, f_exc)] = float(-at_zero[k, column]) + 0.0  # no -0.0
    return lines


def line_label(line: tuple[int, int]) -> str:
    """'F=4 -> F'=5' for the line (4, 5).

    Parameters
    ----------
    line : tuple of (int, int)
        (F, F').

    Returns
    -------
    str
    """
    return f"F={line[0]} -> F'={line[1]}"


def probe_detuning_problems(
    detuning_MHz,
    probe_polarization: str,
    detuning_reference: str,
    margin_MHz: float = 0.0,
    *,
    species: str,
    line: str,
) -> np.ndarray:
    """Why the probe model does not hold at each detuning ('' where it holds).

    Parameters
    ----------
    detuning_MHz : array_like
        Probe detuning in MHz from ``detuning_reference``.
    probe_polarization : {"y", "x"}
        Probe polarization (Sec. IV.1).
    detuning_reference : str
        The transition the detuning is counted from (``multilevel.model``).
    margin_MHz : float, optional
        Smallest allowed distance in MHz to any allowed line; a detuning at a distance
        <= margin_MHz is refused (so 0, the default, refuses the exact resonance only).
    species, line : str
        The atoms and the probe's line (:func:`probe_lines_MHz`).

    Returns
    -------
    ndarray of str (object dtype)
        Shape of ``detuning_MHz``: "" where the model applies, else the reason (nearest
        line and its distance, or no real (mu, nu)).
    """
    detuning = np.asarray(detuning_MHz, dtype=float)
    reasons = np.full(detuning.shape, "", dtype=object)
    lines = probe_lines_MHz(detuning_reference, species=species, line=line)
    positions = np.array(list(lines.values()))
    distance = np.abs(detuning[..., None] - positions)
    nearest = np.argmin(distance, axis=-1)
    near = np.take_along_axis(distance, nearest[..., None], axis=-1)[..., 0] <= margin_MHz
    labels = [line_label(line) for line in lines]
    for index in zip(*np.nonzero(near), strict=True):
        k = nearest[index]
        reasons[index] = (
            f"within {margin_MHz:g} MHz of the {line} line {labels[k]} "
            f"(at {positions[k]:+.1f} MHz; distance {distance[index][k]:.1f} MHz)"
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        z = atom_couplings.squeezing_parameters(
            species,
            line,
            np.where(near, np.nan, detuning),
            probe_polarization,
            detuning_reference=detuning_reference,
        ).z
    unreal = ~near & ~np.isfinite(z)
    reasons[unreal] = (
        f"no real (mu, nu) for the {probe_polarization} probe here: |nu| >= |mu|, the probe "
        "drives |up> -> |down> at least as fast as back (no entangling steady state)"
    )
    return reasons


def allowed_detuning_intervals_MHz(
    probe_polarization: str,
    detuning_reference: str,
    margin_MHz: float = 0.0,
    *,
    species: str,
    line: str,
) -> list[tuple[float, float]]:
    """Intervals of detuning (MHz) where :func:`probe_detuning_problems` finds nothing.

    Scanned on a 0.25 MHz grid over +-30 GHz (edges rounded to that grid; an interval
    touching the window is open to +-inf, since far from the lines only the sign of the
    detuning decides). For messages; the checks themselves evaluate the given values.

    Parameters
    ----------
    probe_polarization : {"y", "x"}
        Probe polarization.
    detuning_reference : str
        Reference transition of the detuning.
    margin_MHz : float, optional
        As in :func:`probe_detuning_problems`.
    species, line : str
        The atoms and the probe's line.

    Returns
    -------
    list of (float, float)
        Closed intervals [low, high] in MHz, ascending; +-inf at open ends.
    """
    start, stop, step = _SCAN_MHZ
    grid = np.arange(start, stop + step / 2, step)
    ok = (
        probe_detuning_problems(
            grid, probe_polarization, detuning_reference, margin_MHz, species=species, line=line
        )
        == ""
    )
    edges = np.flatnonzero(np.diff(ok.astype(np.int8)))
    starts = [0, *(edges + 1)]
    stops = [*edges, len(grid) - 1]
    intervals = []
    for a, b in zip(starts, stops, strict=True):
        if ok[a]:
            low = -np.inf if a == 0 else float(grid[a])
            high = np.inf if b == len(grid) - 1 else float(grid[b])
            intervals.append((low, high))
    return intervals


def format_intervals(intervals: list[tuple[float, float]]) -> str:
    """'(-inf, -1303.5] or [375.25, 8642.0]' for messages.

    Parameters
    ----------
    intervals : list of (float, float)
        Output of :func:`allowed_detuning_intervals_MHz` (MHz).

    Returns
    -------
    str
        The intervals joined by " or "; "none" for an empty list.
    """
    parts = []
    for low, high in intervals:
        left = "(-inf" if np.isinf(low) else f"[{low:g}"
        right = "+inf)" if np.isinf(high) else f"{high:g}]"
        parts.append(f"{left}, {right}")
    return " or ".join(parts) if parts else "none"


def detuning_errors(
    key: str,
    detuning_MHz,
    probe_polarization: str,
    detuning_reference: str,
    margin_MHz: float,
    *,
    species: str,
    line: str,
) -> list[str]:
    """Config messages for probe detunings the model cannot describe (one at most).

    Parameters
    ----------
    key : str
        The config entry the detunings come from, named in the message.
    detuning_MHz : array_like
        The detunings, MHz.
    probe_polarization, detuning_reference : str
        As in :func:`probe_detuning_problems`.
    margin_MHz : float
        ``multilevel.resonance_margin_MHz``.
    species, line : str
        ``multilevel.atom``.

    Returns
    -------
    list of str
        Empty if every detuning is fine, else one message naming the key, the first
        offending values with their reasons and the allowed intervals.
    """
    values = np.atleast_1d(np.asarray(detuning_MHz, dtype=float))
    atom = {"species": species, "line": line}
    reasons = probe_detuning_problems(
        values, probe_polarization, detuning_reference, margin_MHz, **atom
    )
    bad = np.flatnonzero(reasons != "")
    if not bad.size:
        return []
    allowed = format_intervals(
        allowed_detuning_intervals_MHz(probe_polarization, detuning_reference, margin_MHz, **atom)
    )
    transition = reference_label(species, line, detuning_reference)
    counted = f"{detuning_reference} ({species} {line}: {transition})"
    shown = ", ".join(f"{values[i]:g} ({reasons[i]})" for i in bad[:3])
    more = f" and {bad.size - 3} more" if bad.size > 3 else ""
    return [
        f"{key}: {bad.size} of {values.size} detuning(s) outside the off-resonant probe model: "
        f"{shown}{more}. Allowed for probe_polarization = {probe_polarization!r}, counted "
        f"from {counted} with multilevel.resonance_margin_MHz = {margin_MHz:g}: "
        f"{allowed} MHz (see docs/physics.md#validity-of-the-probe-model)"
    ]


__all__ = [
    "DOPPLER_MARGIN",
    "allowed_detuning_intervals_MHz",
    "detuning_errors",
    "format_intervals",
    "line_label",
    "probe_detuning_problems",
    "probe_lines_MHz",
    "resonance_margin_MHz",
]
