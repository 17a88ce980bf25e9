"""Lab units: probe intensity, the rate unit Gamma in s^-1, optical depth, Larmor
frequency and time scales, with pint Quantities at the interface (``docs/atoms.md``,
"Lab units").
"""

from .ensemble import atom_density, optical_depth, resonant_cross_section
from .probe import (
    natural_linewidth,
    peak_intensity,
    probe_rates,
    raman_rate,
    rate_unit,
    saturation_intensity,
    unit_rabi_frequency,
)
from .timescales import entangling_rate, steady_state_time
from .units import Quantity, UnitMismatchError, ureg
from .zeeman import ground_g_factor, larmor_checks, larmor_frequency

__all__ = [
    "Quantity",
    "UnitMismatchError",
    "atom_density",
    "entangling_rate",
    "ground_g_factor",
    "larmor_checks",
    "larmor_frequency",
    "natural_linewidth",
    "optical_depth",
    "peak_intensity",
    "probe_rates",
    "raman_rate",
    "rate_unit",
    "resonant_cross_section",
    "saturation_intensity",
    "steady_state_time",
    "unit_rabi_frequency",
    "ureg",
]
