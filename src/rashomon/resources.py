"""Loading of the YAML lexicons and registries shipped in ``rashomon/data``."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_data(name: str) -> Any:
    """Parse ``rashomon/data/<name>`` (YAML or JSON); cached per process."""
    text = resources.files("rashomon.data").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)
