"""Evaluation gate: every figure on ../shared/eval stays at or above its recorded floor.

Runs scripts/eval_all.py (the eval README's commands through the CLI and the
shipped scorers); skips cleanly where ../shared is absent.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_every_evaluation_meets_its_floor(shared_dir):
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_all.py"), "--shared",
                          str(shared_dir)], check=False, capture_output=True, text=True, timeout=1800)
    print(res.stdout)
    lines = [ln for ln in res.stdout.splitlines() if ln.strip()]
    assert len(lines) >= 9, res.stderr[-3000:]
    assert "BELOW FLOOR" not in res.stdout, res.stdout
    assert res.returncode == 0, res.stderr[-3000:]
