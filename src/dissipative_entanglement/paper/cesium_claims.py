"""Claims C5-C9, C14, C15, C18 and C19 about the paper's Cs-133 (Sec. IV, App. E; Figs. 7, 8).

The paper's multi-level scenario is Cs-133 with the probe on D2 (:data:`PAPER_ATOMS`); its
claims are checked on a :class:`~dissipative_entanglement.multilevel.setup.MultilevelSetup`
of those atoms; a run of other atoms does not check them (:func:`cesium_claims_not_checked`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.constants as sc

from ..atoms.couplings import ground_index, squeezing_parameters
from ..atoms.doppler import doppler_width_MHz
from ..atoms.rates import probe_rate_matrix
from ..atoms.species import CS133
from ..multilevel.options import H_RETURNS, MultilevelOptions
from ..multilevel.pump import fig8_xi_exp_time
from ..multilevel.scenario import xi_exp_inf_grid
from ..multilevel.setup import MultilevelSetup, atom_label
from . import PAPER_ATOMS, is_paper_atoms
from .claims import COLUMNS, claim_row, not_checked_row

#: the claims of this module, in the order of its rows
CESIUM_CLAIMS = ("C5", "C6", "C7", "C8", "C14", "C18", "C19", "C15", "C9")
_CS, _D2 = PAPER_ATOMS["species"], PAPER_ATOMS["line"]


def _ratios(detuning_MHz, polarization, options: MultilevelOptions):
    rates = probe_rate_matrix(
        _CS,
        _D2,
        detuning_MHz,
        polarization,
        detuning_reference="F5",  # App. E: +700 MHz "with respect to F=4 -> F'=5"
        amplitude_sum=options.amplitude_sum,
    )
    up, down = ground_index(_CS, 4, 4), ground_index(_CS, 4, 3)
    base = rates[up, down]
    return rates[up, ground_index(_CS, 4, 2)] / base, rates[up, ground_index(_CS, 3, 2)] / base


def _z(detuning_MHz, polarization, reference):
    return float(
        squeezing_parameters(_CS, _D2, detuning_MHz, polarization, detuning_reference=reference).z
    )


def cesium_claims_not_checked(atom) -> pd.DataFrame:
    """The rows of :data:`CESIUM_CLAIMS` as not checked, for a run of other atoms.

    Parameters
    ----------
    atom : mapping
        The run's ``{species, line}``.

    Returns
    -------
    DataFrame
        One ``not_checked`` row per claim, saying why and where the paper's values are.
    """
    reason = (
        f"this run's multi-level model is {atom_label(atom['species'], atom['line'])} "
        f"({atom['species']} {atom['line']}); the claim is about the paper's Cs-133 with the "
        "probe on D2, checked by the default run (results/tables/claims.csv)"
    )
    return pd.DataFrame([not_checked_row(c, reason) for c in CESIUM_CLAIMS], columns=COLUMNS)


def cesium_claims(setup: MultilevelSetup, fig7: pd.DataFrame, fig8: pd.DataFrame) -> pd.DataFrame:
    """Rows C5-C9, C14, C15, C18, C19 of the claims table (Sec. IV, App. E).

    Parameters
    ----------
    setup : MultilevelSetup
        The configured scenario of the paper's atoms (its readings and cell temperature
        enter C6-C8, C19).
    fig7, fig8 : DataFrame
        The tables of :func:`dissipative_entanglement.multilevel.tables.fig7_table` and
        :func:`~dissipative_entanglement.multilevel.tables.fig8_table` for it.

    Returns
    -------
    DataFrame
        One row per claim, columns as :data:`.claims.COLUMNS`.

    Raises
    ------
    ValueError
        For a setup of other atoms than :data:`PAPER_ATOMS`.
    """
    if not is_paper_atoms({"species": setup.species, "line": setup.line}):
        raise ValueError(
            f"cesium_claims: the claims are about {PAPER_ATOMS}, not {setup.species} {setup.line}"
        )
    options, temperature_C = setup.options, setup.temperature_C
    rows = []
    # C5: Z of the two probe variants (Sec. IV.1); the paper rounds to one decimal
    z_blue = _z(700.0, "y", "F5")
    z_red = {ref: _z(-700.0, "x", ref) for ref in ("F5", "F4", "F3", "F2")}
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
                f"{_z(700.0, 'y', 'F4'):.4f}); red: "
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
    # C7: k = gamma_LW / delta_Doppler (footnote 69). Tolerance from the printed digits,
    # fixed before computing: "380 MHz" is known to +-5 MHz (half a unit of its last
    # digit), "5 MHz" to +-0.5 MHz; so k = 5/380 stands for [4.5/385, 5.5/375].
    width = setup.doppler_fwhm_MHz
    other = "footnote_69" if options.doppler_formula == "fwhm" else "fwhm"
    width_other = float(doppler_width_MHz(_CS, _D2, temperature_C, formula=other))
    gamma_mhz = CS133.d2.linewidth_MHz
    k, k_paper = gamma_mhz / width, 5.0 / 380.0
    k_lo, k_hi = 4.5 / 385.0, 5.5 / 375.0
    t_380 = (temperature_C + 273.15) * (380.0 / width) ** 2 - 273.15  # width ~ sqrt(T)
    rows.append(
        claim_row(
            "C7",
            "k = 5 MHz / 380 MHz = 0.013158",
            f"k = {gamma_mhz:.4f} MHz / {width:.4f} MHz = {k!r}",
            "the printed digits: delta_Doppler 380 +- 5 MHz and gamma_LW 5 +- 0.5 MHz, "
            f"so k in [{k_lo:.5f}, {k_hi:.5f}]",
            abs(width - 380.0) <= 5.0 and k_lo <= k <= k_hi,
            note=(
                f"T = {temperature_C:g} C, doppler_formula = {options.doppler_formula}: k is "
                f"{100 * (k / k_paper - 1):+.1f} % from 5/380, of which "
                f"{100 * (gamma_mhz / 5.0 - 1):+.1f} % from gamma_LW = {gamma_mhz:.4f} MHz "
                f"printed as 5 MHz and {100 * (380.0 / width - 1):+.1f} % from the width "
                f"({width:.1f} against 380 MHz); with this formula the width is 380 MHz at "
                f"{t_380:.1f} C; the other formula ({other}) gives {width_other:.1f} MHz, "
                + ("inside" if abs(width_other - 380.0) <= 5.0 else "outside")
                + " the tolerance"
            ),
        )
    )
    # C8: "xi_exp,inf ~ 0.9": one printed decimal, tolerance +-0.05 fixed beforehand;
    # the value is the x_repump -> infinity limit at Gamma_d^add = 0 (x = 1e8, converged
    # to 1e-8 against x = 1e6), for the configured readings and for every alternative
    x_limit = np.array([1e6, 1e8])
    limit = xi_exp_inf_grid(setup, x_limit, 0.0)["xi_exp_inf"]
    readings = {"configured": float(limit[-1])}
    for name, value, alternative in setup.alternatives():
        alt = xi_exp_inf_grid(alternative, x_limit, 0.0)
        readings[f"{name} = {value}"] = float(alt["xi_exp_inf"][-1])
    defined = {k: v for k, v in readings.items() if np.isfinite(v)}
    closest = min(defined, key=lambda k: abs(defined[k] - 0.9))
    spread = ", ".join(f"{k}: {v:.4f}" for k, v in readings.items())
    grid_end = fig7[fig7["gamma_d_add"] == fig7["gamma_d_add"].min()]["xi_exp"].iloc[-1]
    rows.append(
        claim_row(
            "C8",
            "~0.9",
            repr(readings["configured"]),
            "0.05 (the paper's one printed decimal: 0.85-0.95)",
            abs(readings["configured"] - 0.9) <= 0.05 and abs(limit[0] - limit[1]) < 1e-6,
            note=(
                f"x_repump -> infinity limit at Gamma_d^add = 0 (Fig. 7's grid end, "
                f"x_repump = {fig7['x_repump'].max():g}: {grid_end:.4f}); under each reading: "
                f"{spread}; closest to 0.9: {closest}. The readings span "
                f"{min(defined.values()):.3f}-{max(defined.values()):.3f}, wider than the "
                "tolerance: the claim holds for the configured readings, not for all"
            ),
        )
    )
    # C14: "two orders of magnitude smaller" (App. E): a ratio of 10^-2 to within a
    # factor 10^0.25 = 1.8 either way (tolerance fixed before computing; the ratios are C6's)
    orders = -np.log10(max(r42, r32))
    rows.append(
        claim_row(
            "C14",
            "two orders of magnitude (ratio ~ 0.01)",
            f"{orders:.3f} orders (largest ratio {max(r42, r32):.4f})",
            "2 +- 0.25 orders (a factor 1.8 around 0.01)",
            abs(orders - 2.0) <= 0.25,
            note=(
                "Gamma(4,4 -> 4,2) and Gamma(4,4 -> 3,2) over Gamma(4,4 -> 4,3), y probe, "
                "+700 MHz: about one and a half orders, as App. E's own numbers in the same "
                "sentence (0.03 and 0.02: 1.5 and 1.7 orders) say; the neglect is still "
                "justified at the 3 % level, but 'two orders' overstates it"
            ),
        )
    )
    # C18: Larmor frequency of F = 4 at 1 G, g_F mu_B B / h with g_F from g_J and g_I
    # (Steck); tolerance: "~ 300 kHz" has one printed digit, i.e. 300 +- 50 kHz
    f, i, j = 4, float(CS133.nuclear_spin), 0.5
    g_f = CS133.g_j_ground * (f * (f + 1) - i * (i + 1) + j * (j + 1)) / (
        2 * f * (f + 1)
    ) + CS133.g_i * (f * (f + 1) + i * (i + 1) - j * (j + 1)) / (2 * f * (f + 1))
    larmor_kHz = g_f * sc.physical_constants["Bohr magneton in Hz/T"][0] * 1e-4 / 1e3
    smallest_gap = min(
        CS133.d2.excited_positions_MHz[k + 1] - CS133.d2.excited_positions_MHz[k] for k in (2, 3, 4)
    )
    rows.append(
        claim_row(
            "C18",
            "Omega ~ 300 kHz at B ~ 1 G",
            f"Omega = {larmor_kHz:.2f} kHz at 1 G (g_F = {g_f:.6f}); smallest 6P3/2 gap "
            f"{smallest_gap:.1f} MHz",
            "one printed digit: 300 +- 50 kHz",
            abs(larmor_kHz - 300.0) <= 50.0,
            note=(
                f"{100 * (larmor_kHz / 300 - 1):+.1f} % from 300 kHz, at the edge of the "
                "printed rounding; B ~ 1 G is itself approximate. Omega is "
                f"{smallest_gap * 1e3 / larmor_kHz:.0f} times below the smallest excited "
                "hyperfine gap, as the paper requires"
            ),
        )
    )
    # C19: collective pump terms against single-particle ones (App. C.2): the ratio of
    # the rates (Omega^2 gamma d / delta^2) / (Omega^2 / gamma) = gamma^2 d / delta^2;
    # tolerance: below the 3 % probe leakage App. E itself neglects (C6)
    delta = setup.doppler_fwhm_MHz
    depth = float(setup.optical_depth)
    ratio = gamma_mhz**2 * depth / delta**2
    rows.append(
        claim_row(
            "C19",
            "negligible, |delta_Doppler| >> gamma_LW d",
            f"collective/single pump rate = gamma_LW^2 d / delta_Doppler^2 = {ratio:.4f}; "
            f"gamma_LW d / delta_Doppler = {gamma_mhz * depth / delta:.3f}",
            "below the 0.03 leakage the model already neglects (App. E)",
            ratio < 0.03,
            note=(
                f"d = {depth:g}, delta_Doppler = {delta:.1f} MHz (FWHM at {temperature_C:g} C): "
                "the rates' ratio is small, but the stated condition |delta_Doppler| >> "
                f"gamma_LW d holds only by a factor {delta / (gamma_mhz * depth):.1f}; at "
                f"d = {delta / gamma_mhz:.0f} the two are equal"
            ),
        )
    )
    # C15: Fig. 8 "as a function of time in ms": needs Gamma in 1/s, i.e. the probe
    # intensity, which the paper does not state
    rows.append(
        not_checked_row(
            "C15",
            "the paper gives no probe intensity or power, so Gamma (1/s) and times in ms "
            "cannot be computed from it; the figure's caption and this reproduction use 1/Gamma",
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
    g_min = float(fig8["gamma_d_add"].min())
    times = first["t"].to_numpy()
    minima = {
        value: fig8_xi_exp_time(
            (alt := setup.replace(options={"h_return": value})).rates,
            times,
            g_min,
            setup.optical_depth,
            alt.options,
        ).xi_exp
        for value in H_RETURNS
    }
    by_reading = "; ".join(
        f"{v}: {np.min(x):.4f} at t = {times[np.argmin(x)]:g}, at t = {times[-1]:g}: {x[-1]:.4f}"
        for v, x in minima.items()
    )
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
                f"moment equations (42)-(43): max |difference| = {ode:.3e} over all curves; "
                f"min xi_exp(t) under each h_return reading: {by_reading}"
            ),
        )
    )
    return pd.DataFrame(rows, columns=COLUMNS)
