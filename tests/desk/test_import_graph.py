"""No import cycle among desk/ modules: the graph is built from the sources with `ast`.

What counts as an edge: every `import desk...` / `from desk... import ...` that runs when
a module is imported (module level, including class bodies and top-level `if`/`try`), plus
the packages a submodule import loads on the way (`desk.policy` for `desk.policy.rules`).
Imports under `if TYPE_CHECKING:` never run, so they are not edges.

Imports inside functions are checked too, as a second, separate graph: a lazy import does
not make the import order matter, but a lazy import that closes a cycle is usually a
dependency pointing the wrong way (a helper reaching up into a service that uses it),
hidden rather than removed. So both graphs must be acyclic; a lazy import remains fine
for what is slow to load or optional (babel, alembic, keyring), which are not desk/ modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import desk.workflow

# Not `desk.__file__`: under pytest's default import mode, tests/desk can shadow the package.
DESK = Path(desk.workflow.__file__).parent
PACKAGE = "desk"


def module_name(path: Path, root: Path = DESK, package: str = PACKAGE) -> str:
    """The dotted name of the module at `path` (desk/policy/rules.py -> desk.policy.rules)."""
    parts = [package, *path.relative_to(root).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_names(tree: ast.Module, module: str, *, is_package: bool) -> dict[str, list[str]]:
    """Dotted names imported by `module`, split into "module" level and "function" level.

    For `from a.b import c` both `a.b` and `a.b.c` are listed (c may be a submodule); the
    caller keeps the names that are real modules.
    """
    found: dict[str, list[str]] = {"module": [], "function": []}

    def resolve(node: ast.ImportFrom) -> str:
        if node.level == 0:
            return node.module or ""
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        return ".".join([*base, node.module] if node.module else base)

    def visit(node: ast.AST, level: str) -> None:
        if isinstance(node, ast.Import):
            found[level] += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = resolve(node)
            found[level] += [source, *(f"{source}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            for child in ast.iter_child_nodes(node):
                visit(child, "function")
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child, level)
        else:
            for child in ast.iter_child_nodes(node):
                visit(child, level)

    visit(tree, "module")
    return found


def import_graph(root: Path = DESK, package: str = PACKAGE) -> dict[str, dict[str, set[str]]]:
    """Per level ("module", "function"): each module under `root` -> the modules it loads."""
    paths = {module_name(p, root, package): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, dict[str, set[str]]] = {"module": {}, "function": {}}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = imported_names(tree, name, is_package=path.name == "__init__.py")
        for level, imported in names.items():
            targets = set()
            for dotted in imported:
                parts = dotted.split(".")
                # importing a.b.c loads a, a.b and a.b.c
                targets |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
            graph[level][name] = {t for t in targets if t in paths and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle in `graph` as [a, b, ..., a], or None when the graph has none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := walk(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := walk(start)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None  # a diamond
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"x": {"y"}, "y": {"y2"}, "y2": {"y"}}) == ["y", "y2", "y"]


def test_the_graph_sees_each_kind_of_import(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from . import leaf\n")
    (pkg / "sub" / "leaf.py").write_text("import os\n")
    (pkg / "a.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "import pkg.b\n"
        "from pkg.sub import leaf\n"
        "if TYPE_CHECKING:\n    from pkg import c\n"
        "def later():\n    from .c import thing\n"
        "class K:\n    from pkg import d\n"
    )
    for name in ("b", "c", "d"):
        (pkg / f"{name}.py").write_text("")
    graph = import_graph(pkg, "pkg")
    assert graph["module"]["pkg.a"] == {"pkg", "pkg.b", "pkg.sub", "pkg.sub.leaf", "pkg.d"}
    assert graph["function"]["pkg.a"] == {"pkg", "pkg.c"}
    assert graph["module"]["pkg.sub"] == {"pkg", "pkg.sub.leaf"}
    (pkg / "b.py").write_text("from pkg import a\n")
    assert find_cycle(import_graph(pkg, "pkg")["module"]) == ["pkg.a", "pkg.b", "pkg.a"]


def test_the_graph_covers_desk():
    graph = import_graph()["module"]
    assert {"desk.settings", "desk.policy.rules", "desk.messages.events"} <= graph.keys()
    assert "desk.core_tables" in graph["desk.settings"]
    assert "desk.models" in import_graph()["function"]["desk.settings"]  # set_setting's


def test_no_import_cycle_at_module_level():
    cycle = find_cycle(import_graph()["module"])
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_no_import_cycle_counting_imports_inside_functions():
    graph = import_graph()
    both = {
        name: graph["module"][name] | graph["function"].get(name, set()) for name in graph["module"]
    }
    cycle = find_cycle(both)
    assert cycle is None, "import cycle (through a lazy import): " + " -> ".join(cycle)


LEAVES_FOR_SETTINGS = {
    "desk",
    "desk.codes",  # the stored-code enums (Event) and their labels
    "desk.core_tables",  # the setting table, read through Core (the first screen reads it)
    "desk.customers",
    "desk.customers.segments",  # the Segment enum and its labels
    "desk.errors",
    "desk.feedback",  # the feedback and reward settings, declared beside feedback
    "desk.feedback.settings",
    "desk.i18n",  # the catalogs and Babel's formats: labels and messages in the desk's language
    "desk.i18n.catalog",
    "desk.i18n.formats",
    "desk.labels",
    "desk.messages",
    "desk.messages.events",  # the Event enum and its labels
    "desk.models",
    "desk.phones",  # phone numbers: parse, check, show (imports nothing of desk)
    "desk.policy",
    "desk.policy.settings",  # the policy's own settings, declared as leaves too
    "desk.portal",
    "desk.portal.settings",  # and the customer space's
    "desk.setting_spec",  # what a setting is, and the checks on its value
    "desk.staff",  # who may change settings, and the audit of each change (save_settings):
    "desk.staff.actor",  # these read no setting and import only leaves and the staff tables
    "desk.staff.audit",
    "desk.staff.codes",
    "desk.staff.roles",
    "desk.validation",
}


def test_settings_import_only_leaf_modules():
    """Every module may read settings, so desk.settings may import no capability."""
    graph = import_graph()
    assert graph["module"]["desk.settings"] <= LEAVES_FOR_SETTINGS
    assert graph["function"].get("desk.settings", set()) <= LEAVES_FOR_SETTINGS
    packages = {
        "desk",
        "desk.customers",
        "desk.feedback",
        "desk.messages",
        "desk.policy",
        "desk.portal",
    }
    for leaf in LEAVES_FOR_SETTINGS - packages:
        assert "desk.settings" not in graph["module"][leaf], leaf
