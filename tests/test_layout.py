"""The layout rules, checked on the source: which package may import which, no import circles, every package
says its job and has its tests, and how big a module may grow.

Layers, outermost first: `kb.cli` and `app` (the two front ends) -> `ingest` (building) -> `kb` (the core). The
front ends and the nightly job use `kb`'s public API (`kb/__init__.py`); `ingest` uses it or `kb.build`, the
documented internal surface for building; the core imports neither front end nor `ingest`.
"""

from __future__ import annotations

import ast
from pathlib import Path

from kb import PROJECT_ROOT

PACKAGES = ("kb", "ingest", "app")
MAX_MODULE_LINES = 400


def _modules(package: str) -> list[Path]:
    return sorted((PROJECT_ROOT / package).rglob("*.py"))


def _name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    """Every module name `path` imports, absolute, at any depth of the file (lazy imports count)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]  # `from kb.naming import vocab`
    return names


def _top(name: str) -> str:
    return name.split(".")[0]


def _is_cli(name: str) -> bool:
    return name == "kb.cli" or name.startswith("kb.cli.")


def import_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports. `from package import module` is an arrow to that module alone."""
    paths = {_name(p): p for package in PACKAGES for p in _modules(package)}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        arrows = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                arrows |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                submodules = {f"{node.module}.{alias.name}" for alias in node.names} & set(paths)
                arrows |= submodules if len(submodules) == len(node.names) else {node.module} | submodules
        graph[name] = {m for m in arrows if m in paths and m != name}
    return graph


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return circles


def test_no_import_circles():
    assert import_circles(import_graph()) == []


def test_the_circle_finder_finds_a_circle():
    assert import_circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_core_imports_neither_ingest_nor_app_nor_the_cli():
    offenders = [f"{name} -> {other}" for name, others in import_graph().items()
                 if _top(name) == "kb" and not _is_cli(name)
                 for other in others if _top(other) in ("ingest", "app") or _is_cli(other)]
    assert offenders == []


def test_the_cli_is_the_outermost_layer():
    """Nothing imports kb.cli but kb.cli itself; the CLI reaches the core only through its public API."""
    graph = import_graph()
    importers = [name for name, others in graph.items() if not _is_cli(name) and any(_is_cli(o) for o in others)]
    assert importers == []
    reaches_in = [f"{name} -> {other}" for name, others in graph.items() if _is_cli(name)
                  for other in others if _top(other) == "kb" and other != "kb" and not _is_cli(other)]
    assert reaches_in == []


def _is_public_name(name: str) -> bool:
    """`kb`, or `from kb import X` (seen as kb.X) where X is part of kb's API, not a module inside kb."""
    import kb

    return name == "kb" or (name.count(".") == 1 and name.split(".")[1] in kb.__all__)


def test_ingest_uses_the_public_api_or_kb_build():
    offenders = [f"{_name(path)}: {name}" for path in _modules("ingest") for name in _imports(path)
                 if _top(name) == "kb" and not _is_public_name(name) and name.split(".")[:2] != ["kb", "build"]]
    assert offenders == []


def test_the_front_ends_and_the_nightly_job_use_only_the_public_api():
    """`from kb import ...` (and `ingest`'s own exports), never a module inside kb or ingest."""
    import ingest

    users = _modules("app") + [p for p in _modules("kb") if "cli" in p.parts] + [PROJECT_ROOT / "ingest" / "nightly.py"]
    offenders = []
    for path in users:
        for name in _imports(path):
            inner_kb = _top(name) == "kb" and not _is_cli(name) and not _is_public_name(name)
            inner_ingest = _top(name) == "ingest" and name != "ingest" and _name(path).split(".")[0] != "ingest" \
                and name.split(".")[1] not in ingest.__all__
            if inner_kb or inner_ingest:
                offenders.append(f"{path.relative_to(PROJECT_ROOT)}: {name}")
    assert offenders == []


def test_the_public_apis_list_what_they_export():
    import ingest
    import kb
    import kb.build

    assert set(kb.__all__) <= set(dir(kb)) and "open_kb" in kb.__all__
    assert set(ingest.__all__) <= set(dir(ingest)) and "build_index" in ingest.__all__
    assert all(getattr(kb.build, name) is not None for name in kb.build.__all__)


def test_every_package_says_its_job_and_has_its_tests():
    packages = [p.parent.relative_to(PROJECT_ROOT) for package in PACKAGES for p in _modules(package)
                if p.name == "__init__.py"]
    undocumented = [str(p) for p in packages
                    if not ast.get_docstring(ast.parse((PROJECT_ROOT / p / "__init__.py").read_text(encoding="utf-8")))]
    untested = [str(p) for p in packages if not (PROJECT_ROOT / "tests" / p).is_dir()]
    assert undocumented == [] and untested == []


def test_no_module_is_over_400_lines():
    sizes = {str(p.relative_to(PROJECT_ROOT)): len(p.read_text(encoding="utf-8").splitlines())
             for package in PACKAGES for p in _modules(package)}
    assert {path: n for path, n in sizes.items() if n > MAX_MODULE_LINES} == {}
