"""Steady states of a Liouvillian L with trace functional tr: the two linear systems.

Both exact models (:mod:`.finite_n`, :mod:`.three_level`) look for the unique c with
L c = 0 and tr^T c = 1.

* Row-replaced system (direct solvers): one row k of L (a coefficient the steady state
  does not vanish on) is replaced by tr^T, the right-hand side is e_k.
* Rank-one-shifted regular operator (Krylov solvers): (L - w tr^T) c = -w for any w with
  tr^T w = 1. Its only solution is the steady state: w is not in the range of L (whose
  images are traceless), so L c = 0 and tr^T c = 1 follow. Started from x0 = w (the
  initial state), BiCGSTAB or GMRES(restart), preconditioned when the caller passes a
  preconditioner; the number of iterations and whether the relative tolerance was met
  are returned, never hidden.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla

#: Krylov methods of :func:`shifted_krylov_solve`
KRYLOV_METHODS = ("bicgstab", "gmres")


def row_replaced_system(liouvillian, trace, row: int):
    """L with row ``row`` replaced by tr^T, in CSC form, and the right-hand side e_row.

    Parameters
    ----------
    liouvillian : sparse matrix, shape (n, n)
    trace : ndarray, shape (n,)
        The trace functional on the basis.
    row : int
        The row to replace.

    Returns
    -------
    (scipy.sparse.csc_matrix, ndarray)
    """
    matrix = sp.lil_matrix(liouvillian, copy=True)
    matrix[row, :] = trace
    rhs = np.zeros(liouvillian.shape[0])
    rhs[row] = 1.0
    return matrix.tocsc(), rhs


def shifted_krylov_solve(
    liouvillian,
    initial,
    trace,
    *,
    method: str = "gmres",
    rtol: float = 1e-12,
    maxiter: int = 20_000,
    restart: int = 150,
    preconditioner=None,
):
    """Solve (L - w tr^T) c = -w by BiCGSTAB or GMRES(restart) (module docstring).

    Parameters
    ----------
    liouvillian : sparse matrix, shape (n, n)
    initial : ndarray, shape (n,)
        w, a state of trace 1 (the start vector too).
    trace : ndarray, shape (n,)
    method : {"bicgstab", "gmres"}, optional
        Default "gmres".
    rtol : float, optional
        Relative tolerance on ||(L - w tr^T) c + w||_2 / ||w||_2 (default 1e-12).
    maxiter : int, optional
        BiCGSTAB iterations; for GMRES the number of restart cycles is maxiter // restart.
    restart : int, optional
        GMRES restart length (default 150).
    preconditioner : LinearOperator, optional
        M ~ (L - w tr^T)^-1 (scipy's ``M``); the tolerance is then on the preconditioned
        residual. Default none.

    Returns
    -------
    (ndarray, int, bool)
        The solution (not yet normalised), the iterations taken and whether the tolerance
        was met.

    Raises
    ------
    ValueError
        For an unknown method.
    """
    if method not in KRYLOV_METHODS:
        raise ValueError(f"unknown method {method!r}, expected one of {KRYLOV_METHODS}")
    w = np.asarray(initial, dtype=float)
    op = spla.LinearOperator(
        liouvillian.shape,
        matvec=lambda c: liouvillian @ c - w * (trace @ c),
        dtype=np.result_type(liouvillian.dtype, float),
    )
    count = [0]

    def step(_):
        count[0] += 1

    if method == "bicgstab":
        vec, info = spla.bicgstab(
            op, -w, x0=w, rtol=rtol, atol=0.0, maxiter=maxiter, M=preconditioner, callback=step
        )
    else:
        vec, info = spla.gmres(
            op,
            -w,
            x0=w,
            rtol=rtol,
            atol=0.0,
            restart=restart,
            maxiter=max(1, maxiter // restart),
            M=preconditioner,
            callback=step,
            callback_type="pr_norm",
        )
    return vec, count[0], info == 0


__all__ = ["KRYLOV_METHODS", "row_replaced_system", "shifted_krylov_solve"]
