"""Each rule reruns when, and only when, a package module its script imports changes.

In a copy of the default and validation builds, one module at a time is edited (a comment
appended: a newer file with new content); in the dry run that follows, the jobs that declare
the module as an input are exactly those of the rules whose scripts import it, directly or
through other package modules, and every other planned job reruns only because a job
upstream does (Snakemake's reason "Input files updated by another job"). Which scripts
import which modules is found here independently of the workflow's own computation
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


#: Snakemake's reason for a job whose inputs another planned job rewrites
UPSTREAM = "Input files updated by another job"


def module_name(relative: str) -> str:
    return ".".join([PACKAGE, *Path(relative).with_suffix("").parts])


def planned_jobs(text: str) -> dict[str, tuple[list[str], str]]:
    """rule -> (input files, reason) of every job a dry run plans."""
    jobs = {}
    for block in re.split(r"\n(?=rule \w+:|localrule \w+:)", text):
        name = re.match(r"(?:local)?rule (\w+):", block)
        reason = re.search(r"reason: (.*)", block)
        if name and reason:
            files = re.search(r"^\s+input: (.*)$", block, flags=re.MULTILINE)
            inputs = files.group(1).split(", ") if files else []
            jobs[name.group(1)] = (inputs, reason.group(1))
    return jobs


@pytest.fixture(scope="module")
def dag_rules(validated) -> set[str]:
    """Every rule with a job in the DAG of both targets (a forced dry run lists them all)."""
    dry = run_snakemake(
        validated,
        "-n",
        "--forceall",
        "--cores",
        "1",
        "all",
        "validation",
        "--configfile",
        "small.yaml",
    )
    return set(planned_jobs(dry.stdout + dry.stderr))


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
    validated, tmp_path, imports, dag_rules, edited
):
    scripts, by_script = imports
    work = tmp_path / "edit"
    shutil.copytree(validated, work, symlinks=True)
    source = work / "src" / PACKAGE / edited
    source.write_text(source.read_text() + "\n# edited by the test\n")
    path = f"src/{PACKAGE}/{edited}"
    # the fixture built both targets: every job of the DAG has its outputs, so a job is
    # planned because it declares the edited module, or because a job upstream reruns
    dry = run_snakemake(
        work, "-n", "--cores", "1", "all", "validation", "--configfile", "small.yaml"
    )
    jobs = planned_jobs(dry.stdout + dry.stderr)
    module = module_name(edited)
    expected = {rule for rule, script in scripts.items() if module in by_script[script]}
    expected &= dag_rules
    assert expected, f"no rule imports {module}: the test would prove nothing"
    # the rules that declare the module as an input are exactly those whose scripts import
    # it (a rule declaring it would be planned: the file is newer than every output)
    assert {rule for rule, (inputs, _) in jobs.items() if path in inputs} == expected
    # each of them is planned for it, unless a job upstream reruns first: Snakemake then
    # gives that as the only reason
    for rule in expected:
        reason = jobs[rule][1]
        assert f"Updated input files: {path}" in reason or reason.startswith(UPSTREAM), rule
    # every other planned job reruns only because a job upstream does
    for rule, (_, reason) in jobs.items():
        if rule not in expected:
            assert reason.startswith(UPSTREAM) and path not in reason, (rule, reason)
