"""Reproducible, atomic output: CSV tables, figures and provenance records.

Every writer goes through a temporary file in the target directory and ``os.replace``,
so a reader never sees a half-written file. Tables use pandas' shortest round-trip float
format and ``\\n`` line endings; figures carry fixed metadata (no dates), so the same
inputs give byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

# Only the standard library at import time (numpy, yaml and pandas are imported where
# used): scripts import ``start_log`` first, so that the rule log catches their import errors.

if TYPE_CHECKING:  # pandas costs ~0.8 s to import; study chunks do not need it
    import pandas as pd

PACKAGE_DIR = Path(__file__).resolve().parent


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it onto ``path`` only on success.

    Parameters
    ----------
    path : str or pathlib.Path
        Final destination; its parent directory is created if missing.

    Returns
    -------
    contextlib.AbstractContextManager of pathlib.Path
        The context manager made by ``contextlib.contextmanager``; use it in a ``with``
        statement, which binds the temporary path below.

    Yields
    ------
    pathlib.Path
        Temporary file in the same directory (usual permissions, not 0600). It replaces
        ``path`` via ``os.replace`` when the block exits normally and is removed otherwise.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the usual permissions
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


class NonFiniteTableError(ValueError):
    """A table holds NaN or +-inf where nothing says why; it is not written."""


def check_finite(table: pd.DataFrame, name: str, nan_reason: str | None = None) -> None:
    """Raise :class:`NonFiniteTableError` if a numeric cell is NaN/inf without a reason.

    ``nan_reason`` names a text column that explains its row's missing values (by
    convention ``note``, e.g. the couplings table where no real (mu, nu) exists); rows
    where it is non-empty may hold NaN (not inf).
    Every other non-finite number is an error: a table never silently carries NaN.

    Parameters
    ----------
    table : pandas.DataFrame
        Table to check; only its numeric columns are inspected.
    name : str
        Name used in the error message (usually the output path).
    nan_reason : str or None, optional
        Text column explaining NaN in its row; ignored if absent from ``table``.

    Raises
    ------
    NonFiniteTableError
        Naming the number of bad rows, the first one and its non-finite columns.
    """
    import numpy as np

    numeric = table.select_dtypes(include="number")
    finite = np.isfinite(numeric.to_numpy(dtype=float))
    bad = ~finite.all(axis=1)
    if nan_reason is not None and nan_reason in table:
        explained = table[nan_reason].fillna("").astype(str).str.len().to_numpy() > 0
        no_inf = ~np.isinf(numeric.to_numpy(dtype=float)).any(axis=1)
        bad &= ~(explained & no_inf)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        columns = [c for c, ok in zip(numeric.columns, finite[row], strict=True) if not ok]
        first = table.iloc[row].to_dict()
        raise NonFiniteTableError(
            f"{name}: {int(bad.sum())} of {len(table)} rows hold NaN or inf "
            f"(first: row {row}, column(s) {columns}; row = {first}); not written. "
            "A non-finite result means the model does not apply at these parameters."
        )


def write_csv(table: pd.DataFrame, path: str | Path, *, nan_reason: str | None = "note") -> None:
    """Write a tidy table as CSV (header row, no index), atomically and deterministically.

    Refuses (before writing) a table with NaN/inf that its ``nan_reason`` column (if the
    table has one) does not explain, see :func:`check_finite`.

    Parameters
    ----------
    table : pandas.DataFrame
        Table to write; pandas' shortest round-trip float format, ``\\n`` line endings.
    path : str or pathlib.Path
        Output CSV file.
    nan_reason : str or None, optional
        Column explaining NaN in its row (default ``"note"``); None allows no NaN at all.
    """
    check_finite(table, str(path), nan_reason)
    with atomic_path(path) as tmp:
        table.to_csv(tmp, index=False, lineterminator="\n")


def read_csv(path: str | Path, **options) -> pd.DataFrame:
    """A table written by :func:`write_csv`, every float read back exactly as written.

    Before pandas 3.0, the default C parser reads some decimals one unit in the last place
    off the value whose shortest round-trip form :func:`write_csv` wrote; there, round-trip
    parsing is asked for (pandas 3 parses exactly by default and deprecates the option).
    A value read from a table is then bit-identical to the one written, so figures and
    tables computed from it do not depend on the pandas version.

    Parameters
    ----------
    path : str or pathlib.Path
        CSV file.
    **options
        Further keyword arguments of :func:`pandas.read_csv` (e.g. ``dtype=str``).

    Returns
    -------
    pandas.DataFrame
    """
    import pandas as pd

    if int(pd.__version__.split(".")[0]) < 3:
        options = {"float_precision": "round_trip", **options}
    return pd.read_csv(path, **options)


def markdown_table(table: pd.DataFrame, columns: Sequence[str] | None = None) -> str:
    """A table as GitHub Markdown: one row per record, ``|`` in cells escaped.

    Parameters
    ----------
    table : pandas.DataFrame
        The rows; values are written as the CSV writes them (``str`` of each cell, NaN
        as an empty cell), so a number reads the same in the table and in its CSV.
    columns : sequence of str, optional
        The columns to show, in order (default: all).

    Returns
    -------
    str
        Header, separator and rows, each ending in a newline.
    """
    columns = list(table.columns if columns is None else columns)

    def cell(value) -> str:
        text = "" if isinstance(value, float) and value != value else str(value)
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for record in table[columns].itertuples(index=False):
        lines.append("| " + " | ".join(cell(v) for v in record) + " |")
    return "\n".join(lines) + "\n"


def write_markdown_table(
    table: pd.DataFrame, path: str | Path, *, title: str, source: str, text: str = ""
) -> None:
    """Write a generated Markdown page holding one table, atomically.

    Parameters
    ----------
    table : pandas.DataFrame
        The rows (:func:`markdown_table`).
    path : str or pathlib.Path
        Output ``.md`` file (under ``docs/``).
    title : str
        The page's heading.
    source : str
        The results file the table comes from, named on the page.
    text : str, optional
        A paragraph under the heading.
    """
    body = (
        f"# {title}\n\n"
        f"Generated by `snakemake docs` from `{source}`: numbers here are never typed by hand; "
        "rebuild rather than edit.\n\n" + (f"{text}\n\n" if text else "") + markdown_table(table)
    )
    with atomic_path(path) as tmp:
        Path(tmp).write_text(body)


def write_json(data: Mapping, path: str | Path) -> None:
    """Write JSON with sorted keys, atomically.

    Parameters
    ----------
    data : Mapping
        JSON-serialisable mapping (other objects are written as ``str``); indent 2.
    path : str or pathlib.Path
        Output file (ends with a newline).
    """
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n")


def sha256_file(path: str | Path) -> str:
    """sha256 of a file's bytes, read in 1 MiB blocks.

    Parameters
    ----------
    path : str or pathlib.Path
        File to hash.

    Returns
    -------
    str
        Hexadecimal digest.
    """
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def params_digest(params: Mapping) -> str:
    """sha256 of the canonical JSON of a parameter mapping.

    Parameters
    ----------
    params : Mapping
        Parameters; canonicalised by :func:`~dissipative_entanglement.config.canonical`
        and dumped with sorted keys.

    Returns
    -------
    str
        Hexadecimal digest.
    """
    from .config import canonical

    text = json.dumps(canonical(dict(params)), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def source_digest() -> str:
    """sha256 over the package's Python sources (path and content): the code version.

    Cached for the life of the process.

    Returns
    -------
    str
        Hexadecimal digest over every ``*.py`` file of the package, in sorted order.
    """
    digest = hashlib.sha256()
    for file in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(str(file.relative_to(PACKAGE_DIR)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


@cache
def git_state() -> dict[str, str | bool | None]:
    """Commit and dirty flag of the git checkout holding the package, if there is one.

    Cached for the life of the process; tracked files only (untracked files do not count).

    Returns
    -------
    dict
        ``{"commit": str or None, "dirty": bool or None}``; None where git or a checkout is
        not available.
    """

    def run(*args: str) -> str | None:
        try:
            out = subprocess.run(
                ["git", *args], cwd=PACKAGE_DIR, capture_output=True, text=True, timeout=10
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return out.stdout.strip() if out.returncode == 0 else None

    commit = run("rev-parse", "HEAD")
    status = run("status", "--porcelain", "--untracked-files=no") if commit else None
    return {"commit": commit, "dirty": bool(status) if status is not None else None}


def code_version() -> dict[str, object]:
    """Package version, source digest and git state: what made an output.

    Returns
    -------
    dict
        ``package_version``, ``source_sha256`` (:func:`source_digest`) and the keys of
        :func:`git_state`.
    """
    return {"package_version": __version__, "source_sha256": source_digest(), **git_state()}


def figure_metadata(params: Mapping) -> dict[str, str]:
    """Deterministic text embedded in every figure: parameter digest and version, no dates.

    The code digest lives in the provenance record, not in the figure, so that editing an
    unrelated module does not change a figure's bytes.

    Parameters
    ----------
    params : Mapping
        Parameters of the rule that draws the figure.

    Returns
    -------
    dict of str
        ``params_sha256`` (:func:`params_digest`) and ``package_version``.
    """
    return {"params_sha256": params_digest(params), "package_version": __version__}


def save_figure(
    fig, pdf_path: str | Path, png_path: str | Path, params: Mapping, dpi: int = 200
) -> None:
    """Save ``fig`` as PDF and PNG with fixed metadata (byte-identical for the same input).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Figure to save.
    pdf_path, png_path : str or pathlib.Path
        Output files, each written atomically.
    params : Mapping
        Parameters whose digest is embedded (:func:`figure_metadata`).
    dpi : int, optional
        Resolution of the PNG (default 200).
    """
    meta = figure_metadata(params)
    tag = "; ".join(f"{k}={v}" for k, v in meta.items())
    with atomic_path(pdf_path) as tmp:
        fig.savefig(
            tmp,
            format="pdf",
            metadata={
                "CreationDate": None,
                "ModDate": None,
                "Subject": tag,
                "Creator": f"dissipative_entanglement {__version__}",
            },
        )
    with atomic_path(png_path) as tmp:
        fig.savefig(tmp, format="png", dpi=dpi, metadata={"Description": tag})


def write_provenance(
    path: str | Path, *, rule: str, params: Mapping, inputs: Sequence[str], outputs: Sequence[str]
) -> None:
    """Record what made ``outputs``: rule, parameters, input/output digests, code version.

    Parameters
    ----------
    path : str or pathlib.Path
        Provenance JSON file to write.
    rule : str
        Name of the workflow rule.
    params : Mapping
        Parameters of the rule (stored canonicalised, with their digest).
    inputs, outputs : sequence of str
        Files whose sha256 is recorded; paths that are not files are skipped.

    Notes
    -----
    The record also holds :func:`code_version` and the versions of Python, numpy, scipy,
    pandas and matplotlib.
    """
    import matplotlib
    import numpy
    import pandas as pd
    import scipy

    from .config import canonical

    record = {
        "rule": rule,
        "params": canonical(dict(params)),
        "params_sha256": params_digest(params),
        "inputs": {str(p): sha256_file(p) for p in inputs if Path(p).is_file()},
        "outputs": {str(p): sha256_file(p) for p in outputs if Path(p).is_file()},
        "code": code_version(),
        "environment": {
            "python": platform.python_version(),
            "numpy": numpy.__version__,
            "scipy": scipy.__version__,
            "pandas": pd.__version__,
            "matplotlib": matplotlib.__version__,
        },
    }
    write_json(record, path)


def start_log(path: str | Path, name: str = "dissipative_entanglement") -> logging.Logger:
    """Log INFO and above to ``path`` (the rule's log file) and return the logger.

    Also routes warnings there and installs an exception hook: an uncaught exception is
    written to the log with its type, message and traceback, and a one-line pointer to
    the log goes to stderr beside the usual traceback (Snakemake's "Error in rule" message
    names the log too). Scripts call this before any other import.

    Parameters
    ----------
    path : str or pathlib.Path
        Log file (overwritten; its directory is created).
    name : str, optional
        Logger name (default the package logger ``"dissipative_entanglement"``).

    Returns
    -------
    logging.Logger
        The configured logger.
    """
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, mode="w")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger(name)
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").handlers[:] = [handler]

    def log_uncaught(exc_type, exc, tb):
        logger.critical(
            "%s: %s", exc_type.__name__, exc, exc_info=(exc_type, exc, tb), stacklevel=1
        )
        handler.flush()
        sys.__excepthook__(exc_type, exc, tb)
        print(f"{exc_type.__name__}: {exc}\n(full traceback in {path})", file=sys.stderr)

    sys.excepthook = log_uncaught
    return logger


def record_provenance(job, outputs: Sequence[str] | None = None) -> None:
    """Write ``job.output.provenance`` for a workflow job (duck-typed Snakemake object).

    Parameters
    ----------
    job : object
        Needs ``rule``, ``params`` (with ``items()``), ``input`` and ``output`` (with a
        ``provenance`` entry), like the ``snakemake`` object of a script.
    outputs : sequence of str, optional
        Files to record; defaults to every output except the provenance file itself.
    """
    target = job.output.provenance
    if outputs is None:
        outputs = [str(p) for p in job.output if str(p) != str(target)]
    write_provenance(
        target,
        rule=job.rule,
        params=dict(job.params.items()),
        inputs=[str(p) for p in job.input],
        outputs=outputs,
    )
