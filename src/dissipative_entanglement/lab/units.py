"""The shared pint unit registry of :mod:`dissipative_entanglement.lab` and input checks.

Every function of the lab-units package accepts a pint Quantity (of this registry or of
another one; it is converted through its unit string) or a plain number, which is then
read in the unit that the parameter's name carries (``power_mW``: milliwatt). Results are
Quantities of :data:`ureg`.
"""

from __future__ import annotations

import numpy as np
import pint

#: the one unit registry of the package; build inputs with ``ureg.Quantity(1.0, "mW")``
ureg = pint.UnitRegistry()
Quantity = ureg.Quantity


class UnitMismatchError(TypeError):
    """A Quantity of the wrong dimension was passed (e.g. a length for a power)."""


#: units whose pint definition lives in the Gaussian system, with their SI counterpart:
#: a field in tesla is accepted where gauss are named (1 G = 1e-4 T)
_SI_COUNTERPART = {"G": ("T", 1e4)}


def _convert(quantity, unit: str):
    """Magnitude of ``quantity`` in ``unit``; SI fields for gauss without pint contexts."""
    try:
        return quantity.to(unit).magnitude
    except pint.DimensionalityError:
        if unit not in _SI_COUNTERPART:
            raise
        si_unit, factor = _SI_COUNTERPART[unit]
        return quantity.to(si_unit).magnitude * factor


def magnitude_in(value, unit: str, name: str, *, sign: str = "positive"):
    """Magnitude of an input in ``unit``, checked for dimension, finiteness and sign.

    Parameters
    ----------
    value : pint.Quantity, float or array_like
        The input; a plain number is taken to be in ``unit``.
    unit : str
        The unit the parameter name promises (pint spelling, e.g. "mW", "mm", "degC").
    name : str
        The parameter name, quoted in every error message.
    sign : {"positive", "non-negative", "any"}, optional
        Which values are physical (default "positive": > 0).

    Returns
    -------
    float or ndarray
        The magnitude in ``unit``.

    Raises
    ------
    UnitMismatchError
        For a Quantity whose dimension is not that of ``unit``.
    ValueError
        For NaN or infinite values, or values of the wrong sign.
    """
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        quantity = ureg.Quantity(value.magnitude, str(value.units))
        try:
            magnitude = _convert(quantity, unit)
        except pint.DimensionalityError as err:
            raise UnitMismatchError(
                f"{name} must be in units of {unit} ({ureg.Quantity(1, unit).dimensionality}); "
                f"got {value} ({quantity.dimensionality})"
            ) from err
    else:
        magnitude = value
    try:
        array = np.asarray(magnitude, dtype=float)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must be a number in {unit}, got {value!r}") from err
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if sign == "positive" and np.any(array <= 0):
        raise ValueError(f"{name} must be positive, got {value!r}")
    if sign == "non-negative" and np.any(array < 0):
        raise ValueError(f"{name} must not be negative, got {value!r}")
    return float(array) if array.ndim == 0 else array


__all__ = ["Quantity", "UnitMismatchError", "magnitude_in", "ureg"]
