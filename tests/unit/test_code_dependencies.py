"""module_dependencies on a small package written here: what it follows, what it returns."""

from __future__ import annotations

from pathlib import Path

from dissipative_entanglement.code_dependencies import PACKAGE, module_dependencies


def write(path: Path, text: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def toy_package(root: Path) -> Path:
    """A package with a lazy import, a relative import, a subpackage and an unused module."""
    package = root / PACKAGE
    write(package / "__init__.py")
    write(package / "a.py", "def f():\n    from . import b\n    return b\n")
    write(package / "b.py", "from .sub import c\n")
    write(package / "sub" / "__init__.py")
    write(package / "sub" / "c.py", "import numpy\n")
    write(package / "unused.py")
    return package


def test_follows_lazy_and_relative_imports_and_package_inits(tmp_path):
    package = toy_package(tmp_path / "src")
    script = tmp_path / "script.py"
    write(script, f"import os\nfrom {PACKAGE} import a\n")
    found = {path.relative_to(package).as_posix() for path in module_dependencies(script, package)}
    assert found == {"__init__.py", "a.py", "b.py", "sub/__init__.py", "sub/c.py"}


def test_paths_stay_under_a_linked_package(tmp_path):
    # a working directory with src/ linked in (tests/helpers.link_workflow): the paths
    # must be under the link, since the workflow names them relative to its directory
    package = toy_package(tmp_path / "real" / "src")
    work = tmp_path / "work"
    work.mkdir()
    (work / "src").symlink_to(package.parent)
    script = work / "script.py"
    write(script, f"from {PACKAGE}.sub import c\n")
    found = module_dependencies(script, work / "src" / PACKAGE)
    assert [path.relative_to(work).as_posix() for path in found] == [
        f"src/{PACKAGE}/__init__.py",
        f"src/{PACKAGE}/sub/__init__.py",
        f"src/{PACKAGE}/sub/c.py",
    ]
