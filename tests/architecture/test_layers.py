"""The house rules that a reader of the tree relies on, checked on the code itself.

- Access is decided in ``access/policy.py`` only: no other module asks a user's roles or
  organisation kind, or compares a record's organisation with the user's, to decide what they may do.
- Imports run one way: the domain (models, policies) imports nothing above it; services and
  selectors import no screens, API or forms; nobody imports another module's private names.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "werkbedrijf"

# Modules that may speak of roles: the access layer itself, the accounts app that defines roles
# and manages who holds them, and the builders of demo and synthetic data that hand roles out.
ROLE_OWNERS = (
    "access/",
    "accounts/",
    "demo/",
    "candidates/synthetic.py",
    "conftest.py",
    "testing.py",
)
ACCESS_HELPERS = {"has_role", "is_werkbedrijf", "_active_staff", "role_set"}
ORGANISATION_ATTRIBUTES = {"organisation_id", "organisation"}

DOMAIN = ("models.py", "policies.py")
BELOW_SCREENS = ("services.py", "selectors.py")
SCREEN_LAYERS = (".views", ".api", ".forms", "werkbedrijf.ui", "werkbedrijf.api")


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if "/tests/" in relative or "/migrations/" in relative:
            continue
        yield relative, ast.parse(path.read_text(), filename=str(path))


def _source_lines(module: str) -> list[str]:
    return (PACKAGE / module).read_text().splitlines()


def _dotted(node) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


NOT_ACCESS = "# not an access rule"  # a line that uses a role or organisation as a plain fact


def _access_decisions(tree, lines: list[str]) -> set[tuple[int, str]]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in ACCESS_HELPERS:
            found.add((node.lineno, f"uses {node.id}"))
        elif isinstance(node, ast.Attribute) and node.attr in ACCESS_HELPERS:
            found.add((node.lineno, f"uses .{node.attr}"))
        elif isinstance(node, ast.Attribute) and _dotted(node.value) == "Role":
            found.add((node.lineno, f"names Role.{node.attr}"))
        elif isinstance(node, ast.Compare):
            for side in [node.left, *node.comparators]:
                chain = _dotted(side).split(".")
                if len(chain) > 1 and (
                    chain[-1] in ORGANISATION_ATTRIBUTES or chain[-2:] == ["organisation", "kind"]
                ):
                    found.add((node.lineno, f"compares {'.'.join(chain)}"))
    return {(line, what) for line, what in found if NOT_ACCESS not in lines[line - 1]}


def test_access_is_decided_in_access_policy_only():
    findings = [
        f"{module}:{line}: {what}"
        for module, tree in _modules()
        if not module.startswith(ROLE_OWNERS)
        for line, what in sorted(_access_decisions(tree, _source_lines(module)))
    ]
    assert not findings, (
        "Decide access with a named rule in access/policy.py and call it:\n" + "\n".join(findings)
    )


def _imports(tree, module: str) -> list[tuple[int, str, list[str]]]:
    package = "werkbedrijf." + module.removesuffix(".py").replace("/", ".")
    package = package.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, target]) if target else ".".join(base)
            found.append((node.lineno, target, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name, []) for alias in node.names)
    return found


def _in_layer(module: str, layer: tuple[str, ...]) -> bool:
    """``services.py`` or any module of a ``services/`` package split along its sections."""
    return module.endswith(layer) or any(
        f"/{name.removesuffix('.py')}/" in module for name in layer
    )


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        (DOMAIN, (".services", ".selectors", *SCREEN_LAYERS)),
        (BELOW_SCREENS, SCREEN_LAYERS),
    ],
    ids=["domain", "services-and-selectors"],
)
def test_imports_run_one_way(layer, forbidden):
    findings = []
    for module, tree in _modules():
        if not _in_layer(module, layer):
            continue
        for line, target, _names in _imports(tree, module):
            if not target.startswith("werkbedrijf."):
                continue
            if any(target.endswith(f) or f"{f}." in f"{target}." for f in forbidden):
                findings.append(f"{module}:{line}: imports {target}")
    assert not findings, "Imports must run downwards:\n" + "\n".join(findings)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_module_uses_another_modules_private_names():
    findings = []
    for module, tree in _modules():
        imported_modules = set()
        for line, target, names in _imports(tree, module):
            if not target.startswith("werkbedrijf."):
                continue
            findings.extend(
                f"{module}:{line}: imports {n} from {target}" for n in names if _private(n)
            )
            imported_modules.update(names)
        findings.extend(
            f"{module}:{node.lineno}: uses {node.value.id}.{node.attr}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and _private(node.attr)
            and node.attr != "_meta"  # Django's public model API
            and isinstance(node.value, ast.Name)
            and node.value.id in imported_modules
        )
    assert not findings, "Make the name public where it is defined:\n" + "\n".join(findings)
