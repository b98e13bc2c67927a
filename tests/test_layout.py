"""The layout rules, checked on the source: which package may import which, and how big a module may grow."""

from __future__ import annotations

import ast
from pathlib import Path

from kb import PROJECT_ROOT

PACKAGES = ("kb", "ingest", "app")
MAX_MODULE_LINES = 400


def _modules(package: str) -> list[Path]:
    return sorted((PROJECT_ROOT / package).rglob("*.py"))


def _imports(path: Path) -> list[str]:
    """Every module name `path` imports, absolute, at any depth of the file (lazy imports count)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _top(name: str) -> str:
    return name.split(".")[0]


def test_the_core_imports_neither_ingest_nor_app():
    offenders = {
        str(path.relative_to(PROJECT_ROOT)): name
        for path in _modules("kb") if "cli" not in path.relative_to(PROJECT_ROOT / "kb").parts
        for name in _imports(path) if _top(name) in ("ingest", "app")
    }
    assert offenders == {}


def test_only_the_cli_and_the_app_import_ingest():
    for package in ("kb", "app"):
        for path in _modules(package):
            assert _top(path.relative_to(PROJECT_ROOT).parts[0]) in PACKAGES
    importers = {
        path.relative_to(PROJECT_ROOT).parts[:2]
        for package in ("kb", "app") for path in _modules(package)
        if any(_top(name) == "ingest" for name in _imports(path))
    }
    assert all(parts[0] == "app" or parts[:2] == ("kb", "cli") for parts in importers), importers


def test_the_cli_the_app_and_the_nightly_job_use_only_the_public_api():
    """`from kb import ...` (and `ingest`'s own exports), never a module inside kb or ingest."""
    users = _modules("app") + [p for p in _modules("kb") if "cli" in p.parts] + [PROJECT_ROOT / "ingest" / "nightly.py"]
    offenders = []
    for path in users:
        for name in _imports(path):
            if _top(name) == "kb" and name != "kb" and not name.startswith("kb.cli"):
                offenders.append(f"{path.relative_to(PROJECT_ROOT)}: {name}")
            if _top(name) == "ingest" and name != "ingest" and path.parts[-2] != "ingest":
                offenders.append(f"{path.relative_to(PROJECT_ROOT)}: {name}")
    assert offenders == []


def test_the_public_api_lists_what_it_exports():
    import ingest
    import kb

    assert set(kb.__all__) <= set(dir(kb)) and "open_kb" in kb.__all__
    assert set(ingest.__all__) <= set(dir(ingest)) and "build_index" in ingest.__all__


def test_no_module_is_over_400_lines():
    sizes = {str(p.relative_to(PROJECT_ROOT)): len(p.read_text(encoding="utf-8").splitlines())
             for package in PACKAGES for p in _modules(package)}
    assert {path: n for path, n in sizes.items() if n > MAX_MODULE_LINES} == {}
