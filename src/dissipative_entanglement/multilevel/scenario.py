"""Fig. 7 and the multi-level studies on parameter grids: the vectorised kernel (Sec. IV.2).

:func:`xi_exp_inf_grid` evaluates xi_exp,inf (Eq. (30) at the steady state of Eq. (26),
pump at its optimum) for a :class:`~.setup.MultilevelSetup` whose detuning, optical depth
and temperature may be arrays, over grids of x_repump and Gamma_d^add. The rates are computed
once per distinct (detuning, temperature) and gathered, so memory stays O(points).
"""

from __future__ import annotations

import numpy as np

from .model import ManifoldRates, MultilevelRates, ThreeLevelRates
from .pump import fig7_xi_exp_steady_state
from .setup import MultilevelSetup, multilevel_rates


def _rates_by_key(detunings, temperatures, setup: MultilevelSetup) -> MultilevelRates:
    """MultilevelRates as arrays along (detuning, temperature) pairs.

    One :func:`~.setup.multilevel_rates` call per distinct temperature (the Doppler width is
    the only temperature dependence), vectorised over the detunings at that temperature.
    """
    parts, order = [], []
    for temperature in np.unique(temperatures):
        sel = np.flatnonzero(temperatures == temperature)
        parts.append(
            multilevel_rates(
                detunings[sel],
                setup.probe_polarization,
                temperature,
                setup.options,
                species=setup.species,
                line=setup.line,
            )
        )
        order.append(sel)
    back = np.argsort(np.concatenate(order))

    def gather(name):
        fields_ = [
            {k: np.broadcast_to(v, idx.shape) for k, v in getattr(part, name).as_dict().items()}
            for part, idx in zip(parts, order, strict=True)
        ]
        return ThreeLevelRates(
            **{k: np.concatenate([f[k] for f in fields_])[back] for k in fields_[0]}
        )

    z = np.concatenate(
        [np.broadcast_to(part.z, idx.shape) for part, idx in zip(parts, order, strict=True)]
    )[back]
    manifold = None
    if parts[0].manifold is not None:  # h_return = "lower_manifold": matrices per point
        size = parts[0].manifold.probe.shape[-2:]
        matrices = [
            np.concatenate(
                [
                    np.broadcast_to(getattr(part.manifold, name), (*idx.shape, *size))
                    for part, idx in zip(parts, order, strict=True)
                ]
            )[back]
            for name in ("probe", "pump_unit", "repump_unit")
        ]
        manifold = ManifoldRates(*matrices)
    return MultilevelRates(
        gather("probe"),
        gather("pump_unit"),
        gather("repump_unit"),
        z,
        parts[0].f_upper,
        manifold,
    )


def xi_exp_inf_grid(setup: MultilevelSetup, x_repump, gamma_d_add) -> dict[str, np.ndarray]:
    """xi_exp,inf (Eq. (30) at the steady state of Eq. (26), pump at its optimum) on a grid.

    Parameters
    ----------
    setup : MultilevelSetup
        Its ``optical_depth``, ``detuning_MHz`` (MHz) and ``temperature_C`` (degrees C)
        may be arrays; they broadcast with the two arguments below.
    x_repump : array_like
        Omega^2_repump / Omega^2_pump,opt (Fig. 7), dimensionless.
    gamma_d_add : array_like
        Additional dephasing Gamma_d^add in units of Gamma.

    Returns
    -------
    dict of ndarray
        ``xi_exp_inf``, ``Z``, ``s_pump`` (optimal pump strength) and ``up_fraction``
        (N_up/N_2 at the optimum), each of the broadcast shape.
    """
    arrays = np.broadcast_arrays(
        *(
            np.asarray(a, dtype=float)
            for a in (
                setup.optical_depth,
                setup.detuning_MHz,
                x_repump,
                gamma_d_add,
                setup.temperature_C,
            )
        )
    )
    d, delta, x, g, temp = (a.ravel() for a in arrays)
    unique, inverse = np.unique(np.stack([delta, temp], axis=1), axis=0, return_inverse=True)
    rates = _rates_by_key(unique[:, 0], unique[:, 1], setup).take(inverse.ravel())
    result = fig7_xi_exp_steady_state(rates, x, g, d, setup.options)
    shape = arrays[0].shape
    return {
        "xi_exp_inf": np.asarray(result.xi_exp_inf).reshape(shape),
        "Z": rates.z.reshape(shape),
        "s_pump": np.broadcast_to(result.s_pump, d.shape).reshape(shape),
        "up_fraction": np.broadcast_to(result.up_fraction, d.shape).reshape(shape),
    }


__all__ = ["xi_exp_inf_grid"]
