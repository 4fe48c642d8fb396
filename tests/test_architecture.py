"""The house's arrows, enforced: the core never imports Qt, and layers only import downwards."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import liveassets

PACKAGE = Path(liveassets.__file__).parent
# Which top-level parts of liveassets each part may import (HOUSE.md: ui -> cuts/publish -> media -> catalog).
# Small modules with no liveassets imports beyond each other: cross-cutting helpers (one atomic
# write, one check for originals, one route for names to other programs and the terminal).
LEAVES = {"errors", "jobs", "people", "resources", "atomic", "originals", "safe_paths",
          "lifetime", "temps", "userfiles"}
ALLOWED = {
    "errors": set(),
    "lifetime": set(),
    "temps": {"errors"},
    "userfiles": {"errors"},
    "safe_paths": set(),
    "originals": {"errors", "safe_paths"},
    "atomic": {"errors", "originals", "temps"},
    "jobs": set(),
    "people": set(),
    "catalog": {"catalog", "errors"},
    "media": {"media", "catalog"} | LEAVES,
    "cuts": {"cuts", "media", "catalog"} | LEAVES,
    "publish": {"publish", "cuts", "media", "catalog"} | LEAVES,
    "packs": {"packs", "publish", "cuts", "media", "catalog"} | LEAVES,
}


def core_modules():
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="liveassets."):
        if not info.name.startswith("liveassets.ui"):
            yield info.name


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


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names)


def test_layers_only_import_downwards():
    problems = []
    for part, allowed in ALLOWED.items():
        files = [PACKAGE / f"{part}.py"] if (PACKAGE / f"{part}.py").exists() else \
            list((PACKAGE / part).rglob("*.py"))
        for f in files:
            for mod in _imports(f):
                bits = mod.split(".")
                if bits[0] == "liveassets" and len(bits) > 1 and bits[1] not in allowed:
                    problems.append(f"{f.relative_to(PACKAGE)} imports {mod}")
                if bits[0] == "PySide6":
                    problems.append(f"{f.relative_to(PACKAGE)} imports Qt")
    assert not problems, problems


def test_no_module_outside_ui_imports_qt_even_lazily():
    offenders = [str(f.relative_to(PACKAGE)) for f in PACKAGE.rglob("*.py")
                 if "ui" not in f.relative_to(PACKAGE).parts[:1]
                 and any(m.split(".")[0] == "PySide6" for m in _imports(f))]
    assert not offenders, f"Qt belongs in liveassets/ui/: {offenders}"
