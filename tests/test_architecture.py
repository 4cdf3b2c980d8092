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

PACKAGE = Path(__file__).resolve().parent.parent / "mixer"

# The faces and their HTTP and socket plumbing: nothing below them may import them.
FACES = {
    "api", "app", "auth", "cli", "console", "doorman", "export_views", "forms", "headers",
    "health", "hosts", "launch", "limits", "openapi", "pages", "pwa", "serving", "sockets",
}  # fmt: skip
# What the pure engine may use besides the standard library and itself.
ENGINE_MAY_USE = {"numpy", "scipy", "networkx", "rapidfuzz", "snowballstemmer"}
# What only the web layer may touch in Flask: the request and what hangs off it.
REQUEST_ONLY = {"request", "session", "g", "url_for", "make_response", "redirect"}


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


def is_face(module: str) -> bool:
    parts = module.split(".")
    return len(parts) >= 2 and parts[0] == "mixer" and parts[1] in FACES


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


LOWER = [*files("services"), PACKAGE / "models.py", PACKAGE / "extensions.py"]


@pytest.mark.parametrize("path", LOWER, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_use_cases_and_models_never_import_a_face(path: Path) -> None:
    for line, target, names in imports(path):
        modules = targets(target, names)
        faces = {m for m in modules if is_face(m)}
        assert not faces, f"{path.name}:{line} imports {faces}: the faces call use cases"
        if path.parent.name != "services":  # the models and the extensions
            assert not any(m.startswith("mixer.services") for m in modules), (
                f"{path.name}:{line} imports a use case: the data layer knows none"
            )


@pytest.mark.parametrize("path", LOWER, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_use_cases_know_no_request(path: Path) -> None:
    for line, target, names in imports(path):
        if target == "flask":
            used = REQUEST_ONLY & set(names)
            assert not used, f"{path.name}:{line} imports {used}: only a face knows the request"


def test_the_rules_see_every_module() -> None:
    """A face added under a new name must be named above, or the rules miss it."""
    top = {p.stem for p in files("") if p.stem != "__init__"}
    lower = {
        "background", "broadcast", "config", "cooperative", "coordination", "demo", "errors",
        "exports", "extensions", "logs", "models", "offload", "personal", "presenters", "qr",
        "schemas", "tokens", "vocabulary",
    }  # fmt: skip
    assert top == FACES | lower, f"unplaced modules: {sorted(top - FACES - lower)}"
