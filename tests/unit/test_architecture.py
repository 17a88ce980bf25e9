"""The shape of the code: no import cycles, short signatures, documented public API, one
rule and one thin script per output, one spelling of equation references."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ..helpers import REPO

PACKAGE = REPO / "src" / "dissipative_entanglement"
MODULES = sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Package modules imported anywhere in ``path`` (also inside functions)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            candidates = [target] + [f"{target}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            candidates = [a.name for a in node.names]
        else:
            continue
        found |= {c for c in candidates if c.startswith("dissipative_entanglement")}
    known = {module_name(p) for p in MODULES}
    return {m for m in found if m in known and m != name}


def test_no_import_cycles():
    """Static import graph of the package, lazy imports included, is acyclic."""
    graph = {module_name(p): imported_modules(p) for p in MODULES}
    # importing a submodule first imports its package __init__ (but not the reverse)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    # the configuration values do not depend on the checks of them (the former cycle)
    assert not graph["dissipative_entanglement.config"]
    assert "dissipative_entanglement.config" in graph["dissipative_entanglement.config_checks"]


def public_functions():
    """(module path, qualified name, node) of every public function and public method."""
    for path in MODULES:
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                yield path, node.name, node
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and not item.name.startswith("_"):
                        yield path, f"{node.name}.{item.name}", item


def parameters(node: ast.FunctionDef) -> tuple[list[str], list[str]]:
    args = node.args
    positional = [a.arg for a in args.posonlyargs + args.args if a.arg not in ("self", "cls")]
    return positional, [a.arg for a in args.kwonlyargs]


def test_public_functions_take_few_positional_parameters():
    """At most five positional parameters (the physics inputs, in one order); everything
    else is a named keyword option, and no signature grows past ten."""
    long = []
    for path, name, node in public_functions():
        positional, keyword = parameters(node)
        if len(positional) > 5 or len(positional) + len(keyword) > 10:
            long.append(f"{path.relative_to(REPO)}:{name} {positional} * {keyword}")
    assert not long, "\n".join(long)


def test_public_functions_have_numpy_docstrings():
    """Parameters and Returns sections (properties: a one-line docstring suffices)."""
    missing = []
    for path, name, node in public_functions():
        doc = ast.get_docstring(node) or ""
        decorators = {getattr(d, "id", getattr(d, "attr", "")) for d in node.decorator_list}
        is_property = bool(decorators & {"property", "cached_property"})
        positional, keyword = parameters(node)
        returns = node.returns is not None and not (
            isinstance(node.returns, ast.Constant) and node.returns.value is None
        )
        if (
            not doc
            or ((positional or keyword) and not is_property and "Parameters" not in doc)
            or (returns and not is_property and "Returns" not in doc)
        ):
            missing.append(f"{path.relative_to(REPO)}:{name}")
    assert not missing, "\n".join(missing)


OLD_SPELLING = re.compile(r"\bEqs?\.?\s?\d")  # "Eq. 28", "Eq 28", "Eqs. 42-43"


def test_equation_references_have_one_spelling():
    """'Eq. (28)', 'Eqs. (42)-(43)' in docstrings, comments, captions and docs."""
    offenders = []
    for path in MODULES:
        text = path.read_text()
        tree = ast.parse(text)
        docs = [
            ast.get_docstring(n) or ""
            for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef)
        ]
        comments = [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]
        for piece in docs + comments:
            offenders += [f"{path.relative_to(REPO)}: {m}" for m in OLD_SPELLING.findall(piece)]
    for pattern in ("workflow/report/*.rst", "docs/*.md", "workflow/rules/*.smk"):
        for path in sorted(REPO.glob(pattern)):
            for match in OLD_SPELLING.findall(path.read_text()):
                offenders.append(f"{path.relative_to(REPO)}: {match}")
    assert not offenders, "\n".join(offenders)


RULE = re.compile(r"^\s*rule (\w+):\n(.*?)(?=^\s*rule |^if |\Z)", re.MULTILINE | re.DOTALL)
#: the docs rules copy figures (copy_files) and write results tables as pages (docs_table)
SHARED_SCRIPTS = {"copy_files", "docs_table"}


def rules() -> dict[str, str]:
    out = {}
    for path in sorted((REPO / "workflow" / "rules").glob("*.smk")):
        out.update(dict(RULE.findall(path.read_text())))
    return out


def test_one_rule_and_one_script_per_output():
    """Each rule runs the script of its own name; no script dispatches on the rule name."""
    scripts = {}
    for name, body in rules().items():
        match = re.search(r'script:\s*\n\s*"\.\./scripts/(\w+)\.py"', body)
        if match:
            scripts[name] = match.group(1)
    assert len(scripts) >= 30
    for name, script in scripts.items():
        assert script == name or script in SHARED_SCRIPTS, f"rule {name} runs {script}.py"
    for path in (REPO / "workflow" / "scripts").glob("*.py"):
        assert "snakemake.rule" not in path.read_text(), f"{path.name} dispatches on the rule"
    used = set(scripts.values())
    unused = {p.stem for p in (REPO / "workflow" / "scripts").glob("*.py")} - used
    assert not unused, f"scripts no rule runs: {unused}"


def test_every_report_caption_is_plain_and_exists():
    """One caption per figure/table: no Jinja branches choosing between outputs."""
    for name, body in rules().items():
        for caption in re.findall(r'caption="\.\./report/([\w.]+)"', body):
            path = REPO / "workflow" / "report" / caption
            assert path.is_file(), f"rule {name}: {caption} missing"
            assert "{% if" not in path.read_text(), f"{caption} branches (one caption per output)"


@pytest.mark.parametrize("script", sorted((REPO / "workflow" / "scripts").glob("*.py")))
def test_scripts_stay_thin(script):
    """Read inputs, call the library, write outputs: no function or class definitions,
    and short enough to read at a glance."""
    tree = ast.parse(script.read_text())
    assert not any(isinstance(n, ast.FunctionDef | ast.ClassDef) for n in ast.walk(tree))
    assert len(script.read_text().splitlines()) <= 40


#: Layers of the package, lowest first: a module imports only from its own layer or below.
#: 0 shared plumbing; 1 atomic data and single-atom optics; 2 the paper's two models;
#: 3 what builds on a model (exact checks, lab units); 4 studies (they use lab units);
#: 5 the paper's claims and the config checks, which use everything.
LAYERS = {
    "config": 0,
    "config_deprecations": 0,
    "code_dependencies": 0,
    "io": 0,
    "plotting": 0,
    "squeezing": 0,
    "atoms": 1,
    "two_level": 2,
    "multilevel": 2,
    "exact": 3,
    "lab": 3,
    "studies": 4,
    "paper": 5,
    "config_checks": 5,
}


def layer(module: str) -> int:
    parts = module.split(".")
    return -1 if len(parts) == 1 else LAYERS[parts[1]]


def test_no_module_imports_from_a_layer_above_its_own():
    assert {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in MODULES} - {
        "__init__"
    } == set(LAYERS)
    upward = [
        f"{module_name(p)} -> {target}"
        for p in MODULES
        for target in imported_modules(p)
        if layer(target) > layer(module_name(p))
    ]
    assert not upward, "\n".join(upward)


def test_atomic_data_imports_no_model():
    """The data of every species (Cs-133 included) lives in atoms/, which imports nothing
    from a model package; the models name no species' numbers of their own."""
    for path in (PACKAGE / "atoms").glob("*.py"):
        targets = imported_modules(path)
        assert all(t.startswith("dissipative_entanglement.atoms") for t in targets), path
    for path in (PACKAGE / "multilevel").glob("*.py"):
        assert not re.search(r"\bis_cesium_d2\b|\bF_CS\b|\b_CS\b", path.read_text()), path
