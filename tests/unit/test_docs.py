"""The repository stands alone: every link and file path its documents name resolves.

Markdown links (relative, with or without an #anchor) in every tracked document, file paths
written in backticks in documents, and ``docs/...`` references in code, config, schema and
report captions must point at files of this repository (and anchors at headings). Nothing
may cite documents that a user who clones the repository does not have.
"""

import re
import subprocess
from pathlib import Path

import pytest

from ..helpers import REPO

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
BACKTICK_PATH = re.compile(r"`((?:src|docs|config|workflow|tests|benchmarks|\.ci)/[^`\s]*)`")
DOCS_REFERENCE = re.compile(r"(docs/[A-Za-z0-9_./-]+\.md)(#[a-z0-9-]+)?")
TOP_LEVEL = ("src/", "docs/", "config/", "workflow/", "tests/", "benchmarks/", ".ci/")


#: what the project ships outside a git checkout (a source tarball): its own top-level
#: entries, never a virtual environment, results or caches a user made inside the clone
SHIPPED = (
    "README.md", "Snakefile", "pyproject.toml", "environment.yml", ".gitignore",
    ".ci", ".github", "benchmarks", "config", "docs", "src", "tests", "workflow",
)  # fmt: skip
GENERATED = {"__pycache__", ".pytest_cache", ".ruff_cache", ".snakemake", "results"}


def tracked(*patterns: str) -> list:
    """The repository's own files matching ``patterns`` (all if none).

    In a git checkout: the tracked files (``git ls-files``), so that a virtual environment,
    results or caches inside the clone are never read. Outside one (a source tarball): the
    files under the shipped top-level entries, less generated folders.
    """
    if (REPO / ".git").exists():
        out = subprocess.run(
            ["git", "ls-files", "--cached", *patterns],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        return [REPO / p for p in out if (REPO / p).is_file()]
    files = []
    for name in SHIPPED:
        top = REPO / name
        candidates = [top] if top.is_file() else sorted(top.rglob("*"))
        files += [
            f
            for f in candidates
            if f.is_file()
            and not any(
                part in GENERATED or part.endswith(".egg-info")
                for part in f.relative_to(REPO).parts
            )
            and (not patterns or any(f.match(p) for p in patterns))
        ]
    return files


def slug(heading: str) -> str:
    """GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces -> -."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path) -> set[str]:
    """Heading anchors and explicit ``<a id="...">`` anchors of a Markdown file."""
    text = path.read_text()
    headings = re.findall(r"^#+\s+(.*)$", text, flags=re.MULTILINE)
    return {slug(h) for h in headings} | set(re.findall(r'<a id="([^"]+)"', text))


def resolve(source, target: str):
    """(path, anchor) a link in ``source`` points at, relative to source's folder."""
    file, _, anchor = target.partition("#")
    path = (source.parent / file).resolve() if file else source
    return path, anchor


MARKDOWN = tracked("*.md")


@pytest.mark.parametrize("doc", MARKDOWN, ids=[p.relative_to(REPO).as_posix() for p in MARKDOWN])
def test_markdown_links_and_paths_resolve(doc):
    text = doc.read_text()
    problems = []
    for target in LINK.findall(text):
        if re.match(r"^[a-z]+:", target):  # http:, https:, mailto:
            continue
        path, anchor = resolve(doc, target)
        if not path.exists():
            problems.append(f"link {target}: no such file")
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            problems.append(f"link {target}: no heading with anchor #{anchor}")
    for name in BACKTICK_PATH.findall(text):
        if any(c in name for c in "{}*<>"):  # a pattern or a placeholder, not a path
            continue
        if not (REPO / name.rstrip("/")).exists():
            problems.append(f"`{name}`: no such file in the repository")
    assert not problems, "\n".join(problems)


CODE_AND_CONFIG = tracked("*.py", "*.smk", "*.yaml", "*.yml", "*.rst", "*.toml", "Snakefile")


def test_docs_references_in_code_config_and_captions_resolve():
    problems = []
    for source in CODE_AND_CONFIG:
        for file, anchor in DOCS_REFERENCE.findall(source.read_text()):
            path = REPO / file
            if not path.exists():
                problems.append(f"{source.relative_to(REPO)}: {file} does not exist")
            elif anchor and anchor[1:] not in anchors(path):
                problems.append(f"{source.relative_to(REPO)}: {file}{anchor}: no such heading")
    assert not problems, "\n".join(problems)


def test_nothing_cites_documents_outside_the_repository():
    outside = re.compile(r"PHYSICS\.md|CONTRACT\.md|STYLE\.md|\.\./shared")
    offenders = []
    for source in tracked():
        if source.suffix in {".png", ".pdf", ".parquet"} or source == Path(__file__):
            continue
        text = source.read_text(errors="replace")
        offenders += [f"{source.relative_to(REPO)}: {m.group(0)}" for m in outside.finditer(text)]
    assert not offenders, "\n".join(offenders)


def test_slug_follows_github():
    assert slug("Validity of the probe model") == "validity-of-the-probe-model"
    assert slug("C5 — Z at ±700 MHz (paper: y)") == "c5--z-at-700-mhz-paper-y"
    assert slug("`note` columns") == "note-columns"
