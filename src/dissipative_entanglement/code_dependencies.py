"""The package modules a workflow script uses: its imports, followed transitively.

A rule reruns when its declared inputs change; library code a script imports is an input
only if declared. The workflow declares, for each rule, exactly the package files that
its script imports, directly or through other package modules, as computed here from the
import statements (:mod:`ast`, no import is executed, so the workflow parses fast): every
``import dissipative_entanglement...`` and ``from ... import ...`` anywhere in a file,
inside functions too (lazy imports), relative imports resolved against the importing
module, and the ``__init__.py`` of every package on the way (Python runs them on import).
Modules of other distributions are not followed.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

#: the package whose modules are followed
PACKAGE = "dissipative_entanglement"


def _module_file(package_dir: Path, module: str) -> Path | None:
    """The file of a dotted module name of the package, or None if it is not a module."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    base = package_dir.joinpath(*parts[1:])
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    return None


def _package_inits(package_dir: Path, module: str) -> list[Path]:
    """The ``__init__.py`` of the package and of every subpackage on the way to ``module``."""
    parts = module.split(".")
    inits = []
    for depth in range(1, len(parts)):
        init = package_dir.joinpath(*parts[1:depth], "__init__.py")
        if init.is_file():
            inits.append(init)
    return inits


def _module_name(package_dir: Path, path: Path) -> str:
    """Dotted name of a package file (``__init__.py`` names its package)."""
    relative = path.relative_to(package_dir).with_suffix("")
    parts = [PACKAGE, *relative.parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_statements(nodes):
    """Every import statement among ``nodes`` and the statements nested in them (function
    and class bodies, branches, loops, with and try blocks); expressions are not entered,
    which keeps the walk cheap (parse time)."""
    for node in nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            yield from _import_statements(getattr(node, field, None) or [])


@cache
def _direct_imports(package_dir: Path, path: Path) -> tuple[Path, ...]:
    """Package files that ``path`` imports directly (any import statement in the file)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    is_package = path.name == "__init__.py"
    here = _module_name(package_dir, path) if path.is_relative_to(package_dir) else ""
    names = []
    for node in _import_statements(tree.body):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against this module's package
                anchor = here.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            names.append(base)
            names += [f"{base}.{alias.name}" for alias in node.names]  # submodules
    found = set()
    for name in names:
        if not name.startswith(PACKAGE):
            continue
        file = _module_file(package_dir, name)
        if file is not None:
            found.add(file)
            found.update(_package_inits(package_dir, name))
    return tuple(sorted(found))


def module_dependencies(script: str | Path, package_dir: str | Path) -> list[Path]:
    """Every package file ``script`` imports, directly or transitively, sorted.

    Parameters
    ----------
    script : str or pathlib.Path
        A Python file (e.g. ``workflow/scripts/fig3_data.py``).
    package_dir : str or pathlib.Path
        The directory of the package (``src/dissipative_entanglement``).

    Returns
    -------
    list of pathlib.Path
        The package's ``.py`` files the script needs, absolute and under ``package_dir``
        (symbolic links not resolved), sorted; the script itself is not included.
    """
    # absolute, not resolved: a package reached through a symbolic link (a working
    # directory with the workflow linked in) keeps its paths under ``package_dir``
    package_dir = Path(package_dir).absolute()
    seen: set[Path] = set()
    todo = list(_direct_imports(package_dir, Path(script).absolute()))
    while todo:
        file = todo.pop()
        if file in seen:
            continue
        seen.add(file)
        todo.extend(_direct_imports(package_dir, file))
    return sorted(seen)


__all__ = ["PACKAGE", "module_dependencies"]
