"""The source tree keeps the architecture visible: packages per reader format, no import circles."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
MAX_LINES = 450


def _modules() -> dict[str, Path]:
    out = {}
    for f in (SRC / "casecheck").rglob("*.py"):
        parts = f.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = f
    return out


def _type_checking_blocks(tree: ast.AST) -> set[int]:
    """ids of the nodes under ``if TYPE_CHECKING:`` (never imported when the program runs)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return skipped


def _imports(path: Path, known: dict[str, Path]) -> set[str]:
    """Every casecheck module ``path`` imports when it runs: at module level and inside
    functions alike (an import inside a function hides a circle, it does not remove it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_blocks(tree)
    deps: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("casecheck"):
            deps.add(node.module)
            deps.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            deps.update(a.name for a in node.names if a.name.startswith("casecheck"))
    return {d for d in deps if d in known}


def test_no_import_circle() -> None:
    known = _modules()
    graph = {name: _imports(path, known) - {name} for name, path in known.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycles.append([*stack[stack.index(dep) :], dep])
            elif dep not in state:
                visit(dep, stack)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])
    assert cycles == []


def test_no_module_is_oversized() -> None:
    long = {
        str(path.relative_to(SRC)): n
        for path in _modules().values()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


@pytest.mark.parametrize(
    "package",
    [
        "casecheck.batch",
        "casecheck.readers.docx",
        "casecheck.readers.pptx",
        "casecheck.readers.form",
        "casecheck.readers.media",
        "casecheck.fix",
    ],
)
def test_packages_exist(package: str) -> None:
    assert importlib.import_module(package).__path__


def test_no_flat_batch_modules() -> None:
    assert sorted(p.name for p in (SRC / "casecheck").glob("batch_*.py")) == []


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("casecheck.readers.docx", "read_docx"),
        ("casecheck.readers.pptx", "read_pptx"),
        ("casecheck.readers.form", "read_form"),
        ("casecheck.readers.media.video", "read_video"),
        ("casecheck.readers.errors", "ReadError"),
        ("casecheck.readers.package", "load_package_bytes"),
        ("casecheck.batch.run", "run_batch"),
    ],
)
def test_documented_imports_work(module: str, name: str) -> None:
    assert callable(getattr(importlib.import_module(module), name))
