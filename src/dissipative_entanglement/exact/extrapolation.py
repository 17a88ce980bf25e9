"""The N -> infinity extrapolation of exact finite-N values: y(N) = a0 + a1/N + a2/N^2.

Both exact models (:mod:`.finite_n`, :mod:`.three_level`) fit their values at several N
by linear least squares in 1/N. The exact values carry no noise, so the standard errors
(covariance s^2 (X^T X)^-1, s^2 = RSS / (n - 3)) measure how far the three-term series
misses the points, not rounding. They understate the truncation when the misfit is
smooth, so the fit is repeated with a3/N^3 added; the change of a coefficient between the
two fits is its truncation error (the usual error estimate of an extrapolation), and its
uncertainty is (standard error^2 + truncation^2)^(1/2).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class InverseNFit:
    """Coefficients a0, a1, a2 of the three-term fit, their standard errors (nan without
    degrees of freedom), and a0, a1 of the four-term fit (nan with three values of N)."""

    coef: np.ndarray  # (3,)
    se: np.ndarray  # (3,)
    coef_4: np.ndarray  # (2,): a0, a1 with a3/N^3 added
    dof: int

    @property
    def truncation(self) -> np.ndarray:
        """|a_k(four terms) - a_k(three terms)| for a0, a1."""
        return np.abs(self.coef_4 - self.coef[:2])

    @property
    def uncertainty(self) -> np.ndarray:
        """(se^2 + truncation^2)^(1/2) for a0, a1."""
        return np.hypot(self.se[:2], self.truncation)


def inverse_n_fit(n_atoms, values) -> InverseNFit:
    """Fit values(N) = a0 + a1/N + a2/N^2 (and with a3/N^3) by least squares.

    Parameters
    ----------
    n_atoms : array_like
        N of each point (at least three distinct values).
    values : array_like
        The exact values at those N.

    Returns
    -------
    InverseNFit

    Raises
    ------
    ValueError
        With fewer than three distinct N.
    """
    n = np.asarray(n_atoms, dtype=float)
    y = np.asarray(values, dtype=float)
    if np.unique(n).size < 3:
        raise ValueError(f"the 1/N fit needs three values of N, got {np.unique(n).size}")
    design = np.column_stack([np.ones_like(n), 1 / n, 1 / n**2])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    dof = n.size - 3
    if dof > 0:
        s2 = float(np.sum((y - design @ coef) ** 2)) / dof
        se = np.sqrt(np.diag(s2 * np.linalg.inv(design.T @ design)))
    else:
        se = np.full(3, np.nan)
    if np.unique(n).size >= 4:
        design4 = np.column_stack([design, 1 / n**3])
        coef_4 = np.linalg.lstsq(design4, y, rcond=None)[0][:2]
    else:
        coef_4 = np.full(2, np.nan)
    return InverseNFit(coef, se, coef_4, dof)


__all__ = ["InverseNFit", "inverse_n_fit"]
