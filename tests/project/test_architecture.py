"""The layers import one way: engine, then data, then use cases, then the faces.

Read from the source (no import runs), so a shortcut taken in a hurry fails here, with
the file and the import that broke the rule, before it becomes the way things are done.
See docs/architecture.md.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "mixer"

# The packages from the bottom up: each may import those below it and never one above.
LAYERS = ["matching", "infra", "domain", "shapes", "services", "web", "run"]
# What the pure engine may use besides the standard library and itself.
ENGINE_MAY_USE = {"numpy", "scipy", "networkx", "rapidfuzz", "snowballstemmer"}
# What only the web layer may touch in Flask: the request and what hangs off it.
REQUEST_ONLY = {"request", "session", "g", "url_for", "make_response", "redirect"}
# The top level holds the factory, the shipped data and the layers: nothing else.
TOP_LEVEL = {"__init__.py", "app.py", "data", *LAYERS}


def imports(path: Path) -> Iterator[tuple[int, str, list[str]]]:
    """(line, absolute module, names) of every import in a file of the package."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    package = package.removesuffix(".__init__")
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            yield node.lineno, target, [a.name for a in node.names]


def targets(target: str, names: list[str]) -> set[str]:
    """The modules an import may bring in: `from mixer import api` names mixer.api."""
    return {target} | {f"{target}.{name}" for name in names}


def files(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py")) if folder else sorted(PACKAGE.glob("*.py"))


def layer(module: str) -> str | None:
    """The layer a module of the package belongs to (`mixer.web.api` → "web")."""
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and parts[0] == "mixer" and parts[1] in LAYERS else None


@pytest.mark.parametrize("path", files("matching"), ids=lambda p: p.name)
def test_the_engine_knows_no_flask_no_database_and_nothing_above_it(path: Path) -> None:
    for line, target, _names in imports(path):
        top = target.split(".")[0]
        if top == "mixer":
            assert target.startswith("mixer.matching"), f"{path.name}:{line} imports {target}"
        else:
            assert top in sys.stdlib_module_names or top in ENGINE_MAY_USE, (
                f"{path.name}:{line} imports {target}: the engine is pure"
            )


ALL = [p for name in LAYERS for p in files(name)]


@pytest.mark.parametrize("path", ALL, ids=lambda p: "/".join(p.parts[-2:]))
def test_nothing_imports_a_layer_above_its_own(path: Path) -> None:
    """Data flows down: a use case never calls a view, a model never calls a use case."""
    own = LAYERS.index(path.relative_to(PACKAGE).parts[0])
    for line, target, names in imports(path):
        for module in targets(target, names):
            if module == "mixer.app":  # the factory sits between the faces and `run`
                assert LAYERS[own] == "run", f"{path.name}:{line} imports the app factory"
            above = layer(module)
            assert above is None or LAYERS.index(above) <= own, (
                f"{path.name}:{line} imports {module}: {above} is above {LAYERS[own]}"
            )


KNOW_NO_REQUEST = [p for name in LAYERS[: LAYERS.index("web")] for p in files(name)]


@pytest.mark.parametrize("path", KNOW_NO_REQUEST, ids=lambda p: "/".join(p.parts[-2:]))
def test_use_cases_and_below_know_no_request(path: Path) -> None:
    for line, target, names in imports(path):
        if target == "flask":
            used = REQUEST_ONLY & set(names)
            assert not used, f"{path.name}:{line} imports {used}: only a face knows the request"


def test_the_top_level_holds_the_layers_and_nothing_else() -> None:
    """A module added beside the layers would be in none: place it in one of them."""
    top = {p.name for p in PACKAGE.iterdir() if p.name != "__pycache__"}
    assert top == TOP_LEVEL, f"unplaced: {sorted(top - TOP_LEVEL)}"


def test_no_module_grows_past_a_reading() -> None:
    """A file over 300 lines holds more than one idea: split it along them."""
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300
    }
    assert not long, f"over 300 lines: {long}"


def test_no_script_grows_past_a_reading() -> None:
    """The browser's modules stay small too: shared helpers live in static/js/lib/."""
    scripts = PACKAGE.parent / "static" / "js"
    long = {
        str(p.relative_to(scripts)): n
        for p in scripts.rglob("*.js")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 250
    }
    assert not long, f"over 250 lines: {long}"
