"""Import-boundary check: services never import each other; shared code never imports services.

Rules: `services.X` may import `libs.*` and itself only; `libs.*` may not import `services`,
`aya` or `lemanado_sample`; `lemanado_sample` (a stand-in for an external platform) imports none
of our services; `examples` (code an outside team would write) import nothing of this project.
Run by `make lint`; exits 1 listing each violation.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every absolute import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def violation(owner: str, module: str) -> str | None:
    """Why `owner` (a dotted package like services.router) may not import `module`, or None."""
    top = module.split(".")
    if owner.startswith("services."):
        if top[0] == "services" and len(top) > 1 and ".".join(top[:2]) != owner:
            return "a service imports another service (share through libs/common or a message)"
        if top[0] in {"aya", "lemanado_sample"}:
            return f"a service imports {top[0]}"
    if owner.startswith("libs.") and top[0] in {"services", "aya", "lemanado_sample"}:
        return f"shared code imports {top[0]}"
    if owner == "lemanado_sample" and top[0] in {"services", "aya"}:
        return "the sample connector imports our own code beyond libs"
    if owner == "examples" and top[0] in {"services", "libs", "aya", "lemanado_sample"}:
        return "an example imports this project (an outside team could not)"
    return None


def owner_of(path: Path) -> str | None:
    """The package a file belongs to for the rules above."""
    parts = path.relative_to(ROOT).parts
    if parts[0] in {"services", "libs"} and len(parts) > 2:
        return f"{parts[0]}.{parts[1]}"
    if parts[0] in {"lemanado_sample", "examples"}:
        return parts[0]
    return None


def main() -> int:
    """Check every Python file under services/, libs/, lemanado_sample/ and examples/."""
    problems: list[str] = []
    for folder in ("services", "libs", "lemanado_sample", "examples"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            owner = owner_of(path)
            if owner is None:
                continue
            for line, module in imported_modules(path):
                reason = violation(owner, module)
                if reason:
                    problems.append(f"{path.relative_to(ROOT)}:{line}: {module}: {reason}")
    for problem in problems:
        print(problem)
    print(f"import boundaries: {len(problems)} violation(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
