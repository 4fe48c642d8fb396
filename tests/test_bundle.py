"""The PyInstaller bundle builds from build.spec and passes its own --self-test.

Slow (about a minute to build): runs in CI (CI=true) or with LIVEASSETS_SLOW=1.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("LIVEASSETS_SLOW")),
                       reason="slow: set LIVEASSETS_SLOW=1 (CI runs it)"),
]


def test_bundle_builds_and_passes_its_self_test(tmp_path):
    pytest.importorskip("PyInstaller")
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
         "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build"),
         "build.spec"], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert build.returncode == 0, build.stderr[-3000:]
    exe = tmp_path / "dist" / "LiveAssets" / ("LiveAssets.exe" if os.name == "nt" else "LiveAssets")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([str(exe), "--self-test"], capture_output=True, text=True, env=env,
                         timeout=600, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "self-test passed" in run.stdout
    size_mb = sum(f.lstat().st_size for f in (tmp_path / "dist").rglob("*")
                  if f.is_file() and not f.is_symlink()) / 2**20
    assert size_mb < 700, f"the bundle grew to {size_mb:.0f} MB"
