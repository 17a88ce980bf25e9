"""Each rule reruns when, and only when, a package module its script imports changes.

In a copy of the default and validation builds, one module at a time is edited (a comment
appended: a newer file); a dry run then plans, for the reason "updated input files", exactly
the rules whose scripts import that module, directly or through other package modules. Which
scripts import which modules is found here independently of the workflow's own computation
(``dissipative_entanglement.code_dependencies``, from the source with ``ast``): by the
standard library's ``modulefinder``, from the compiled bytecode of each script, every code
object included (lazy imports inside functions), restricted to the package.
"""

from __future__ import annotations

import re
import shutil
from modulefinder import ModuleFinder
from pathlib import Path

import pytest

from ..helpers import REPO, run_snakemake

PACKAGE = "dissipative_entanglement"
#: at least squeezing.py, a two-level module, a species module and an exact-numerics
#: module (the issue's list), and the shared I/O module every script imports
EDITED = [
    "squeezing.py",
    "two_level/rates.py",
    "atoms/species.py",
    "exact/finite_n.py",
    "exact/figures.py",
    "io.py",
]


def rule_scripts() -> dict[str, str]:
    """rule name -> script name, read from the rule files."""
    out = {}
    for path in sorted((REPO / "workflow" / "rules").glob("*.smk")):
        text = path.read_text()
        for block in re.split(r"^\s*(?=rule \w+:)", text, flags=re.MULTILINE):
            rule = re.match(r"rule (\w+):", block)
            script = re.search(r'script:\s*\n\s*"\.\./scripts/(\w+)\.py"', block)
            if rule and script:
                out[rule.group(1)] = script.group(1)
    return out


def modules_imported_by(script: Path) -> set[str]:
    """Package modules the script imports, found by ModuleFinder (bytecode, all code objects)."""
    finder = ModuleFinder(path=[str(REPO / "src")])
    finder.run_script(str(script))
    return {name for name in finder.modules if name.split(".")[0] == PACKAGE}


def module_name(relative: str) -> str:
    return ".".join([PACKAGE, *Path(relative).with_suffix("").parts])


def jobs_for_updated_input(text: str, path: str) -> set[str]:
    """Rules of a dry run whose reason lists ``path`` among the updated input files."""
    rules = set()
    for block in re.split(r"\n(?=rule \w+:|localrule \w+:)", text):
        name = re.match(r"(?:local)?rule (\w+):", block)
        reason = re.search(r"reason: (.*)", block)
        if name and reason and "Updated input files" in reason.group(1):
            if path in reason.group(1):
                rules.add(name.group(1))
    return rules


@pytest.fixture(scope="module")
def imports():
    scripts = rule_scripts()
    by_script = {
        name: modules_imported_by(REPO / "workflow" / "scripts" / f"{name}.py")
        for name in set(scripts.values())
    }
    return scripts, by_script


@pytest.mark.parametrize("edited", EDITED)
def test_editing_a_module_plans_exactly_the_rules_that_import_it(
    validated, tmp_path, imports, edited
):
    scripts, by_script = imports
    work = tmp_path / "edit"
    shutil.copytree(validated, work, symlinks=True)
    source = work / "src" / PACKAGE / edited
    source.write_text(source.read_text() + "\n# edited by the test\n")
    path = f"src/{PACKAGE}/{edited}"
    # the fixture built both targets, so every rule of the DAG has its outputs and is
    # planned for one reason alone: the edited module
    dry = run_snakemake(
        work, "-n", "--cores", "1", "all", "validation", "--configfile", "small.yaml"
    )
    planned = jobs_for_updated_input(dry.stdout + dry.stderr, path)
    module = module_name(edited)
    expected = {rule for rule, script in scripts.items() if module in by_script[script]}
    expected &= set(re.findall(r"(?:local)?rule (\w+):", dry.stdout + dry.stderr))
    assert expected, f"no rule imports {module}: the test would prove nothing"
    assert planned == expected
