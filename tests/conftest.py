"""Shared fixtures: the real small spaCy model, paths to samples and ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the project; tests that need it skip cleanly without it."""
    if not (SHARED / "eval").is_dir():
        pytest.skip("../shared/eval is not present (it exists only on developer and CI machines)")
    return SHARED


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES
