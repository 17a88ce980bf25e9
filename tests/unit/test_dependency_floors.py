"""Dependency floors that hold: .ci/lowest-constraints.txt pins every direct dependency of
pyproject.toml (base and every extra) to exactly its lower bound there.

The CI job ``floors`` (.github/workflows/ci.yml) installs with these constraints and runs the
fast lane, so a floor raised in pyproject.toml without the pin (or the other way round), a
dependency added without a floor, or a pin left for a dependency that is gone, would leave a
floor untested: each of these fails here.
"""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from ..helpers import REPO

CONSTRAINTS = REPO / ".ci" / "lowest-constraints.txt"
WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"


def pyproject_floors(pyproject: dict) -> dict[str, Version | None]:
    """Canonical name -> the ``>=`` bound of each direct dependency (None if it has none), over
    [project] dependencies and every optional-dependencies group; the project's own extras
    (``dissipative-entanglement[slurm]``) are not dependencies of their own."""
    project = pyproject["project"]
    own = canonicalize_name(project["name"])
    groups = [project.get("dependencies", []), *project.get("optional-dependencies", {}).values()]
    floors: dict[str, Version | None] = {}
    for group in groups:
        for text in group:
            req = Requirement(text)
            name = canonicalize_name(req.name)
            if name == own:
                continue
            lower = [Version(s.version) for s in req.specifier if s.operator == ">="]
            assert len(lower) <= 1, f"{text}: more than one lower bound"
            floor = lower[0] if lower else None
            assert floors.get(name, floor) == floor, f"{name}: two different floors"
            floors[name] = floor
    return floors


def constraint_pins(text: str) -> dict[str, Version]:
    """Canonical name -> version of each ``name==version`` line (comments and blanks skipped)."""
    pins: dict[str, Version] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9._-]+)\s*==\s*([^\s;]+)", line)
        assert match, f"not a 'name==version' pin: {line!r}"
        name = canonicalize_name(match[1])
        assert name not in pins, f"{name} pinned twice"
        pins[name] = Version(match[2])
    return pins


def disagreements(floors: dict[str, Version | None], pins: dict[str, Version]) -> list[str]:
    """Every way the floors and the pins differ, one message each (empty if they agree)."""
    problems = []
    for name, floor in sorted(floors.items()):
        if floor is None:
            problems.append(f"{name}: no lower bound in pyproject.toml")
        elif name not in pins:
            problems.append(f"{name}: floor {floor} in pyproject.toml, not pinned")
        elif pins[name] != floor:
            problems.append(f"{name}: floor {floor} in pyproject.toml, pinned to {pins[name]}")
    problems += [f"{name}: pinned, not a dependency" for name in sorted(set(pins) - set(floors))]
    return problems


def test_constraints_pin_every_dependency_to_its_floor():
    floors = pyproject_floors(tomllib.loads((REPO / "pyproject.toml").read_text()))
    pins = constraint_pins(CONSTRAINTS.read_text())
    assert {"numpy", "snakemake", "pytest"} <= set(floors)  # the parse sees all groups
    assert not disagreements(floors, pins), "\n".join(disagreements(floors, pins))


@pytest.mark.parametrize(
    ("dependencies", "constraints", "expected"),
    [
        (["numpy>=2.0"], "numpy==2.0.0\n", []),  # 2.0 and 2.0.0 are one version
        (["numpy>=2.1"], "numpy==2.0.0\n", ["numpy: floor 2.1 in pyproject.toml, pinned to 2.0.0"]),
        (["numpy"], "numpy==2.0.0\n", ["numpy: no lower bound in pyproject.toml"]),
        (
            ["numpy>=2", "scipy>=1.15"],
            "numpy==2\n",
            ["scipy: floor 1.15 in pyproject.toml, not pinned"],
        ),
        (["numpy>=2"], "numpy==2\nscipy==1.15\n", ["scipy: pinned, not a dependency"]),
        (["Py_YAML>=6"], "# header\npy-yaml==6.0  # comment\n", []),  # names compared canonically
    ],
)
def test_disagreements_are_found(dependencies, constraints, expected):
    """The comparison can fail: each kind of drift is reported."""
    pyproject = {"project": {"name": "x", "dependencies": dependencies}}
    assert disagreements(pyproject_floors(pyproject), constraint_pins(constraints)) == expected


def test_extras_and_own_extras_are_read():
    pyproject = {
        "project": {
            "name": "dissipative-entanglement",
            "dependencies": ["numpy>=2"],
            "optional-dependencies": {
                "slurm": ["snakemake-executor-plugin-slurm>=2.0.1"],
                "test": ["dissipative-entanglement[slurm]", "pytest>=8"],
            },
        }
    }
    assert pyproject_floors(pyproject) == {
        "numpy": Version("2"),
        "snakemake-executor-plugin-slurm": Version("2.0.1"),
        "pytest": Version("8"),
    }


def test_ci_installs_the_floors_and_runs_the_fast_lane():
    """The ``floors`` job: Python 3.11, the constraints file, then the tests that build nothing."""
    job = yaml.safe_load(WORKFLOW.read_text())["jobs"]["floors"]
    python = [
        s["with"]["python-version"] for s in job["steps"] if "setup-python" in s.get("uses", "")
    ]
    assert python == ["3.11"]
    runs = [s["run"] for s in job["steps"] if "run" in s]
    assert 'pip install -c .ci/lowest-constraints.txt -e ".[test]"' in runs
    assert "pytest tests/unit" in runs
