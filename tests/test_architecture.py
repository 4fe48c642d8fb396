"""The house's arrows, enforced: the layer contracts in pyproject.toml (import-linter) and,
at run time, every module outside ui/ importing with Qt blocked."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import liveassets

PACKAGE = Path(liveassets.__file__).parent
ROOT = PACKAGE.parent


def core_modules():
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="liveassets."):
        if not info.name.startswith("liveassets.ui"):
            yield info.name


def test_import_contracts_are_kept():
    """`lint-imports` reads [tool.importlinter] (layers, the core's Qt ban, ui's folders)."""
    pytest.importorskip("importlinter")
    out = subprocess.run([sys.executable, "-c",
                          "import sys; from importlinter.cli import lint_imports; "
                          "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True))"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "broken" in out.stdout and " 0 broken" in out.stdout, out.stdout[-2000:]


def test_a_broken_arrow_is_caught(tmp_path):
    """The contracts can fail: a catalog module importing the window breaks the layers."""
    pytest.importorskip("importlinter")
    bad = PACKAGE / "catalog" / "_arrow_probe.py"
    bad.write_text("import liveassets.ui.marks\n")
    try:
        out = subprocess.run([sys.executable, "-c",
                              "import sys; from importlinter.cli import lint_imports; "
                              "sys.exit(lint_imports(config_filename='pyproject.toml', "
                              "no_cache=True))"],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        bad.unlink()
    assert out.returncode != 0
    assert "liveassets.catalog._arrow_probe" in out.stdout


def test_core_imports_without_qt():
    code = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'PySide6' or name.startswith('PySide6.'):\n"
        "            raise ImportError('PySide6 is blocked: the core must not import Qt')\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for name in {sorted(core_modules())!r}:\n"
        "    if name != 'liveassets.__main__':\n"
        "        importlib.import_module(name)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr
