"""The declared environments agree: pyproject.toml, environment.yml, workflow/envs.

pip users install from pyproject.toml, conda users from environment.yml, and the rules'
``conda:`` directive uses workflow/envs/pipeline.yaml. A package missing from one of them
breaks that route's first run, so every package the project depends on must be in each.
"""

import ast
import re
import sys
import tomllib

import yaml

from ..helpers import REPO

#: pip names whose conda-forge package has another name or that pip installs with extras.
CONDA_NAME = {"snakemake[reports]": "snakemake"}


def _name(requirement: str) -> str:
    """'numpy>=1.26' -> 'numpy'; 'snakemake[reports]>=9' -> 'snakemake[reports]'."""
    return re.split(r"[<>=!~ ;]", requirement, maxsplit=1)[0].strip().lower()


def _pyproject() -> tuple[set[str], set[str]]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    base = {CONDA_NAME.get(_name(r), _name(r)) for r in project["dependencies"]}
    test = {_name(r) for r in project["optional-dependencies"]["test"]}
    return base, test


def _conda(path) -> set[str]:
    names = set()
    for dep in yaml.safe_load(path.read_text())["dependencies"]:
        if isinstance(dep, dict):
            names |= {_name(d) for d in dep["pip"] if not d.startswith("-e")}
        else:
            names.add(_name(dep))
    return names - {"python", "pip"}


def test_conda_environments_hold_every_base_dependency():
    base, _ = _pyproject()
    for path in (REPO / "environment.yml", REPO / "workflow/envs/pipeline.yaml"):
        missing = base - _conda(path)
        assert not missing, f"{path.name} lacks {sorted(missing)} (in pyproject.toml)"


def test_conda_environments_agree_with_each_other():
    assert _conda(REPO / "environment.yml") == _conda(REPO / "workflow/envs/pipeline.yaml")


#: import name -> distribution name, where they differ.
DISTRIBUTION = {"yaml": "pyyaml"}


def _imported_modules(*folders) -> set[str]:
    """Top-level third-party modules imported anywhere (also inside functions) in folders."""
    names = set()
    for folder in folders:
        for path in (REPO / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    names |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"dissipative_entanglement", "snakemake"}


def test_every_module_the_pipeline_imports_is_a_base_dependency():
    """`pip install -e .` alone must run every rule: the README's first command (issue: a
    rule of the default target imported qutip, then only in an extra)."""
    base, _ = _pyproject()
    imported = {DISTRIBUTION.get(m, m) for m in _imported_modules("src", "workflow/scripts")}
    assert "qutip" in imported and "sympy" in imported  # the walk sees lazy imports too
    missing = imported - base
    assert not missing, f"imported by the pipeline but not in [project] dependencies: {missing}"
