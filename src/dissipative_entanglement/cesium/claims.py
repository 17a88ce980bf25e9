"""Claims C5-C9 from the Cs-133 model (Sec. IV, App. E; Figs. 7 and 8)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..claims import COLUMNS, claim_row
from .atomic_data import D2
from .couplings import ground_index, squeezing_parameters
from .doppler import doppler_width_MHz
from .options import CesiumOptions
from .rates import probe_rate_matrix
from .setup import CesiumSetup


def _ratios(detuning_MHz, polarization, options: CesiumOptions):
    rates = probe_rate_matrix(
        detuning_MHz,
        polarization,
        detuning_reference="F5",  # App. E: +700 MHz "with respect to F=4 -> F'=5"
        amplitude_sum=options.amplitude_sum,
    )
    up, down = ground_index(4, 4), ground_index(4, 3)
    base = rates[up, down]
    return rates[up, ground_index(4, 2)] / base, rates[up, ground_index(3, 2)] / base


def cesium_claims(setup: CesiumSetup, fig7: pd.DataFrame, fig8: pd.DataFrame) -> pd.DataFrame:
    """Rows C5-C9 of the claims table (Sec. IV, App. E).

    Parameters
    ----------
    setup : CesiumSetup
        The configured scenario (its readings and cell temperature enter C6-C8).
    fig7, fig8 : DataFrame
        The tables of :func:`.tables.fig7_table` and :func:`.tables.fig8_table` for it.

    Returns
    -------
    DataFrame
        One row per claim, columns as :data:`..claims.COLUMNS`.
    """
    options, temperature_C = setup.options, setup.temperature_C
    rows = []
    # C5: Z of the two probe variants (Sec. IV.1); the paper rounds to one decimal
    z_blue = float(squeezing_parameters(700.0, "y", detuning_reference="F5").z)
    z_red = {
        ref: float(squeezing_parameters(-700.0, "x", detuning_reference=ref).z)
        for ref in ("F5", "F4", "F3", "F2")
    }
    ok_blue, ok_red = abs(z_blue - 2.3) <= 0.05, abs(z_red["F2"] - 2.4) <= 0.05
    rows.append(
        claim_row(
            "C5",
            "2.3 (y, +700 MHz); 2.4 (x, -700 MHz)",
            f"{z_blue!r} (y, +700 MHz from F'=5); {z_red['F2']!r} (x, -700 MHz from F'=2)",
            "0.05 (one decimal)",
            ok_blue and ok_red,
            note=(
                "blue: counted from F=4->F'=5 as the paper states, Z rounds to 2.4, not 2.3 (no "
                "reading of the reference line gives 2.3; F'=4 gives "
                f"{float(squeezing_parameters(700.0, 'y', detuning_reference='F4').z):.4f}); red: "
                f"the "
                "paper does not name the reference line; counted from F'=5/4/3/2 Z = "
                + "/".join(f"{v:.4f}" for v in z_red.values())
                + ", only F'=2 reproduces 2.4"
            ),
        )
    )
    # C6: leakage ratios (App. E), two decimals
    r42, r32 = (float(v) for v in _ratios(700.0, "y", options))
    rows.append(
        claim_row(
            "C6",
            "0.03; 0.02",
            f"{r42!r}; {r32!r}",
            "0.005 (two decimals)",
            abs(r42 - 0.03) <= 0.005 and abs(r32 - 0.02) <= 0.005,
            note=(
                f"Gamma(4,4->4,2)/Gamma(4,4->4,3) and Gamma(4,4->3,2)/Gamma(4,4->4,3), y probe, "
                f"+700 MHz, amplitude_sum = {options.amplitude_sum}"
            ),
        )
    )
    # C7: Doppler factor k = gamma_LW / delta_Doppler (footnote 69)
    width = float(doppler_width_MHz(temperature_C, formula=options.doppler_formula))
    other = "footnote_69" if options.doppler_formula == "fwhm" else "fwhm"
    width_other = float(doppler_width_MHz(temperature_C, formula=other))
    gamma_mhz = D2.linewidth_MHz
    rows.append(
        claim_row(
            "C7",
            "k = 5 MHz / 380 MHz = 0.013158",
            f"k = {gamma_mhz:.4f} MHz / {width:.4f} MHz = {gamma_mhz / width!r}",
            "delta_Doppler within 5 MHz (two significant figures)",
            abs(width - 380.0) <= 5.0,
            note=(
                f"T = {temperature_C:g} C, formula = {options.doppler_formula}; the formula "
                f"printed "
                f"in footnote 69 ({other}) gives {width_other:.4f} MHz; 380 MHz is the FWHM at "
                "about 29 C"
            ),
        )
    )
    # C8: steady-state xi_exp,inf ~ 0.9 attainable with repump (Fig. 7, Gamma_d^add = 0)
    best = fig7[fig7["gamma_d_add"] == fig7["gamma_d_add"].min()]["xi_exp"].min()
    rows.append(
        claim_row(
            "C8",
            "~0.9",
            repr(float(best)),
            "0.05 (the paper's one decimal: 0.85-0.95)",
            abs(best - 0.9) <= 0.05,
            note=(
                f"min over x_repump of xi_exp,inf at Gamma_d^add = {fig7['gamma_d_add'].min():g}, "
                f"elastic_dephasing = {options.elastic_dephasing} (the 'coherence' reading gives a "
                "lower value, see the sensitivity figure)"
            ),
        )
    )
    # C9: Fig. 8 falls below 1, rises again; for t > 0.05/Gamma it follows Eq. (30)
    first = fig8[fig8["gamma_d_add"] == fig8["gamma_d_add"].min()]
    xi = first["xi_exp"].to_numpy().tolist()
    i_min = int(np.argmin(xi))
    t_min = float(first["t"].iloc[i_min])
    late = first["t"].to_numpy() > 0.05
    dev = float(np.max(np.abs(first["xi_exp"][late] / first["xi_exp_long_time"][late] - 1)))
    ode = float(np.max(np.abs(fig8["xi_exp"] - fig8["xi_exp_moments"])))
    ok = bool(xi[i_min] < 1.0) and xi[-1] > xi[i_min] and dev <= 0.01
    rows.append(
        claim_row(
            "C9",
            "min < 1, then rises; Eq. 30 for t > 0.05/Gamma",
            f"min xi_exp = {xi[i_min]!r} at t = {t_min!r}; final "
            f"{xi[-1]!r}; max |Eq.28/Eq.30 - 1| for t > 0.05 = {dev!r}",
            "min < 1 < ...; Eq. 30 within 1 % for t > 0.05/Gamma",
            ok,
            note=(
                f"Gamma_d^add = {fig8['gamma_d_add'].min():g}; closed form Eq. 28 vs integrated "
                f"moment equations (42)-(43): max |difference| = {ode:.3e} over all curves"
            ),
        )
    )
    return pd.DataFrame(rows, columns=COLUMNS)
