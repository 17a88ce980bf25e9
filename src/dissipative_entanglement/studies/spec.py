"""A study's resolved specification and its grid: axes, shape, chunks, points.

``resolve_study`` turns one entry of the config's ``studies`` mapping into a canonical
plain-Python spec (the Snakemake rules' ``params``): the swept axes in the order the
config lists them, every other kernel parameter fixed (given, or defaulted from the main
config, see ``FIXED_DEFAULTS``), the kernel options and the chunk count.

The grid is the Cartesian product of the axes in C order: the first swept parameter
varies slowest, and the row number of ``values.parquet`` is the flat grid index. Chunk
``i`` of ``n`` holds the flat indices ``[i N // n, (i + 1) N // n)``; any sub-range of
points is built from ``np.unravel_index`` on the grid shape, so no job ever holds more
than the sub-range it works on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..config import canonical, grid_values, merge_config
from .kernels import Kernel, get_kernel

DEFAULT_CHUNKS = 4

#: Fixed-parameter defaults per model: a config key path (the value is read from the main
#: config) or a number. ``None``: no sensible default, the study must sweep or fix it.
FIXED_DEFAULTS: dict[str, dict[str, tuple[str, ...] | float | None]] = {
    "two_level": {
        "optical_depth": ("two_level", "optical_depth"),  # d = 30 (Figs. 3, 4)
        "Z": None,  # Fig. 3 sweeps Z: no single value to default to
        "pump_x": 0.0,  # probe only (Fig. 3, Sec. III.4)
        "gamma_d_add": 0.0,  # no additional dephasing
    },
    "multilevel": {
        "optical_depth": ("multilevel", "optical_depth"),  # d = 30 (Fig. 7)
        "detuning_MHz": ("multilevel", "detuning_MHz"),  # +700 MHz (App. E)
        "x_repump": None,  # Fig. 7 sweeps x_repump: no single value to default to
        "gamma_d_add": 0.0,  # no additional dephasing
        "temperature_C": ("multilevel", "temperature_C"),  # 22 C (footnote 69)
    },
}


def _lookup(config: Mapping, path: tuple[str, ...]):
    value = config
    for key in path:
        value = value[key]
    return value


def fixed_default(model: str, parameter: str, config: Mapping) -> float | None:
    """Default value of an unswept parameter (None: the study must give it).

    Parameters
    ----------
    model : str
        Model name, a key of :data:`FIXED_DEFAULTS`.
    parameter : str
        Kernel parameter, e.g. ``"optical_depth"``.
    config : Mapping
        The whole (merged) config, where defaults given as key paths are read.

    Returns
    -------
    float or None
        The default in the parameter's unit (rates in units of Gamma, detunings in MHz,
        temperatures in degrees C, else dimensionless); None if there is no default or
        its config key is missing.
    """
    default = FIXED_DEFAULTS.get(model, {}).get(parameter)
    if isinstance(default, tuple):
        try:
            return float(_lookup(config, default))
        except (KeyError, TypeError):
            return None
    return None if default is None else float(default)


def resolve_study(name: str, study: Mapping, config: Mapping) -> dict:
    """Canonical spec of one study (plain Python; stable as Snakemake params).

    Parameters
    ----------
    name : the study's key in ``config["studies"]``.
    study : its entry: ``model``, ``quantity``, ``sweep``, optional ``fixed``, ``options``,
        ``chunks``.
    config : the whole (merged) config, for defaults of fixed values and kernel options.

    Returns
    -------
    dict with ``name, model, quantity, axes`` (list of ``{"name", "grid"}`` in sweep order),
    ``fixed`` (every other kernel parameter, float), ``options`` and ``chunks``.
    Raises KeyError if a required fixed value is missing (validation reports it first).
    """
    kernel = get_kernel(study["model"], study["quantity"])
    sweep = study["sweep"]
    given = study.get("fixed") or {}
    fixed = {}
    for parameter in kernel.parameters:
        if parameter in sweep:
            continue
        value = given.get(parameter, fixed_default(kernel.model, parameter, config))
        if value is None:
            raise KeyError(f"studies.{name}.fixed.{parameter}: required (no default)")
        fixed[parameter] = float(value)
    options = {}
    for option, path in kernel.options.items():
        try:
            options[option] = _lookup(config, path)
        except (KeyError, TypeError):
            continue  # not in this config: the kernel's own default applies
    for option, value in (study.get("options") or {}).items():
        base = options.get(option)  # a mapping (atom, model readings) merges over the config's
        both = isinstance(base, Mapping) and isinstance(value, Mapping)
        options[option] = merge_config(base, value) if both else value
    return canonical(
        {
            "name": name,
            "model": kernel.model,
            "quantity": kernel.quantity,
            "axes": [{"name": p, "grid": canonical(sweep[p])} for p in sweep],
            "fixed": fixed,
            "options": options,
            "chunks": int(study.get("chunks", DEFAULT_CHUNKS)),
        }
    )


def grid_size(sweep: Mapping) -> int:
    """Number of grid points of a ``sweep`` mapping (product of the axis lengths).

    Parameters
    ----------
    sweep : Mapping
        Parameter name to grid spec: a range ``{start, stop, num[, spacing]}`` or a list.

    Returns
    -------
    int
        Product of the axis lengths (``num`` or the list length).
    """
    size = 1
    for spec in sweep.values():
        size *= len(spec) if isinstance(spec, list | tuple) else int(spec["num"])
    return size


@dataclass(frozen=True)
class StudyGrid:
    """The grid of a resolved study spec (see :func:`resolve_study`)."""

    spec: Mapping

    @cached_property
    def kernel(self) -> Kernel:
        """The registered kernel of the spec's ``(model, quantity)``."""
        return get_kernel(self.spec["model"], self.spec["quantity"])

    @property
    def names(self) -> list[str]:
        """Swept parameters, slowest-varying first."""
        return [axis["name"] for axis in self.spec["axes"]]

    @cached_property
    def values(self) -> list[np.ndarray]:
        """Grid values of each axis (float64)."""
        return [grid_values(axis["grid"]) for axis in self.spec["axes"]]

    @property
    def log_axes(self) -> list[bool]:
        """True where an axis is a log-spaced range (figures use a log scale there)."""
        return [
            isinstance(a["grid"], Mapping) and a["grid"].get("spacing") == "log"
            for a in self.spec["axes"]
        ]

    @property
    def shape(self) -> tuple[int, ...]:
        """Grid shape: the number of values of each axis, slowest-varying first (counts)."""
        return tuple(len(v) for v in self.values)

    @property
    def size(self) -> int:
        """Number of grid points N, the product of :attr:`shape` (a count)."""
        return int(np.prod(self.shape, dtype=np.int64))

    @property
    def columns(self) -> list[str]:
        """Columns of values.parquet: swept parameters, then the kernel's result columns."""
        return [*self.names, *self.kernel.columns]

    def chunk_range(self, index: int, chunks: int | None = None) -> tuple[int, int]:
        """Flat index range [start, stop) of chunk ``index`` of ``chunks`` (default: spec).

        Chunk i of n holds the flat indices [i N // n, (i + 1) N // n).

        Parameters
        ----------
        index : int
            Chunk number, 0 <= index < chunks.
        chunks : int or None, optional
            Number of chunks (default None: the spec's ``chunks``).

        Returns
        -------
        tuple of (int, int)
            ``(start, stop)`` flat grid indices.

        Raises
        ------
        IndexError
            If ``index`` is out of range.
        """
        n = int(self.spec["chunks"] if chunks is None else chunks)
        if not 0 <= index < n:
            raise IndexError(f"chunk {index} out of range 0..{n - 1}")
        return index * self.size // n, (index + 1) * self.size // n

    def points(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """Swept-parameter values of the flat indices [start, stop), one array per axis.

        Parameters
        ----------
        start, stop : int
            Flat grid index range, 0 <= start <= stop <= :attr:`size`.

        Returns
        -------
        dict of str to ndarray
            Axis name to float64 values of shape (stop - start,), in the parameter's unit
            (rates in units of Gamma, detunings in MHz, temperatures in degrees C, else
            dimensionless).
        """
        flat = np.arange(start, stop, dtype=np.int64)
        indices = np.unravel_index(flat, self.shape)
        return {name: v[i] for name, v, i in zip(self.names, self.values, indices, strict=True)}

    def parameters_at(self, flat_index: int) -> dict[str, float]:
        """Every kernel parameter (swept and fixed) at one flat grid index.

        Parameters
        ----------
        flat_index : int
            Flat grid index (the row number of ``values.parquet``), 0 <= flat_index < N.

        Returns
        -------
        dict of str to float
            Parameter name to value in its unit (rates in units of Gamma, detunings in
            MHz, temperatures in degrees C, else dimensionless), swept ones first.
        """
        indices = np.unravel_index(int(flat_index), self.shape)
        swept = {n: float(v[i]) for n, v, i in zip(self.names, self.values, indices, strict=True)}
        return {**swept, **{k: float(v) for k, v in self.spec["fixed"].items()}}

    def evaluate(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """Swept parameters and kernel results for the flat indices [start, stop).

        Fixed parameters are passed to the kernel as broadcast views, not returned.

        Parameters
        ----------
        start, stop : int
            Flat grid index range, 0 <= start <= stop <= :attr:`size`.

        Returns
        -------
        dict of str to ndarray
            :attr:`columns`: swept-parameter values (as :meth:`points`) and the kernel's
            result columns (float64, dimensionless for the registered kernels), each of
            shape (stop - start,).
        """
        swept = self.points(start, stop)
        n = stop - start
        arrays = dict(swept)
        for name, value in self.spec["fixed"].items():
            arrays[name] = np.broadcast_to(np.float64(value), (n,))
        return {**swept, **self.kernel(arrays, self.spec["options"])}
