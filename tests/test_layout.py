"""The tree reads as the app's capabilities: packages state their modules, nothing re-exports."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = sorted(
    p.parent
    for top in ("desk", "ui")
    for p in (REPO / top).rglob("__init__.py")
    if p.parent != REPO / top and "migrations" not in p.parts
)
MODULES = sorted(
    p
    for top in ("desk", "ui")
    for p in (REPO / top).rglob("*.py")
    if p.name != "__init__.py" and "migrations" not in p.parts
)


def dotted(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts)


def test_there_are_packages_to_check():
    names = {p.relative_to(REPO).as_posix() for p in PACKAGES}
    assert {"desk/messages", "desk/customers", "ui/returns", "ui/settings"} <= names


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_package_states_its_modules(package):
    module = importlib.import_module(dotted(package))
    assert module.__doc__, f"{dotted(package)} needs a docstring saying what lives there"
    on_disk = {p.stem for p in package.glob("*.py")} - {"__init__"}
    on_disk |= {p.name for p in package.iterdir() if (p / "__init__.py").exists()}
    assert sorted(module.__all__) == sorted(on_disk)
    for name in module.__all__:
        assert name in module.__doc__, f"the docstring of {dotted(package)} does not name {name}"


def reexports(source: str) -> list[str]:
    """Names a module lists in `__all__` that it only imports from elsewhere."""
    tree = ast.parse(source)
    imported = {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom | ast.Import)
        for alias in node.names
    }
    listed: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            listed += [e.value for e in node.value.elts if isinstance(e, ast.Constant)]
    marked = [line for line in source.splitlines() if "re-export" in line and "noqa" in line]
    return sorted(set(listed) & imported) + marked


def test_the_checker_sees_a_reexport():
    assert reexports("from a import b\n__all__ = ['b', 'c']\nc = 1\n") == ["b"]
    assert reexports("from a import b  # noqa: F401  (re-exported)\n") == [
        "from a import b  # noqa: F401  (re-exported)"
    ]
    assert reexports("from a import b\n__all__ = ['c']\nc = b\n") == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_no_module_reexports_another(path):
    assert reexports(path.read_text(encoding="utf-8")) == []
