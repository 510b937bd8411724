"""The structure docs/architecture.md describes: no import cycle (imports inside functions
count), and plugins share only the common package `editorial`."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
SHARED = "editorial"


def test_no_import_cycle_between_modules_or_plugin_packages():
    run = subprocess.run([sys.executable, str(ROOT / ".ci" / "import_cycles.py"), str(ROOT)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "import cycles: modules 0, plugin packages 0" in run.stdout


def imported_plugins(path):
    """The plugin packages a module imports, wherever the import statement stands."""
    packages = {p.name for p in PLUGINS.iterdir() if (p / "__init__.py").exists()}
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & packages
    return found


def test_the_shared_package_imports_no_plugin():
    for path in (PLUGINS / SHARED).rglob("*.py"):
        assert imported_plugins(path) <= {SHARED}, path
