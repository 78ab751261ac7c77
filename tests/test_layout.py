"""The package's three wings and the one direction of their imports: publishing -> chapters -> core.

A chapter module never imports another chapter (what two chapters share lives in the core), the
core never imports a chapter or the publishing machinery (karabakh.publishing), and no module imports itself back in a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

from karabakh import project

PACKAGE = project.PACKAGE_DIR


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def wing(module: str) -> str:
    if module.startswith("karabakh.chapters"):
        return "chapters"
    if module.startswith("karabakh.publishing") or module == "karabakh.__main__":
        return "publishing"
    return "core"


def imports_of(path: Path) -> set[str]:
    """Every karabakh module ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("karabakh")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("karabakh"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                is_module = (PACKAGE.parent / Path(*candidate.split("."))).with_suffix(".py").exists() or (
                    PACKAGE.parent / Path(*candidate.split(".")) / "__init__.py").exists()
                found.add(candidate if is_module else node.module)
    return found


GRAPH = {module_name(path): imports_of(path) for path in sorted(PACKAGE.rglob("*.py"))}


def test_the_tree_shows_three_wings():
    wings = {wing(module) for module in GRAPH}
    assert wings == {"core", "chapters", "publishing"}
    chapters = {module for module in GRAPH if wing(module) == "chapters" and not module.endswith("chapters")}
    assert {"karabakh.chapters.chronology", "karabakh.chapters.war2020", "karabakh.chapters.events_2023"} <= chapters


def test_no_chapter_imports_another_chapter_or_the_publishing_wing():
    wrong = [
        f"{module} imports {target}"
        for module, targets in GRAPH.items() if wing(module) == "chapters"
        for target in targets
        if wing(target) == "publishing" or (wing(target) == "chapters" and target not in ("karabakh.chapters", module))
    ]
    assert wrong == []


def test_the_core_imports_neither_chapters_nor_publishing():
    wrong = [f"{module} imports {target}" for module, targets in GRAPH.items() if wing(module) == "core"
             for target in targets if wing(target) != "core"]
    assert wrong == []


def test_no_import_cycles():
    state: dict[str, str] = {}
    cycles = []

    def visit(module, trail):
        state[module] = "open"
        for target in sorted(GRAPH.get(module, ())):
            if target not in GRAPH or target == module:
                continue
            if state.get(target) == "open":
                cycles.append(" -> ".join([*trail, module, target]))
            elif target not in state:
                visit(target, [*trail, module])
        state[module] = "done"

    for module in GRAPH:
        if module not in state:
            visit(module, [])
    assert cycles == []


def test_the_rule_catches_a_chapter_importing_another(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from karabakh.chapters import chronology\nfrom karabakh import data\n")
    assert imports_of(bad) == {"karabakh.chapters.chronology", "karabakh.data"}


def test_no_package_folder_is_named_like_build_output():
    """``build/``, ``dist/`` and the like are output by convention: GitHub's Python .gitignore ignores
    ``build/`` at any depth, so a wing of that name would silently drop out of a contributor's commits."""
    output_names = {"build", "dist", "_build", "out", "output", "target"}
    assert not [path for path in PACKAGE.rglob("*") if path.is_dir() and path.name in output_names]
