"""Compare a rebuild with other dependency versions against a reference build: every CSV
under data/, tables/ and validation/ numerically, every gallery PNG by image difference.

    python .ci/compare_outputs.py REFERENCE_RESULTS NEW_RESULTS [--gallery docs/figures]
                                  [--report FILE]

REFERENCE_RESULTS and NEW_RESULTS are `results/` folders (or folders holding their data/,
tables/ and validation/); the gallery PNGs under --gallery (the committed docs/figures) are
compared with NEW_RESULTS/figures/<same name>. In CI (job figures-newest) the reference is
the results of the job `figures`, built from requirements.lock, and NEW the build with the
newest releases. The report (stdout; also --report FILE and, in GitHub Actions, the job
summary) lists, per file, every column that moved with its largest absolute and relative
difference and where; per image its RMS difference. Exit status 1 if anything is beyond the
tolerances below, or a file or column is missing on one side; 0 otherwise.

Tolerances (chosen from what limits the numerics of the default build, before any
comparison was run):

* Numbers: |new - ref| <= ATOL + RTOL * |ref| (numpy.isclose), RTOL = 1e-7, ATOL = 1e-9,
  for every numeric column and every number written inside a text column (claim notes
  quote full-precision values). NaN must meet NaN. Why these values:
  - float reordering between numpy/scipy/OpenBLAS releases (SIMD kernels for exp/log/sin,
    summation order, LAPACK kernels in eig, Lyapunov and the sparse LU of the steady
    states) moves results by a few ulp, ~1e-15 relative, more where a step is badly
    conditioned: well inside RTOL;
  - adaptive ODE integration (solve_ivp DOP853/BDF with rtol 1e-10, atol 1e-12: Fig. 8
    moment equations, Eq. (14) checks): a round-off change can change the step sequence,
    and the global error then differs by up to ~10-100 times the local tolerance, i.e.
    ~1e-8 relative and ~1e-10 absolute on small components; RTOL and ATOL leave a factor
    of 10 on top of that;
  - the two-level optimiser stops within xtol = 1e-8 on ln Z (Fig. 4's Z_opt may move by up
    to ~2e-8 relative if the iterations take another path; xi_opt moves to second order);
    the Cs pump bisection (rtol 1e-10 on s), brentq roots of the claims (xtol 1e-10, on
    values of 20-40) and quad_vec (epsrel 1e-10, epsabs 1e-14) are tighter;
  - ATOL = 1e-9 covers columns that are zero up to round-off or solver noise (minimum
    eigenvalues ~1e-16, quadrature error estimates ~1e-14, populations near 0 at t = 0);
    a column that small is checked only in absolute terms.
  A change beyond these is not explained by the numerics: an algorithm or default of a
  dependency changed, and the tables (and the claims built on them) need a look.
  Text (labels, statuses, notes with the numbers masked), booleans, column names and row
  counts must be equal.
* Images: matplotlib.testing.compare.compare_images RMS (0-255 grey levels over all pixels
  and channels) <= IMAGE_TOL = 2.0. A renderer update that only changes anti-aliasing or
  hinting moves edge pixels by a few levels (RMS well below 1); a curve, tick label or glyph
  moved by one pixel, a changed layout or changed data give RMS of several units and more.
  Differing image sizes fail (compare_images cannot compare them: the tight bounding box,
  i.e. the layout, moved); the report then gives both sizes and, for information only, the
  RMS of the two images padded with white to one size. A difference image
  NAME-failed-diff.png is written beside the new image for every image that differs at all.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

RTOL = 1e-7
ATOL = 1e-9
IMAGE_TOL = 2.0
TABLE_FOLDERS = ("data", "tables", "validation")

NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


@dataclass
class Moved:
    """The largest difference in one column (or in the numbers of a text column)."""

    column: str
    max_abs: float
    max_rel: float
    row: int
    ref: object
    new: object
    failed: bool
    note: str = ""


@dataclass
class TableResult:
    name: str
    rows: int = 0
    problems: list[str] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)
    identical: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.problems) or any(m.failed for m in self.moved)


def _close(ref: np.ndarray, new: np.ndarray) -> np.ndarray:
    return np.isclose(new, ref, rtol=RTOL, atol=ATOL, equal_nan=True)


def _numeric_moved(column: str, ref: np.ndarray, new: np.ndarray, note="") -> Moved | None:
    """Largest difference of two float arrays; None if they are equal (NaN == NaN)."""
    both_nan = np.isnan(ref) & np.isnan(new)
    diff = np.where(both_nan, 0.0, np.abs(new - ref))
    diff = np.where(np.isnan(diff) & ~both_nan, np.inf, diff)  # NaN on one side only
    diff = np.where((ref == new) & ~np.isnan(ref), 0.0, diff)  # equal infinities
    if not np.any(diff):
        return None
    scale = np.abs(ref)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(scale > 0, diff / scale, np.where(diff > 0, np.inf, 0.0))
    # report the row that is furthest beyond its tolerance (or, if all pass, the largest)
    excess = diff / (ATOL + RTOL * scale)
    i = int(np.nanargmax(excess))
    return Moved(
        column=column,
        max_abs=float(np.max(diff)),
        max_rel=float(np.max(rel)),
        row=i,
        ref=ref[i],
        new=new[i],
        failed=not bool(np.all(_close(ref, new))),
        note=note,
    )


def _text_moved(column: str, ref: pd.Series, new: pd.Series) -> tuple[Moved | None, str | None]:
    """Compare a text column: text with numbers masked must be equal; numbers within tolerance."""
    ref_s = ref.fillna("").astype(str).tolist()
    new_s = new.fillna("").astype(str).tolist()
    ref_nums, new_nums, rows = [], [], []
    for i, (a, b) in enumerate(zip(ref_s, new_s, strict=True)):
        if NUMBER.sub("#", a) != NUMBER.sub("#", b):
            return None, f"column {column}, row {i}: text differs: {a!r} -> {b!r}"
        na, nb = NUMBER.findall(a), NUMBER.findall(b)
        ref_nums += [float(x) for x in na]
        new_nums += [float(x) for x in nb]
        rows += [i] * len(na)
    if not ref_nums:
        return None, None
    moved = _numeric_moved(column, np.array(ref_nums), np.array(new_nums), "numbers in text")
    if moved is not None:
        moved.row = rows[moved.row]
    return moved, None


def compare_table(name: str, ref_path: Path, new_path: Path) -> TableResult:
    result = TableResult(name)
    if ref_path.read_bytes() == new_path.read_bytes():
        result.identical = True
        result.rows = sum(1 for _ in ref_path.open()) - 1
        return result
    # keep_default_na=False: an empty cell stays "", so text columns compare as written
    ref = pd.read_csv(ref_path, keep_default_na=False, na_values=["nan", "NaN", ""])
    new = pd.read_csv(new_path, keep_default_na=False, na_values=["nan", "NaN", ""])
    result.rows = len(ref)
    if list(ref.columns) != list(new.columns):
        result.problems.append(f"columns differ: {list(ref.columns)} -> {list(new.columns)}")
        return result
    if len(ref) != len(new):
        result.problems.append(f"row count differs: {len(ref)} -> {len(new)}")
        return result
    for column in ref.columns:
        a, b = ref[column], new[column]
        numeric = pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b)
        if numeric and not (pd.api.types.is_bool_dtype(a) or pd.api.types.is_bool_dtype(b)):
            moved = _numeric_moved(
                column, a.to_numpy(dtype=float, na_value=np.nan), b.to_numpy(float, na_value=np.nan)
            )
        else:
            moved, problem = _text_moved(column, a, b)
            if problem:
                result.problems.append(problem)
        if moved is not None:
            result.moved.append(moved)
    return result


@dataclass
class ImageResult:
    name: str
    rms: float | None = None
    problem: str | None = None
    identical: bool = False
    padded_rms: float | None = None  # sizes differ: RMS after padding both to one size

    @property
    def failed(self) -> bool:
        return self.problem is not None or (self.rms is not None and self.rms > IMAGE_TOL)


def compare_image(name: str, ref_path: Path, new_path: Path) -> ImageResult:
    from matplotlib.testing.compare import ImageComparisonFailure, compare_images

    result = ImageResult(name)
    if ref_path.read_bytes() == new_path.read_bytes():
        result.identical, result.rms = True, 0.0
        return result
    try:
        # tol=0: the RMS of every image that differs at all (and its diff image)
        out = compare_images(str(ref_path), str(new_path), tol=0, in_decorator=True)
    except ImageComparisonFailure:  # another image size: the layout moved
        ref, new = _rgb(ref_path), _rgb(new_path)
        result.problem = (
            f"image size {ref.shape[1]}x{ref.shape[0]} -> {new.shape[1]}x{new.shape[0]} px"
        )
        result.padded_rms = _padded_rms(ref, new, new_path)
        return result
    result.rms = 0.0 if out is None else float(out["rms"])
    return result


def _rgb(path: Path) -> np.ndarray:
    """An image as RGB uint8, transparency composited on white."""
    from PIL import Image

    with Image.open(path) as im:
        rgba = np.asarray(im.convert("RGBA"), dtype=float)
    rgb = rgba[..., :3] * rgba[..., 3:] / 255 + 255 * (1 - rgba[..., 3:] / 255)
    return np.rint(rgb).astype(np.uint8)


def _padded_rms(ref: np.ndarray, new: np.ndarray, new_path: Path) -> float:
    """For information only, where sizes differ: both padded with white to one size (top
    left aligned), their RMS, and the difference image (as compare_images draws it) written
    beside the new image. It counts every shift of the layout as a difference."""
    from matplotlib.testing.compare import calculate_rms
    from PIL import Image

    h, w = max(ref.shape[0], new.shape[0]), max(ref.shape[1], new.shape[1])
    a, b = (np.full((h, w, 3), 255, np.uint8) for _ in range(2))
    a[: ref.shape[0], : ref.shape[1]] = ref
    b[: new.shape[0], : new.shape[1]] = new
    diff = np.clip(np.abs(a.astype(int) - b.astype(int)) * 10, 0, 255).astype(np.uint8)
    Image.fromarray(diff).save(new_path.with_name(new_path.stem + "-failed-diff.png"))
    return float(calculate_rms(a.astype(int), b.astype(int)))


def _files(root: Path, pattern: str) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.glob(pattern) if p.is_file()}


def _fmt(x) -> str:
    if isinstance(x, float | np.floating):
        return repr(float(x))  # shortest round-trip form: tiny moves stay visible
    return str(x)


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for dist in ("numpy", "scipy", "pandas", "matplotlib", "qutip", "sympy", "snakemake"):
        try:
            parts.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            pass
    return ", ".join(parts)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference", type=Path, help="reference results folder")
    parser.add_argument("new", type=Path, help="new results folder")
    parser.add_argument(
        "--gallery", type=Path, default=Path("docs/figures"), help="reference gallery PNGs"
    )
    parser.add_argument("--report", type=Path, help="also write the report (Markdown) here")
    args = parser.parse_args(argv)

    lines = [
        "# Outputs of this build against the reference build",
        "",
        f"Reference: `{args.reference}`; new: `{args.new}`; gallery reference: `{args.gallery}`.",
        f"This interpreter: Python {sys.version.split()[0]}, {_versions()}.",
        "",
        f"## Data tables: |new - ref| <= {ATOL:g} + {RTOL:g} |ref|",
        "",
    ]
    failed = False

    ref_tables = set().union(*(_files(args.reference, f"{d}/**/*.csv") for d in TABLE_FOLDERS))
    new_tables = set().union(*(_files(args.new, f"{d}/**/*.csv") for d in TABLE_FOLDERS))
    for name in sorted(ref_tables ^ new_tables):
        side = "new build" if name in ref_tables else "reference"
        lines.append(f"- **FAIL** `{name}`: missing in the {side}")
        failed = True
    if not ref_tables:
        lines.append(f"- **FAIL** no CSV under {', '.join(TABLE_FOLDERS)} of the reference")
        failed = True
    counts = {"identical": 0, "within": 0, "beyond": 0}
    for name in sorted(ref_tables & new_tables):
        res = compare_table(name, args.reference / name, args.new / name)
        if res.identical:
            counts["identical"] += 1
            lines.append(f"- `{name}` ({res.rows} rows): identical")
            continue
        counts["beyond" if res.failed else "within"] += 1
        failed |= res.failed
        verdict = "**FAIL**" if res.failed else "within tolerance"
        moved = f"{len(res.moved)} column(s) moved" if res.moved else "no number moved"
        lines.append(f"- `{name}` ({res.rows} rows): {verdict}; {moved}")
        for problem in res.problems:
            lines.append(f"    - **FAIL** {problem}")
        for m in sorted(res.moved, key=lambda m: -m.max_rel):
            flag = "**FAIL** " if m.failed else ""
            note = f" ({m.note})" if m.note else ""
            lines.append(
                f"    - {flag}`{m.column}`{note}: max |diff| {m.max_abs:.3g}, "
                f"max rel {m.max_rel:.3g}; worst row {m.row}: {_fmt(m.ref)} -> {_fmt(m.new)}"
            )
    lines.append(
        f"\nTables: {counts['identical']} identical, {counts['within']} within tolerance, "
        f"{counts['beyond']} beyond."
    )

    lines += ["", f"## Gallery images: RMS <= {IMAGE_TOL:g} (compare_images)", ""]
    gallery = sorted(_files(args.gallery, "*.png"))
    if not gallery:
        lines.append(f"- **FAIL** no PNG in {args.gallery}")
        failed = True
    for name in gallery:
        new_path = args.new / "figures" / name
        if not new_path.is_file():
            lines.append(f"- **FAIL** `{name}`: no {new_path}")
            failed = True
            continue
        res = compare_image(name, args.gallery / name, new_path)
        failed |= res.failed
        diff = new_path.with_name(new_path.stem + "-failed-diff.png")
        if res.problem:
            lines.append(
                f"- **FAIL** `{name}`: {res.problem}; padded to one size, RMS "
                f"{res.padded_rms:.3f} (difference image: {diff})"
            )
        elif res.identical:
            lines.append(f"- `{name}`: byte-identical")
        else:
            verdict = "**FAIL**" if res.failed else "within tolerance"
            lines.append(f"- `{name}`: RMS {res.rms:.3f}, {verdict} (difference image: {diff})")

    lines += ["", "Result: " + ("**FAIL**" if failed else "pass"), ""]
    report = "\n".join(lines)
    print(report)
    if args.report:
        args.report.write_text(report)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a") as fh:
            fh.write(report)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
