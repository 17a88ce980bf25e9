"""Lab units: probe intensity, the rate unit Gamma in s^-1, the cell's optical depths,
dephasing, Larmor frequency and time scales, with pint Quantities at the interface
(``docs/atoms.md``, "Lab units").
"""

from .dephasing import gamma_d_add_from_rate, transit_rate_per_s
from .ensemble import (
    atom_density,
    model_optical_depth,
    optical_depth,
    rayleigh_factor,
    resonant_cross_section,
)
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
    "gamma_d_add_from_rate",
    "ground_g_factor",
    "larmor_checks",
    "larmor_frequency",
    "model_optical_depth",
    "natural_linewidth",
    "optical_depth",
    "peak_intensity",
    "probe_rates",
    "raman_rate",
    "rate_unit",
    "rayleigh_factor",
    "resonant_cross_section",
    "saturation_intensity",
    "steady_state_time",
    "transit_rate_per_s",
    "unit_rabi_frequency",
    "ureg",
]
