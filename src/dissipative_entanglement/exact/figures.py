"""Summary figure of the exact-numerics checks (results/validation/validation.pdf)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..plotting import FIG3_COLORS, color_for, gamma_label


def validation_figure(tables: dict[str, pd.DataFrame]):
    """Ten panels: C10 (cutoff, noise), C11, C12, finite N, dynamics, maps, Cs three-level.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The validation tables, keyed ``bosonic``, ``bosonic_noise``,
        ``collective_dephasing``, ``averaged_rates``, ``inter_ensemble_rates``,
        ``finite_n``, ``dynamics_finite_n`` (times in 1/Gamma), ``error_map_two_level``
        (the Eq. (14) error map), ``error_map_multilevel`` (the Eq. (28) error map),
        ``three_level``, ``three_level_fit`` and ``three_level_dynamics`` (the exact
        three-level Cs model); Gamma_d^add columns in units of Gamma.

    Returns
    -------
    matplotlib.figure.Figure
        A 2 x 5 grid of panels.
    """
    fig, axes = plt.subplots(2, 5, figsize=(13.5, 5.2))
    ax = axes[0, 0]
    b = tables["bosonic"]
    ax.semilogy(b["n_cut"], b["infidelity"], "o", label="1 - fidelity with TMS")
    ax.semilogy(b["n_cut"], b["tail_weight"], "-", label=r"tail weight $\tanh^{2n}r$")
    ax.semilogy(
        b["n_cut"], np.abs(b["epr_difference"]), "s", ms=3, label=r"|var sum $-(\mu-\nu)^2$|"
    )
    ax.set(xlabel="Fock cutoff per mode", title="C10: steady state of Eq. (2)")
    ax.legend(fontsize=6)

    ax = axes[0, 1]
    n = tables["bosonic_noise"]
    for kind, part in n.groupby("noise"):
        ax.plot(part["rate_per_kappa"], part["epr_fock"], "o", label=f"{kind}, Fock")
        ax.plot(part["rate_per_kappa"], part["epr_closed_form"], "-", label=f"{kind}, closed form")
    ax.set(
        xlabel=r"noise rate / $\kappa$",
        ylabel=r"var($x_+$)+var($p_-$)",
        title="C10 with single-mode noise",
    )
    ax.legend(fontsize=6)

    ax = axes[0, 2]
    c = tables["collective_dephasing"]
    ax.plot(c["n_atoms"], c["n_times_delta_xi"], "o-", label=r"exact $N\,\Delta\xi$")
    ax.plot(c["n_atoms"], c["n_atoms"] * c["delta_xi_hp"], "--", label="Holstein-Primakoff")
    ax.set(
        xlabel="atoms per ensemble N",
        ylabel=r"$N(\xi_{C,D} - \xi)$",
        title="C11: collective dephasing C, D",
    )
    ax.legend(fontsize=6)

    ax = axes[0, 3]
    r = tables["averaged_rates"]
    ax.loglog(
        r["k_l_L"], r["rel_error_paper"], "o-", label=r"pair rate vs $\frac{3}{4}(k_LL)^{-2}$"
    )
    inter = tables["inter_ensemble_rates"]
    for i, (ratio, part) in enumerate(inter.groupby("R_over_L")):
        ax.loglog(
            part["k_l_L"],
            np.abs(part["rel_diff_to_single"]),
            "s--",
            ms=3,
            color=f"C{i + 1}",
            label=f"inter/single - 1, R/L = {ratio:g}",
        )
    ax.set(xlabel=r"$k_L L$", ylabel="relative difference", title="C12: averaged rates")
    ax.legend(fontsize=6)

    _three_level_panels(axes[0, 4], axes[1, 4], tables)

    ax = axes[1, 0]
    f = tables["finite_n"]
    for i, (g, part) in enumerate(f.groupby("gamma_d_add")):
        col = color_for(g, FIG3_COLORS, i)
        ax.plot(part["n_atoms"], part["xi_exact"], "o", color=col, label=gamma_label(g))
        ax.axhline(part["xi_large_n"].iloc[0], color=col, ls="--", lw=0.9)
    ax.set(xlabel="atoms per ensemble N", ylabel=r"$\xi_\infty$", title="finite N (dashed: Eq. 15)")
    ax.legend(fontsize=6)

    ax = axes[1, 1]
    dyn = tables["dynamics_finite_n"]
    for i, (n_atoms, part) in enumerate(dyn.groupby("n_atoms")):
        ax.plot(part["t"], part["xi_exact"], color=f"C{i}", label=f"exact, N = {n_atoms}")
    first = dyn[dyn["n_atoms"] == dyn["n_atoms"].min()]
    ax.plot(first["t"], first["xi_closed_form"], "k--", label="Eq. (14)")
    ax.plot(first["t"], first["xi_moments"], "k:", label="moment equations")
    ax.set(xlabel=r"$t$ ($1/\Gamma$)", ylabel=r"$\xi(t)$", title="dynamics, finite N")
    ax.legend(fontsize=6)

    ax = axes[1, 2]
    m = tables["error_map_two_level"]
    m0 = m[m["pump_x"] == m["pump_x"].min()]
    grid = m0.pivot(index="gamma_d_add", columns="Z", values="max_abs_difference")
    im = ax.pcolormesh(grid.columns, grid.index, grid.to_numpy(), shading="nearest")
    fig.colorbar(im, ax=ax, label=r"max$_t$ |Eq.14 - moments|")
    ax.set(
        xlabel="Z",
        ylabel=r"$\Gamma_d^{add}/\Gamma$",
        title=f"two-level, x = {m0['pump_x'].iloc[0]:g}",
    )

    ax = axes[1, 3]
    cm = tables["error_map_multilevel"]
    for i, (g, part) in enumerate(cm.groupby("gamma_d_add")):
        ax.semilogx(
            part["x_repump"],
            part["max_abs_difference"],
            color=color_for(g, FIG3_COLORS, i),
            label=gamma_label(g),
        )
    ax.set(xlabel=r"$x_{repump}$", ylabel=r"max$_t$ |Eq.28 - moments|", title="Cs, Eq. (28)")
    ax.legend(fontsize=6)
    for a in axes.flat:
        a.title.set_fontsize(8)
    fig.tight_layout()
    return fig


def _three_level_panels(ax_steady, ax_dynamics, tables: dict[str, pd.DataFrame]) -> None:
    """Exact N-atom three-level Cs model: steady-state error map and Fig. 8 dynamics."""
    steady, fit = tables["three_level"], tables["three_level_fit"]
    d_small = steady["optical_depth"].min()
    part = steady[steady["optical_depth"] == d_small]
    for i, (n_atoms, line) in enumerate(part.groupby("n_atoms")):
        ax_steady.semilogx(
            line["x_repump"], line["error"], "o-", ms=3, color=f"C{i}", label=f"N = {n_atoms}"
        )
    f0 = fit[fit["optical_depth"] == d_small]
    ax_steady.semilogx(f0["x_repump"], f0["a0"], "k--", label=r"fit $N\to\infty$")
    ax_steady.axhline(0.0, color="0.6", lw=0.6)
    ax_steady.set(
        xlabel=r"$x_{repump}$",
        ylabel=r"$\xi_{exp}$ exact $-$ Eq. (30)",
        title=f"Cs three-level, exact N atoms, d = {d_small:g}",
    )
    ax_steady.legend(fontsize=6)
    dyn = tables["three_level_dynamics"]
    d_dyn = dyn["optical_depth"].min()
    part = dyn[dyn["optical_depth"] == d_dyn]
    for i, (n_atoms, line) in enumerate(part.groupby("n_atoms")):
        ax_dynamics.plot(line["t"], line["xi_exact"], color=f"C{i}", label=f"exact, N = {n_atoms}")
    first = part[part["n_atoms"] == part["n_atoms"].min()]
    ax_dynamics.plot(first["t"], first["xi_eq28"], "k--", label="Eq. (28)")
    ax_dynamics.set(
        xlabel=r"$t$ ($1/\Gamma$)",
        ylabel=r"$\xi_{exp}(t)$",
        title=f"Cs without repump (Fig. 8), d = {d_dyn:g}",
    )
    ax_dynamics.legend(fontsize=6)
