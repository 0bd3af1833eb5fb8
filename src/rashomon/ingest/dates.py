"""Normalise the publication dates that inputs carry to ``YYYY-MM-DD``."""

from __future__ import annotations

import datetime as dt
import logging
import re
from email.utils import parsedate_to_datetime

logger = logging.getLogger(__name__)

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y",
            "%d/%m/%Y", "%Y/%m/%d", "%Y%m%d")
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)\b")


def _valid(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` when the parts make a real date, else None."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_date(value: object) -> str | None:
    """Turn a date, datetime, ISO string, RFC 2822 or 'May 8, 2025' into ``YYYY-MM-DD``."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    m = _ISO.match(text)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    text = _ORDINAL.sub(r"\1", text).replace("Sept ", "Sep ")
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        logger.debug("unparsed date %r", text)
        return None
