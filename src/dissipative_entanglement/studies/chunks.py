"""Sharded evaluation of a study: chunk files, streaming merge, optimum from chunk minima.

Memory is bounded by the block size, not by the grid: a chunk is computed in blocks of
``block_size`` points (built from their flat indices, see :class:`StudyGrid`), each block
is written as one row group of the chunk's parquet file and then dropped. The merge
streams the chunk files' record batches into ``values.parquet`` in row groups of exactly
``ROW_GROUP_ROWS`` rows (the last one shorter), so the file's bytes depend on the grid and
the values only, not on the number of chunks or on which run computed them: no
timestamps, fixed row groups, one contiguous buffer per column and row group, and schema
metadata holding the study spec without the chunk count. The optimum is the minimum of the
per-chunk minima (ties: the lowest flat index, as ``np.nanargmin`` on the whole grid).
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from ..io import NonFiniteTableError, atomic_path, write_json
from .spec import StudyGrid

#: Points per block inside a chunk (one row group of the chunk file; ~10 MB of work arrays).
BLOCK_SIZE = 1 << 18
#: Rows per row group of values.parquet (fixed, so the file does not depend on chunking).
ROW_GROUP_ROWS = 1 << 20
#: Parquet encoding: lz4 (reads ~2x faster than zstd). Dictionary pages cost 3-4x in write
#: speed, so the temporary chunk files have none; values.parquet keeps them for the swept
#: parameter columns only (few distinct values: ~40 % smaller files), see benchmarks/README.md.
WRITE_OPTIONS = {"compression": "lz4", "use_dictionary": False}

log = logging.getLogger("dissipative_entanglement")


def _schema(grid: StudyGrid, with_metadata: bool):
    import pyarrow as pa

    metadata = None
    if with_metadata:
        spec = {k: v for k, v in grid.spec.items() if k != "chunks"}
        metadata = {b"study": json.dumps(spec, sort_keys=True).encode()}
    return pa.schema([pa.field(c, pa.float64(), nullable=False) for c in grid.columns], metadata)


def _format_seconds(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "?"
    return f"{seconds:.1f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def compute_chunk(
    spec: Mapping,
    index: int,
    values_path: str | Path,
    summary_path: str | Path,
    *,
    block_size: int = BLOCK_SIZE,
    progress_seconds: float = 5.0,
    logger: logging.Logger | None = None,
) -> dict:
    """Evaluate chunk ``index`` of a study; write its values (parquet) and summary (JSON).

    Parameters
    ----------
    spec : Mapping
        Resolved study spec (:func:`~dissipative_entanglement.studies.spec.resolve_study`).
    index : int
        Chunk number, 0 <= index < spec["chunks"].
    values_path : str or pathlib.Path
        Parquet file of the chunk's rows (columns as ``StudyGrid.columns``; parameters in
        the units of their names, rates in units of Gamma).
    summary_path : str or pathlib.Path
        JSON with the chunk's flat range, minimum (value, flat index, result columns
        there), wall time and rate.
    block_size : int, optional
        Points per block (peak memory ~ 10 arrays of this length).
    progress_seconds : float, optional
        Minimum interval in seconds between progress lines (first and last always).
    logger : logging.Logger, optional
        Where progress goes (default: the package logger, i.e. the rule's log).

    Returns
    -------
    dict
        The summary written to ``summary_path``.

    Raises
    ------
    NonFiniteTableError
        If the study quantity is not finite somewhere in the chunk; nothing is written.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    logger = logger or log
    grid = StudyGrid(spec)
    start, stop = grid.chunk_range(index)
    n = stop - start
    quantity = grid.kernel.quantity
    best = {"value": math.inf, "index": None, "columns": None}
    schema = _schema(grid, with_metadata=False)
    logger.info(
        "study %s chunk %d/%d: flat indices [%d, %d), %d points of a %s grid",
        spec["name"],
        index,
        spec["chunks"],
        start,
        stop,
        n,
        "x".join(map(str, grid.shape)),
    )
    t0 = last = time.perf_counter()
    done = 0
    with atomic_path(values_path) as tmp:
        with pq.ParquetWriter(tmp, schema, **WRITE_OPTIONS) as writer:
            for lo in range(start, stop, block_size):
                hi = min(lo + block_size, stop)
                block = grid.evaluate(lo, hi)
                q = block[quantity]
                nan = ~np.isfinite(q)
                if nan.any():
                    first = lo + int(np.flatnonzero(nan)[0])
                    raise NonFiniteTableError(
                        f"study {spec['name']}: {quantity} is not finite at "
                        f"{int(nan.sum())} of {hi - lo} points of block [{lo}, {hi}), first at "
                        f"{grid.parameters_at(first)}; nothing written: the model does not "
                        "apply there (narrow the sweep)"
                    )
                i = int(np.argmin(q))
                if q[i] < best["value"]:
                    best = {
                        "value": float(q[i]),
                        "index": lo + i,
                        "columns": {c: float(block[c][i]) for c in grid.kernel.columns},
                    }
                writer.write_table(
                    pa.table([block[c] for c in grid.columns], schema=schema),
                    row_group_size=block_size,
                )
                done = hi - start
                now = time.perf_counter()
                if done == block_size or hi == stop or now - last >= progress_seconds:
                    last = now
                    rate = done / max(now - t0, 1e-9)
                    logger.info(
                        "progress: %d/%d points (%.1f %%), %.3g points/s, %s left",
                        done,
                        n,
                        100.0 * done / max(n, 1),
                        rate,
                        _format_seconds((n - done) / rate),
                    )
    seconds = time.perf_counter() - t0
    summary = {
        "study": spec["name"],
        "chunk": int(index),
        "chunks": int(spec["chunks"]),
        "start": int(start),
        "stop": int(stop),
        "n_points": int(n),
        "quantity": quantity,
        "min_value": best["value"] if best["index"] is not None else None,
        "min_index": best["index"],
        "min_columns": best["columns"],
        "seconds": seconds,
        "points_per_second": n / seconds if seconds > 0 else None,
    }
    write_json(summary, summary_path)
    logger.info("chunk %d done: %d points in %.3f s", index, n, seconds)
    return summary


def merge_chunks(spec: Mapping, chunk_paths: Sequence[str | Path], out_path: str | Path) -> int:
    """Stream the chunk files, in order, into one parquet file with fixed row groups.

    Memory: at most ``ROW_GROUP_ROWS`` rows plus one chunk row group at a time.

    Parameters
    ----------
    spec : Mapping
        Resolved study spec.
    chunk_paths : sequence of str or pathlib.Path
        Chunk parquet files in chunk order.
    out_path : str or pathlib.Path
        The merged ``values.parquet`` (written atomically).

    Returns
    -------
    int
        Number of rows written.

    Raises
    ------
    ValueError
        If a chunk's columns differ from the grid's or the row count differs from the grid
        size.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    grid = StudyGrid(spec)
    schema = _schema(grid, with_metadata=True)
    rows = 0
    with atomic_path(out_path) as tmp:
        with pq.ParquetWriter(
            tmp, schema, **{**WRITE_OPTIONS, "use_dictionary": grid.names}
        ) as writer:

            def flush(table):
                nonlocal rows
                # one contiguous buffer per column: page boundaries independent of chunking
                writer.write_table(
                    table.combine_chunks().replace_schema_metadata(schema.metadata),
                    row_group_size=ROW_GROUP_ROWS,
                )
                rows += table.num_rows

            pending: list = []
            n_pending = 0
            for path in chunk_paths:
                source = pq.ParquetFile(path)
                if source.schema_arrow.names != grid.columns:
                    raise ValueError(
                        f"{path}: columns {source.schema_arrow.names} != {grid.columns}"
                    )
                for batch in source.iter_batches(batch_size=BLOCK_SIZE):
                    pending.append(batch)
                    n_pending += batch.num_rows
                    while n_pending >= ROW_GROUP_ROWS:
                        table = pa.Table.from_batches(pending, schema=batch.schema)
                        flush(table.slice(0, ROW_GROUP_ROWS))
                        rest = table.slice(ROW_GROUP_ROWS)
                        pending, n_pending = rest.to_batches(), rest.num_rows
            if n_pending:
                flush(pa.Table.from_batches(pending))
            elif rows == 0:
                writer.write_table(schema.empty_table())
    if rows != grid.size:
        raise ValueError(f"merged {rows} rows, but the grid has {grid.size} points")
    return rows


def read_summaries(paths: Sequence[str | Path]) -> list[dict]:
    """Load the chunk summary JSON files.

    Parameters
    ----------
    paths : sequence of str or pathlib.Path
        Summary files written by :func:`compute_chunk`.

    Returns
    -------
    list of dict
        The summaries, in the order of ``paths``.
    """
    return [json.loads(Path(p).read_text()) for p in paths]


def grid_edges(grid: StudyGrid, flat_index: int) -> list[str]:
    """The edges of the grid a point lies on, named for the reader.

    An optimum on an edge is not bracketed by the grid: the true optimum may lie outside.
    An edge is the smallest or largest value of a swept axis (lists need not be sorted);
    an edge at a physical bound (Gamma_d^add = 0, say) is no edge: nothing lies beyond it.

    Parameters
    ----------
    grid : StudyGrid
        The study grid.
    flat_index : int
        Row of values.parquet (C order over the swept axes).

    Returns
    -------
    list of str
        One entry per swept axis (with more than one value) whose smallest or largest
        value the point takes, e.g. "detuning_MHz at its lower end (400)"; empty inside.
    """
    from .study_checks import LOWER_BOUNDS

    indices = np.unravel_index(int(flat_index), grid.shape)
    out = []
    for name, values, i in zip(grid.names, grid.values, indices, strict=True):
        value = values[i]
        if len(values) < 2 or values.min() < value < values.max():
            continue
        bound = LOWER_BOUNDS.get(name)
        if value == values.min() and bound is not None and bound[1] and value == bound[0]:
            continue  # at a physical lower bound: nothing below it to find
        end = "lower" if value == values.min() else "upper"
        out.append(f"{name} at its {end} end ({value:g})")
    return out


def optimum_table(spec: Mapping, summaries: Sequence[Mapping]):
    """One-row table: the grid point with the smallest quantity, from the chunk minima.

    Parameters
    ----------
    spec : Mapping
        Resolved study spec.
    summaries : sequence of Mapping
        All chunk summaries (:func:`read_summaries`).

    Returns
    -------
    pandas.DataFrame
        One row. Columns: every kernel parameter (swept, then fixed), the result columns at
        that point (the quantity first, ``Z_opt`` for ``xi_opt``), ``flat_index`` (row of
        values.parquet), ``n_points`` of the whole grid (chunks refuse non-finite
        results, so every summary has a minimum), ``at_grid_edge`` and ``grid_edge`` (the
        edges the optimum touches, :func:`grid_edges`; empty inside the grid).

    Raises
    ------
    ValueError
        If the summaries do not cover the grid.
    """
    import pandas as pd

    grid = StudyGrid(spec)
    covered = sum(s["n_points"] for s in summaries)
    if covered != grid.size:
        raise ValueError(f"chunk summaries cover {covered} points, the grid has {grid.size}")
    best = min(summaries, key=lambda s: (s["min_value"], s["min_index"]))
    edges = grid_edges(grid, best["min_index"])
    row: dict[str, float | int | str | bool] = {
        **grid.parameters_at(best["min_index"]),
        **best["min_columns"],
        "flat_index": int(best["min_index"]),
        "n_points": grid.size,
        "at_grid_edge": bool(edges),
        "grid_edge": "; ".join(edges),
    }
    order = [*grid.names, *sorted(spec["fixed"]), *grid.kernel.columns]
    order += ["flat_index", "n_points", "at_grid_edge", "grid_edge"]
    return pd.DataFrame([{k: row[k] for k in order}])
