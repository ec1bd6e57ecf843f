"""The layering of docs/architecture.md, read off the source: imports, the clock, the gate.

Every import in ``src/amparo`` is read with ``ast`` (function-level imports and
``TYPE_CHECKING`` blocks included, because a lazy import is still a dependency), so that
a rule broken anywhere fails here rather than in a review.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "amparo"

#: What each package may import, besides itself (docs/architecture.md, "Layers").
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "knowledge": {"model"},
    "guidance": {"model", "knowledge"},
    "language": {"model", "knowledge"},
    "disclosure": {"model", "language"},
    "typeset": {"model"},
    "drafting": {"model", "knowledge", "guidance", "language", "disclosure", "typeset"},
    "tracking": {"model", "knowledge"},
    "reporting": {"model", "language", "disclosure", "typeset"},
    "store": {"model"},
    "service": {"model", "knowledge", "guidance", "language", "disclosure", "typeset", "drafting",
                "tracking", "reporting", "store"},
    "cli": {"service", "model"},
    "web": {"service", "model"},
}
#: The faces reach the service through its package only, never a module inside it.
FACES = {"cli", "web"}


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if "migrations" in parts and "versions" in parts:
            continue  # frozen Alembic steps: history, not architecture
        yield ".".join(parts), path


def _type_checking_lines(tree: ast.AST) -> set[int]:
    """Lines inside ``if TYPE_CHECKING:`` blocks (never executed)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports(name: str, path: Path, *, runtime_only: bool = False) -> Iterator[tuple[str, int]]:
    """Every module ``name`` imports, with its line (``runtime_only``: not type-checking ones)."""
    tree = ast.parse(path.read_text("utf-8"))
    skip = _type_checking_lines(tree) if runtime_only else set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            submodules = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in MODULES]
            # ``from amparo import knowledge`` imports the package amparo.knowledge, not
            # amparo's own names; anything else is a name of ``module`` itself.
            if len(submodules) < len(node.names):
                yield module, node.lineno
            for target in submodules:
                yield target, node.lineno


MODULES = {name: path for name, path in _modules()}


def _package(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "amparo" else None


def test_no_arrow_the_layer_table_forbids():
    wrong = []
    for name, path in MODULES.items():
        here = _package(name)
        if here is None:
            continue
        assert here in ALLOWED, f"package amparo.{here} is not in the layer table"
        for target, line in _imports(name, path):
            there = _package(target)
            if there is None or there == here:
                continue
            if there not in ALLOWED[here]:
                wrong.append(f"{path.relative_to(SRC)}:{line} imports {target} ({here} may not import {there})")
            elif here in FACES and there == "service" and target != "amparo.service":
                wrong.append(f"{path.relative_to(SRC)}:{line} imports {target} (faces use amparo.service only)")
    assert not wrong, "\n".join(wrong)


def _graph() -> dict[str, set[str]]:
    # Type-checking imports name types for annotations and never run: they are layer
    # arrows (checked above) but cannot make an import circle.
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for target, _line in _imports(name, path, runtime_only=True):
            # An import of a module inside a package runs the package's __init__ first,
            # but that is not an arrow of this module's own: only direct targets count.
            if target in MODULES and target != name:
                graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_import_circle_between_modules():
    cycles = _cycles(_graph())
    assert not cycles, "import circles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


#: Calls that read the time; only amparo.model.clock may make them.
TIME_READS = {("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today"), ("date", "today"),
              ("time", "time"), ("time", "monotonic"), ("time", "time_ns"), ("time", "perf_counter"),
              ("time", "localtime"), ("time", "gmtime")}


def _attribute_calls(path: Path) -> Iterator[tuple[str, str, int]]:
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if isinstance(owner, ast.Name):
                yield owner.id, node.func.attr, node.lineno
            elif isinstance(owner, ast.Attribute):
                yield owner.attr, node.func.attr, node.lineno


def test_only_the_clock_module_reads_the_time():
    readers = [f"{path.relative_to(SRC)}:{line} calls {owner}.{attr}()"
               for name, path in MODULES.items() if name != "amparo.model.clock"
               for owner, attr, line in _attribute_calls(path) if (owner, attr) in TIME_READS]
    assert not readers, "\n".join(readers)


def test_only_the_gate_decides_consent():
    callers = [f"{path.relative_to(SRC)}:{line} calls .allows()"
               for name, path in MODULES.items() if name != "amparo.model.consent"
               for _owner, attr, line in _attribute_calls(path) if attr == "allows"]
    assert not callers, "\n".join(callers)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_every_package_of_the_table_exists(package):
    assert (SRC / package / "__init__.py").is_file()
