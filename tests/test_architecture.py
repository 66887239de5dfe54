"""The rules the code keeps: a core that never imports streamlit, a domain that never imports the presentation
layer, ruff-clean code, one hosting dependency file."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "stances"


def module_name(path: Path) -> str:
    """stances/domain/ids.py -> stances.domain.ids; a package's __init__.py is the package."""
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def every_module(folder: Path) -> list[str]:
    """Every module under `folder`, however deep, but the command entry point (`python -m stances`)."""
    return sorted(module_name(p) for p in folder.rglob("*.py") if p.stem != "__main__")


def imported_modules(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import statement in `source`, relative imports resolved."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found += [(node.lineno, name)] if node.module else [(node.lineno, f"{name}.{a.name}") for a in node.names]
    return found


def domain_imports_of_present() -> list[str]:
    offenders = []
    for path in sorted((PACKAGE / "domain").rglob("*.py")):
        module = module_name(path)
        for line, name in imported_modules(path.read_text(encoding="utf-8"), module, path.stem == "__init__"):
            if name == "stances.present" or name.startswith("stances.present."):
                offenders.append(f"{path.relative_to(REPO).as_posix()}:{line}: {name}")
    return offenders


def loaded_after_importing(modules: list[str], prefix: str) -> list[str]:
    """The modules starting with `prefix` loaded in a fresh interpreter by importing `modules`."""
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m == {prefix!r} or m.startswith({prefix + '.'!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return ast.literal_eval(result.stdout.strip())


def test_every_module_is_found_however_deep():
    modules = every_module(PACKAGE)
    assert {"stances", "stances.cli", "stances.domain.ids", "stances.site.build", "stances.serve"} <= set(modules)
    assert any(name.count(".") >= 3 for name in modules)  # stances.present.views.<module>
    assert "stances.__main__" not in modules


def test_core_package_never_imports_streamlit():
    assert loaded_after_importing(every_module(PACKAGE), "streamlit") == []


def test_the_import_reader_resolves_relative_imports():
    source = "from ..present.wording import X\nfrom . import ids\nimport stances.present.text\nfrom .model import Y\n"
    assert imported_modules(source, "stances.domain.dataset") == [
        (1, "stances.present.wording"),
        (2, "stances.domain.ids"),
        (3, "stances.present.text"),
        (4, "stances.domain.model"),
    ]
    assert imported_modules("from .. import present\n", "stances.domain", is_package=True) == [(1, "stances.present")]


def test_no_module_under_domain_imports_the_presentation_layer():
    assert domain_imports_of_present() == []
    assert loaded_after_importing(every_module(PACKAGE / "domain"), "stances.present") == []


def test_code_is_ruff_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_exactly_one_dependency_file_for_streamlit_cloud_and_it_installs_this_project():
    candidates = ["uv.lock", "Pipfile", "environment.yml", "requirements.txt"]
    present = [name for name in candidates if (REPO / name).exists()]
    assert present == ["requirements.txt"]
    lines = [
        line.strip()
        for line in (REPO / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines == ["."], "dependencies belong in pyproject.toml; requirements.txt only installs the project"


def test_streamlit_config_hides_default_navigation_and_turns_off_usage_stats():
    import tomllib

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showSidebarNavigation"] is False
    assert config["theme"]["primaryColor"]


def test_no_package_imports_its_own_modules_on_import():
    """A package whose __init__ imports its own submodules takes the import locks parent first, while a thread
    importing a submodule directly takes them child first: two cold sessions then fail with _DeadlockError (it
    happened under load, 3 of 400 runs). Package faces load their names on first use instead (PEP 562)."""
    offenders = []
    for init in [*PACKAGE.rglob("__init__.py"), *(REPO / "ui").rglob("__init__.py")]:
        package = module_name(init)
        tree = ast.parse(init.read_text(encoding="utf-8"))
        top_level = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
        for node in top_level:
            for _, name in imported_modules(ast.unparse(node), package, is_package=True):
                if name.split(".")[0] == package.split(".")[0]:
                    offenders.append(f"{init.relative_to(REPO)}:{node.lineno}: {name}")
    assert offenders == []
