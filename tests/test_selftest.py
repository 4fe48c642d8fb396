"""`liveassets --self-test` passes in the source tree (the bundle runs the same pass)."""

import os
import subprocess
import sys


def test_self_test_passes_end_to_end():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-m", "liveassets", "--self-test"], capture_output=True,
                         text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    for step in ("scan", "cut", "caption sheet", "asset pack", "window opened"):
        assert step in out.stdout
    assert "self-test passed" in out.stdout
