"""Language identification of article text (py3langid)."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

logger = logging.getLogger(__name__)

UNDETERMINED = "und"
MIN_LETTERS = 20  # fewer letters than this: too little to tell
MIN_PROBABILITY = 0.5
SAMPLE_CHARS = 1500  # the language is clear long before; keeps long pages fast
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """The py3langid model with normalised probabilities, loaded once."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` ("en", "ur", "hi"...); "und" when too short or unclear."""
    sample = (text or "")[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return UNDETERMINED
    lang, prob = _identifier().classify(sample)
    if prob < MIN_PROBABILITY:
        logger.debug("language unclear (%s %.2f)", lang, prob)
        return UNDETERMINED
    return str(lang)
