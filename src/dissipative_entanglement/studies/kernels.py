"""Registry of study kernels: (model, quantity) -> vectorised function of the parameters.

A kernel takes every model parameter it declares as a keyword argument, each a 1-D numpy
array of the same length (the points of one block of a study chunk; fixed parameters are
broadcast views), plus keyword options (solver settings), and returns a mapping from
result column to a 1-D array of that length. The first column is the study quantity;
further columns (``Z_opt`` for ``xi_opt``) are written beside it.

Registered here:

========= =========== ==================================================== ==============
model     quantity    parameters                                           columns
========= =========== ==================================================== ==============
two_level xi_inf      optical_depth, Z, pump_x, gamma_d_add                xi_inf
two_level xi_opt      optical_depth, pump_x, gamma_d_add                   xi_opt, Z_opt
multilevel xi_exp_inf optical_depth, detuning_MHz, x_repump, gamma_d_add,  xi_exp_inf
                      temperature_C
========= =========== ==================================================== ==============

The multilevel kernel is :func:`dissipative_entanglement.multilevel.scenario.xi_exp_inf_grid`,
imported when a chunk is computed (it pulls in sympy for the couplings), so validation
and dry runs stay light.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

KernelFunction = Callable[..., Mapping[str, np.ndarray]]

#: Parameters of each model (docs/interface.md#parameter-grid-studies), in a fixed order.
MODEL_PARAMETERS: dict[str, tuple[str, ...]] = {
    "two_level": ("optical_depth", "Z", "pump_x", "gamma_d_add"),
    "multilevel": ("optical_depth", "detuning_MHz", "x_repump", "gamma_d_add", "temperature_C"),
}


@dataclass(frozen=True)
class Kernel:
    """One registered study quantity.

    Attributes
    ----------
    model, quantity : registry key.
    parameters : model parameters the function takes (all of them must be swept or fixed).
    columns : result columns, the quantity first.
    function : the vectorised kernel ``function(**arrays, **options) -> {column: array}``.
    options : default keyword options and where they come from in the main config
        (``{"z_max": ("two_level", "optimizer", "z_max")}``); a study's ``options`` key
        overrides them.
    """

    model: str
    quantity: str
    parameters: tuple[str, ...]
    columns: tuple[str, ...]
    function: KernelFunction
    options: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __call__(self, arrays: Mapping[str, np.ndarray], options: Mapping) -> dict:
        """Evaluate on arrays of equal length; returns float arrays for ``columns``."""
        n = len(next(iter(arrays.values())))
        out = self.function(**{p: arrays[p] for p in self.parameters}, **options)
        if not isinstance(out, Mapping):  # a kernel may return the quantity alone
            out = {self.quantity: out}
        missing = [c for c in self.columns if c not in out]
        if missing:
            raise KeyError(f"kernel {self.model}/{self.quantity} returned no column {missing}")
        return {
            c: np.ascontiguousarray(np.broadcast_to(np.asarray(out[c], dtype=float), (n,)))
            for c in self.columns
        }


_REGISTRY: dict[tuple[str, str], Kernel] = {}


def register_kernel(kernel: Kernel, *, replace: bool = False) -> Kernel:
    """Add ``kernel`` to the registry (``replace=True`` to overwrite an existing entry).

    Parameters
    ----------
    kernel : Kernel
        The kernel; its key is ``(kernel.model, kernel.quantity)``.
    replace : bool, optional
        Overwrite an existing entry with the same key (default False, keyword-only).

    Returns
    -------
    Kernel
        ``kernel`` itself.

    Raises
    ------
    ValueError
        If the key is already registered and ``replace`` is False, or if a kernel of a
        known model declares parameters outside :data:`MODEL_PARAMETERS`.
    """
    key = (kernel.model, kernel.quantity)
    if key in _REGISTRY and not replace:
        raise ValueError(f"kernel {key} is already registered")
    unknown = set(kernel.parameters) - set(MODEL_PARAMETERS.get(kernel.model, kernel.parameters))
    if unknown:
        raise ValueError(f"kernel {key}: parameters {sorted(unknown)} are not model parameters")
    _REGISTRY[key] = kernel
    return kernel


def unregister_kernel(model: str, quantity: str) -> None:
    """Remove a registry entry (tests register fake kernels and clean up).

    Parameters
    ----------
    model, quantity : str
        Registry key; a key that is not registered is ignored.
    """
    _REGISTRY.pop((model, quantity), None)


def get_kernel(model: str, quantity: str) -> Kernel:
    """The kernel registered for ``(model, quantity)``; KeyError naming the choices if none.

    Parameters
    ----------
    model : str
        Model name, e.g. ``"two_level"`` or ``"multilevel"``.
    quantity : str
        Study quantity, e.g. ``"xi_inf"``, ``"xi_opt"`` or ``"xi_exp_inf"``.

    Returns
    -------
    Kernel
        The registered kernel.

    Raises
    ------
    KeyError
        If nothing is registered for the key; the message lists the registered keys.
    """
    try:
        return _REGISTRY[(model, quantity)]
    except KeyError:
        raise KeyError(
            f"no study kernel for model {model!r}, quantity {quantity!r}; "
            f"registered: {sorted(_REGISTRY)}"
        ) from None


def registered() -> list[tuple[str, str]]:
    """Registry keys, sorted.

    Returns
    -------
    list of tuple of (str, str)
        ``(model, quantity)`` of every registered kernel.
    """
    return sorted(_REGISTRY)


# --- two-level model (Sec. III) -------------------------------------------------------


def two_level_xi_inf(optical_depth, Z, pump_x, gamma_d_add) -> dict[str, np.ndarray]:
    """xi_inf of the two-level model, Eq. (15), at given Z (see ``xi_steady_state``).

    Parameters
    ----------
    optical_depth : ndarray, shape (n,)
        Resonant optical depth d of one ensemble, dimensionless.
    Z : ndarray, shape (n,)
        Z = 1/(|mu| - |nu|) >= 1, dimensionless.
    pump_x : ndarray, shape (n,)
        Pump parameter x >= 0 of Sec. III.4, dimensionless.
    gamma_d_add : ndarray, shape (n,)
        Additional dephasing Gamma_d^add in units of Gamma.

    Returns
    -------
    dict of str to ndarray
        ``{"xi_inf": array}`` of shape (n,), dimensionless.
    """
    from ..two_level.steady_state import xi_steady_state

    return {"xi_inf": xi_steady_state(Z, optical_depth, gamma_d_add, pump_x)}


def two_level_xi_opt(optical_depth, pump_x, gamma_d_add, **options) -> dict[str, np.ndarray]:
    """xi_inf minimised over Z in [1, z_max] (Eq. (15), Fig. 4); returns xi_opt and Z_opt.

    ``options`` are fields of :class:`~dissipative_entanglement.two_level.optimum.
    OptimizerOptions` (``z_max``, ``n_scan``, ``xtol``; in a study they default to the main
    config's ``two_level.optimizer``, here to the class defaults).

    Parameters
    ----------
    optical_depth : ndarray, shape (n,)
        Resonant optical depth d of one ensemble, dimensionless.
    pump_x : ndarray, shape (n,)
        Pump parameter x >= 0 of Sec. III.4, dimensionless.
    gamma_d_add : ndarray, shape (n,)
        Additional dephasing Gamma_d^add in units of Gamma.
    **options
        ``z_max`` (dimensionless upper end of the Z interval), ``n_scan`` (scan points)
        and ``xtol`` (tolerance on ln Z).

    Returns
    -------
    dict of str to ndarray
        ``{"xi_opt": array, "Z_opt": array}``, each of shape (n,), dimensionless.
    """
    from ..two_level.optimum import OptimizerOptions, xi_optimal

    result = xi_optimal(optical_depth, gamma_d_add, pump_x, OptimizerOptions(**options))
    return {"xi_opt": result.xi_opt, "Z_opt": result.z_opt}


# --- multilevel model (Sec. IV) ---------------------------------------------------------


def multilevel_xi_exp_inf(
    optical_depth,
    detuning_MHz,
    x_repump,
    gamma_d_add,
    temperature_C,
    *,
    probe_polarization: str,
    model=None,
    atom=None,
) -> Mapping[str, np.ndarray]:
    """Steady-state xi_exp,inf of the multi-level model (Eq. (30) at the steady state of Eq. (26)).

    A study kernel: the five model parameters arrive as arrays of one chunk (the
    registry's fixed calling convention), the options from the main config.

    Parameters
    ----------
    optical_depth, detuning_MHz, x_repump, gamma_d_add, temperature_C : ndarray
        d, probe detuning (MHz), x_repump, Gamma_d^add (units of Gamma) and cell
        temperature (degrees C), broadcast together.
    probe_polarization : str
        ``multilevel.probe_polarization``.
    model : mapping or None
        ``multilevel.model`` readings (None: the defaults of ``MultilevelOptions``).
    atom : mapping or None
        ``multilevel.atom``, ``{species, line}`` (None: Cs133, D2, the paper's).

    Returns
    -------
    dict
        ``{"xi_exp_inf": array}`` of the broadcast shape.
    """
    from ..multilevel.options import MultilevelOptions
    from ..multilevel.scenario import xi_exp_inf_grid
    from ..multilevel.setup import MultilevelSetup, atom_from_config

    setup = MultilevelSetup(
        detuning_MHz=detuning_MHz,
        probe_polarization=probe_polarization,
        optical_depth=optical_depth,
        temperature_C=temperature_C,
        options=MultilevelOptions.from_config(model),
        **atom_from_config(atom),
    )
    return {"xi_exp_inf": xi_exp_inf_grid(setup, x_repump, gamma_d_add)["xi_exp_inf"]}


register_kernel(
    Kernel(
        model="two_level",
        quantity="xi_inf",
        parameters=("optical_depth", "Z", "pump_x", "gamma_d_add"),
        columns=("xi_inf",),
        function=two_level_xi_inf,
    )
)
register_kernel(
    Kernel(
        model="two_level",
        quantity="xi_opt",
        parameters=("optical_depth", "pump_x", "gamma_d_add"),
        columns=("xi_opt", "Z_opt"),
        function=two_level_xi_opt,
        options={
            "z_max": ("two_level", "optimizer", "z_max"),
            "n_scan": ("two_level", "optimizer", "n_scan"),
            "xtol": ("two_level", "optimizer", "xtol"),
        },
    )
)
register_kernel(
    Kernel(
        model="multilevel",
        quantity="xi_exp_inf",
        parameters=MODEL_PARAMETERS["multilevel"],
        columns=("xi_exp_inf",),
        function=multilevel_xi_exp_inf,
        options={
            "probe_polarization": ("multilevel", "probe_polarization"),
            "model": ("multilevel", "model"),
            "atom": ("multilevel", "atom"),
        },
    )
)
