"""A Liouvillian on a symmetry sector as a sum of Kronecker terms of the two ensembles.

Both exact models (:mod:`.finite_n`, :mod:`.three_level`) write L = sum_k c_k X_k (x) Y_k,
X_k acting on ensemble I and Y_k on ensemble II, restricted to a sector; their sector
objects give each term's (row, column, value) triplets (``kron``). This sums them into one
sparse matrix (duplicates added, in the order of the terms).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import scipy.sparse as sp


def liouvillian_from_terms(terms: Iterable, kron: Callable, dim: int) -> sp.csr_matrix:
    """sum_k c_k kron(X_k, Y_k) as a CSR matrix of shape (dim, dim).

    Parameters
    ----------
    terms : iterable of (coefficient, X, Y)
        The terms; X or Y may be whatever ``kron`` takes (e.g. None for the identity).
    kron : callable
        ``kron(X, Y) -> (rows, cols, values)`` on the sector.
    dim : int
        Sector dimension.

    Returns
    -------
    scipy.sparse.csr_matrix
    """
    rows, cols, vals = [], [], []
    for coef, x, y in terms:
        r, c, v = kron(x, y)
        rows.append(r)
        cols.append(c)
        vals.append(coef * v)
    return sp.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(dim, dim)
    )


__all__ = ["liouvillian_from_terms"]
