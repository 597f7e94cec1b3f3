"""The package keeps its shape: imports follow ARCHITECTURE.md's layers without a loop, no private
import across modules, and the core never loads streamlit."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "advisor"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {
    _module_name(path): path for path in sorted(PACKAGE.rglob("*.py")) if path.name != "__main__.py"
}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, in functions too, except those under `if TYPE_CHECKING:`."""
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for branch in child.orelse:
                yield from _imports(branch)
            continue
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        yield from _imports(child)


def _targets(statement: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The advisor modules an import statement loads."""
    if isinstance(statement, ast.Import):
        for alias in statement.names:
            if alias.name in MODULES:
                yield alias.name
        return
    base = statement.module or ""
    for alias in statement.names:
        submodule = f"{base}.{alias.name}"
        if submodule in MODULES:
            yield submodule
        elif base in MODULES:
            yield base


def _import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        is_package = path.name == "__init__.py"
        edges: set[str] = set()
        for statement in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _targets(statement):
                # A package gathering its own submodules is how packages work, not a loop.
                if target == name or (is_package and target.startswith(f"{name}.")):
                    continue
                edges.add(target)
        graph[name] = edges
    return graph


def _loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_loop() -> None:
    assert _loops(_import_graph()) == []


def test_the_loop_finder_finds_a_loop() -> None:
    assert _loops({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_private_name_is_imported_across_modules() -> None:
    offenders = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("advisor"):
                offenders += [
                    f"{name}: from {node.module} import {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_")
                    and not alias.name.startswith("__")
                    # gettext's own name for "translate this": public by convention
                    and (node.module, alias.name) != ("advisor.i18n", "_")
                ]
    assert offenders == []


def test_the_core_never_loads_streamlit() -> None:
    # Every core module imports on its own, Alembic's env.py included (outside a migration it
    # does nothing).
    core = [name for name in MODULES if not name.startswith("advisor.ui")]
    script = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        "print('streamlit' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# ARCHITECTURE.md's layer table is what the imports are: each layer imports only from its own
# row and the rows above it.
ARCHITECTURE = ROOT / "ARCHITECTURE.md"


def _layer_table() -> list[tuple[str, tuple[str, ...]]]:
    """Each row of the table as (layer, the module names its `modules` cell lists)."""
    section = ARCHITECTURE.read_text(encoding="utf-8").split("\n## Layers\n", 1)[1]
    section = section.split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) < 4 or cells[1] in ("layer", "---") or not cells[1]:
            continue
        rows.append((cells[1], tuple(re.findall(r"`([^`]+)`", cells[2]))))
    return rows


def _module_prefix(listed: str) -> str:
    """`fields.py` → `advisor.fields`, `pack/` → `advisor.pack`, `brief/prepare.py` → …"""
    return "advisor." + listed.removesuffix("/").removesuffix(".py").replace("/", ".")


def _layer_of(module: str, rows: list[tuple[str, tuple[str, ...]]]) -> int | None:
    """The row that places a module: the longest listed name it is or lies under."""
    found: tuple[int, int] | None = None
    for index, (_, listed) in enumerate(rows):
        for name in listed:
            prefix = _module_prefix(name)
            if (module == prefix or module.startswith(f"{prefix}.")) and (
                found is None or len(prefix) > found[1]
            ):
                found = (index, len(prefix))
    return None if found is None else found[0]


def _upward_imports(
    graph: dict[str, set[str]], rows: list[tuple[str, tuple[str, ...]]]
) -> list[str]:
    found = []
    for module, targets in sorted(graph.items()):
        layer = _layer_of(module, rows)
        for target in sorted(targets):
            target_layer = _layer_of(target, rows)
            if layer is not None and target_layer is not None and target_layer > layer:
                found.append(
                    f"{module} ({rows[layer][0]}) imports {target} ({rows[target_layer][0]})"
                )
    return found


def test_the_layer_table_names_only_modules_that_exist() -> None:
    rows = _layer_table()
    assert len(rows) >= 8
    missing = [
        name
        for _, listed in rows
        for name in listed
        if not (PACKAGE / name).exists() and not (ROOT / name).exists()
    ]
    assert missing == []


def test_the_layer_table_places_every_module() -> None:
    rows = _layer_table()
    # The package itself (`advisor/__init__.py`) holds nothing but its docstring.
    unplaced = [m for m in MODULES if m != "advisor" and _layer_of(m, rows) is None]
    assert unplaced == []


def test_every_import_goes_to_the_same_or_an_earlier_layer() -> None:
    assert _upward_imports(_import_graph(), _layer_table()) == []


def test_the_layer_check_finds_an_upward_import() -> None:
    rows = [("words", ("wording.py",)), ("rule pack", ("pack/",)), ("deciding", ("engine.py",))]
    graph = {
        "advisor.wording": {"advisor.pack.model"},
        "advisor.pack.conditions": {"advisor.wording", "advisor.pack.model"},
        "advisor.engine": {"advisor.pack.conditions"},
    }
    assert _upward_imports(graph, rows) == [
        "advisor.wording (words) imports advisor.pack.model (rule pack)"
    ]


# A newcomer should find their room in an hour: no room too big to read at once.
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 100
MAX_CLASS_LINES = 400


def _oversized() -> list[str]:
    found = []
    for name, path in MODULES.items():
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > MAX_MODULE_LINES:
            found.append(f"module {name}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                limit = MAX_CLASS_LINES if isinstance(node, ast.ClassDef) else MAX_FUNCTION_LINES
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > limit:
                    found.append(f"{name}:{node.lineno} {node.name}: {length} lines")
    return found


def test_no_module_function_or_class_is_too_big_to_read() -> None:
    assert _oversized() == []


def test_every_app_table_goes_through_the_formula_safe_wrapper() -> None:
    # A table's built-in "Download as CSV" is made from the cells shown: only
    # `components.data_table` makes them safe for a spreadsheet.
    direct = [
        f"{name}:{number}"
        for name, path in MODULES.items()
        if name.startswith("advisor.ui") and name != "advisor.ui.components"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "st.dataframe(" in line
    ]
    assert direct == []


def test_no_two_test_files_share_a_name() -> None:
    """pytest imports test modules by their file name (there is no package): two alike stop
    the whole run at collection."""
    tests = Path(__file__).resolve().parents[1]
    names = sorted(path.name for path in tests.rglob("test_*.py"))
    assert sorted(set(names)) == names
