"""Generate docs/configuration.md from the variables registered in conf/env.py."""

from itertools import groupby


def render() -> str:
    # Importing the production settings registers every variable any environment reads.
    import importlib
    import os

    os.environ.setdefault("SECRET_KEY", "docs-generation-only")
    from . import base, env

    importlib.reload(base)
    lines = [
        "# Configuration",
        "",
        "Every setting the application reads from the environment. Generated from",
        "`src/werkbedrijf/conf/env.py` registrations by `bin/generate-config-docs`; a test fails",
        "when this file is out of date.",
        "",
        "Settings modules: `werkbedrijf.conf.dev` (the demo, SQLite), `werkbedrijf.conf.ci` (tests,",
        "PostgreSQL), `werkbedrijf.conf.production` (PostgreSQL, secure cookies, HSTS, two factors).",
        "",
    ]
    variables = sorted(env.REGISTRY.values(), key=lambda v: (v.group, v.name))
    for group, items in groupby(variables, key=lambda v: v.group):
        lines += [f"## {group}", "", "| Variable | Default | Meaning |", "| --- | --- | --- |"]
        for var in items:
            default = "" if var.default is None else str(var.default)
            if var.name == "SECRET_KEY":
                default = "(development key; required in production)"
            if "PROJECT_DIR" in default or default.startswith("/"):
                default = default.split("/var/")[-1] if "/var/" in default else default
                default = f"var/{default}" if not default.startswith("var/") else default
            if isinstance(var.default, list):
                default = ",".join(var.default)
            lines.append(f"| `{var.name}` | `{default}` | {var.help_text} |")
        lines.append("")
    return "\n".join(lines)
