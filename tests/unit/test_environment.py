"""The declared environments agree: pyproject.toml, requirements.lock, environment.yml and
workflow/envs/pipeline.yaml.

pip users install from pyproject.toml, the CI figure job from requirements.lock (made by
.ci/lock.sh), conda users from environment.yml, and the rules' ``conda:`` directive uses
workflow/envs/pipeline.yaml. A package missing from one of them breaks that route's first
run, and a version that differs between them makes the gallery differ, so: the lock pins
every base dependency, at a version pyproject.toml allows, and nothing else at the top; the
conda files pin the same packages at the lock's versions; no executor plugin is a base
dependency (the SLURM plugin runs `scontrol` whenever Snakemake starts: docs/dependencies.md).
"""

import ast
import re
import sys
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ..helpers import REPO

LOCK = REPO / "requirements.lock"
CONDA_FILES = (REPO / "environment.yml", REPO / "workflow/envs/pipeline.yaml")
#: the Python version the lock is resolved for (.ci/lock.sh --python-version)
LOCK_PYTHON = "3.11"


def _project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def _base() -> dict[str, Requirement]:
    """Base dependencies of pyproject.toml by canonical name."""
    reqs = [Requirement(r) for r in _project()["dependencies"]]
    return {canonicalize_name(r.name): r for r in reqs}


def _extra(name: str) -> list[Requirement]:
    return [Requirement(r) for r in _project()["optional-dependencies"][name]]


def _lock() -> dict[str, str]:
    """requirements.lock as {canonical name: pinned version}."""
    pins = {}
    for line in LOCK.read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)", line)
        if m:
            pins[canonicalize_name(m.group(1))] = m.group(2)
    return pins


def _lock_direct() -> set[str]:
    """Packages the lock says come straight from pyproject.toml ('# via ... (pyproject.toml)')."""
    direct, current = set(), None
    for line in LOCK.read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==", line)
        if m:
            current = canonicalize_name(m.group(1))
        elif current and re.search(r"#\s+(via\s+)?dissipative-entanglement \(pyproject", line):
            direct.add(current)
    return direct


def _conda(path) -> dict[str, str]:
    """A conda file's packages as {name: spec}: '==2.4.6', '=3.11', '' (pip '-e' left out)."""
    specs = {}
    for dep in yaml.safe_load(path.read_text())["dependencies"]:
        entries = dep["pip"] if isinstance(dep, dict) else [dep]
        for entry in entries:
            if entry.startswith("-e"):
                continue
            m = re.fullmatch(r"([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*)", entry.strip())
            specs[canonicalize_name(m.group(1))] = m.group(3).strip()
    return specs


def test_lock_pins_every_base_dependency_at_an_allowed_version():
    lock = _lock()
    for name, req in _base().items():
        assert name in lock, f"requirements.lock lacks {name}: run bash .ci/lock.sh"
        assert req.specifier.contains(lock[name], prereleases=True), (
            f"requirements.lock pins {name}=={lock[name]}, pyproject.toml asks {req}"
        )


def test_lock_was_made_from_this_pyproject():
    """Its top-level packages are exactly pyproject's base dependencies (a dependency added
    or removed without `bash .ci/lock.sh` fails here), and its header says how to remake it."""
    assert _lock_direct() == set(_base()), "requirements.lock is stale: run bash .ci/lock.sh"
    head = LOCK.read_text().splitlines()[:3]
    assert any("bash .ci/lock.sh" in line for line in head), head
    assert (REPO / ".ci" / "lock.sh").is_file()
    assert f"--python-version {LOCK_PYTHON}" in (REPO / ".ci" / "lock.sh").read_text()


def test_every_lock_entry_is_hash_pinned():
    """pip then runs in hash-checking mode: the figure job gets exactly these files."""
    entries = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text().split("\n", 2)[2])
    for entry in entries:
        if entry.strip():
            assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_no_executor_plugin_in_the_base_install():
    """`pip install -e .` (the README's rebuild) installs no executor plugin, not even through
    another package: Snakemake loads every installed one on every command."""
    plugins = {n for n in _lock() if n.startswith("snakemake-executor-plugin-")}
    assert not plugins, f"the base install pulls in {sorted(plugins)}"
    assert not {n for n in _base() if n.startswith("snakemake-executor-plugin-")}


def test_extras_slurm_cluster_and_test():
    slurm = {canonicalize_name(r.name) for r in _extra("slurm")}
    cluster = {canonicalize_name(r.name) for r in _extra("cluster")}
    assert slurm == {"snakemake-executor-plugin-slurm"}
    assert cluster == {"snakemake-executor-plugin-cluster-generic"}
    # the suite runs a real SLURM test and a cluster-generic one
    own = [r for r in _extra("test") if canonicalize_name(r.name) == "dissipative-entanglement"]
    assert own and {"slurm", "cluster"} <= own[0].extras


@pytest.mark.parametrize("path", CONDA_FILES, ids=lambda p: p.name)
def test_conda_environment_pins_the_locked_versions(path):
    conda = _conda(path)
    assert conda.pop("python") == f"={LOCK_PYTHON}", f"{path.name}: python={LOCK_PYTHON}"
    assert conda.pop("pip") == ""
    # every base dependency has the same name on conda-forge/bioconda as on PyPI
    expected = set(_base())
    assert set(conda) == expected, (
        f"{path.name}: missing {sorted(expected - set(conda))}, "
        f"not a base dependency {sorted(set(conda) - expected)}"
    )
    lock = _lock()
    wrong = {name: spec for name, spec in conda.items() if spec != f"=={lock[name]}"}
    assert not wrong, f"{path.name}: not the versions of requirements.lock: {wrong}"


def test_conda_environments_agree_with_each_other():
    assert _conda(CONDA_FILES[0]) == _conda(CONDA_FILES[1])


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
    base = set(_base())
    imported = {DISTRIBUTION.get(m, m) for m in _imported_modules("src", "workflow/scripts")}
    assert "qutip" in imported and "sympy" in imported  # the walk sees lazy imports too
    missing = imported - base
    assert not missing, f"imported by the pipeline but not in [project] dependencies: {missing}"
