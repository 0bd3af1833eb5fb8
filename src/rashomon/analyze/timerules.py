"""Time phrase normalisation: the lexicon-built rules that turn "Wednesday",
"May 10", "two days later" or "87 hours" into TimeML-like values.

Pure functions over text and a ``TimeContext`` (publication date, previous
date, tense); finding the phrases in a document is ``analyze.times``.
Conventions (see ../shared/contract.md): DATE values are YYYY-MM-DD, YYYY-MM,
YYYY, YYYY-Www (weeks, "-WE" for a weekend), YYYY-Qn, YYYY-Hn, YYYY-SU
(seasons), YYY (decades), YY (centuries), or PRESENT_REF / PAST_REF /
FUTURE_REF for "now", "recently", "soon"; DURATION values are ISO 8601
("PT87H", "P3D", "P60Y", "P2Y6M"), with X for a vague count ("several years" ->
"PXY"). A bare weekday is the most recent such day, the publication day itself
included; in a future clause it is the coming one. A day or month without a
year takes the year that puts it nearest the publication date, a date on the
unexpected side (the future, in a past clause) counting double.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from rashomon.analyze.numbers import NUMBER_PATTERN, parse_number, parse_ordinal
from rashomon.resources import load_data

logger = logging.getLogger(__name__)

LEX = load_data("times.yaml")
MONTHS: dict[str, int] = LEX["months"]
WEEKDAYS: dict[str, int] = LEX["weekdays"]
UNITS: dict[str, list] = LEX["units"]
#: A quarter starting this far ahead is taken to be last year's.
FUTURE_SLACK = timedelta(days=62)
#: How much farther a future date counts than a past one when a year must be
#: chosen for "January" or "May 10" outside a future clause.
FUTURE_WEIGHT = 2.0


def _alt(words: object) -> str:
    """Regex alternation of words, longest first, spaces as \\s+."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


MON = rf"(?:{_alt(MONTHS)})\.?"
WD = rf"(?:{_alt(WEEKDAYS)})"
UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?" \
       r"|months?|years?|decades?|centur(?:y|ies))"
NUM = NUMBER_PATTERN
VAGUE = rf"(?:{_alt(LEX['vague_quantities'])})"
QUANT = r"(?:about|around|some|nearly|almost|roughly|approximately|more\s+than|over|less\s+than" \
        r"|under|at\s+least|up\s+to|just|only|barely|just\s+over|just\s+under|fewer\s+than)"
PART = rf"(?:{_alt(LEX['day_parts'])})"
REFS = {v: k for k, vs in LEX["references"].items() for v in vs}


# ---------------------------------------------------------------- helpers
@dataclass(frozen=True)
class TimeContext:
    """What a phrase is resolved against: the publication date, the previous
    date in the text (and its granularity), and whether the clause is future."""

    anchor: date | None = None
    ref: date | None = None
    ref_gran: str = "day"  # day | month | year
    future: bool = False

    @property
    def base(self) -> date | None:
        """The date "later"/"earlier" count from: the previous date, else the anchor."""
        return self.ref or self.anchor


def _iso_day(d: date) -> str:
    return d.isoformat()


def _iso_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _shift_months(d: date, n: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return date(y, m + 1, 1)


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _unit(word: str) -> list:
    """Lexicon entry [designator, multiplier, is_time] for a unit word ("days")."""
    w = word.lower()
    if w.startswith("centur"):
        return UNITS["century"]
    return UNITS.get(w) or UNITS[w[:-1]]


def _year_for(month: int, day: int, ctx: TimeContext) -> int | None:
    """Year of a month/day given without one. In a future clause, the first one
    not already past; else, of the anchor's year and its neighbours, the one
    nearest the anchor, a future date counting double (news looks back)."""
    a = ctx.anchor
    if a is None:
        return None
    best: tuple[float, int] | None = None
    for y in (a.year - 1, a.year, a.year + 1):
        d = _safe_date(y, month, min(day, 28))
        if d is None:
            return None
        days = (d - a).days
        if ctx.future:
            if days >= -7:
                return y
            continue
        cost = days * FUTURE_WEIGHT if days > 0 else -days
        if best is None or cost < best[0]:
            best = (cost, y)
    return best[1] if best else None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _g(m: re.Match, name: str) -> str:
    """A named group, lowercased, spaces collapsed ("" when it did not take part)."""
    return re.sub(r"\s+", " ", (m.group(name) or "").lower()).strip()


Result = tuple[str | None, str]
Handler = Callable[[re.Match, TimeContext], Result]
NONE: Result = (None, "DATE")


# ---------------------------------------------------------------- handlers
def _h_iso(m: re.Match, ctx: TimeContext) -> Result:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (_iso_day(d), "DATE") if d else NONE


def _h_month_day(m: re.Match, ctx: TimeContext) -> Result:
    month = MONTHS[_g(m, "mon").rstrip(".")]
    day = int(m["day"])
    year = int(m["year"]) if m["year"] else _year_for(month, day, ctx)
    d = _safe_date(year, month, day) if year else None
    return (_iso_day(d), "DATE") if d else NONE


def _h_month_year(m: re.Match, ctx: TimeContext) -> Result:
    month = MONTHS[_g(m, "mon").rstrip(".")]
    if m["year"]:
        return _iso_month(int(m["year"]), month), "DATE"
    if ctx.anchor is None:
        return NONE
    return _iso_month(ctx.anchor.year + {"last": -1, "next": 1}.get(_g(m, "myrel"), 0), month), \
        "DATE"


def _h_month(m: re.Match, ctx: TimeContext) -> Result:
    month, mod, a = MONTHS[_g(m, "mon").rstrip(".")], _g(m, "mmod"), ctx.anchor
    if a is None:
        return NONE
    if mod in ("last", "this past"):
        year = a.year if month < a.month else a.year - 1
    elif mod in ("next", "this coming"):
        year = a.year if month > a.month else a.year + 1
    elif mod == "this":
        year = a.year
    else:
        year = _year_for(month, 15, ctx) or a.year
    return _iso_month(year, month), "DATE"


def _h_year(m: re.Match, ctx: TimeContext) -> Result:
    return m["year"], "DATE"


def _h_decade(m: re.Match, ctx: TimeContext) -> Result:
    if m["dec"]:
        return m["dec"][:3], "DATE"
    if ctx.anchor is None:
        return NONE
    d2 = int(m["d2"])
    century = ctx.anchor.year // 100 - (1 if d2 * 10 > ctx.anchor.year % 100 else 0)
    return f"{century}{d2}", "DATE"


def _h_century(m: re.Match, ctx: TimeContext) -> Result:
    return f"{int(m['c']) - 1:02d}", "DATE"


def _quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _h_quarter(m: re.Match, ctx: TimeContext) -> Result:
    a, mod = ctx.anchor, _g(m, "qmod")
    n = parse_ordinal(_g(m, "ord")) if m["ord"] else (int(m["qn"]) if m["qn"] else None)
    year = m["y1"] or m["y2"] or m["y3"]
    if year:
        return (f"{year}-Q{n}", "DATE") if n else (year, "DATE")
    if a is None:
        return NONE
    rel = _g(m, "yrel") or mod
    shift = -1 if rel.startswith(("last", "the year")) else 1 if rel.startswith("next") else 0
    if n:
        y = a.year + shift
        if not shift and not rel.startswith("this"):
            start = date(y, 3 * n - 2, 1)
            y = y - 1 if start > a + FUTURE_SLACK and not ctx.future else y
        return f"{y}-Q{n}", "DATE"
    q = _quarter_of(a) - 1 + ({"this": 1, "the current": 1, "next": 2}.get(mod, 0))
    y, q = a.year + (q - 1) // 4, (q - 1) % 4 + 1
    if mod in ("", "the", "the same"):
        return (str(y), "DATE") if mod == "the" else NONE
    if mod.startswith("the year"):
        return str(y - 1), "DATE"
    if mod.startswith("last year"):
        return f"{y - 1}-Q{q}", "DATE"
    return f"{y}-Q{q}", "DATE"


def _h_half(m: re.Match, ctx: TimeContext) -> Result:
    h = 1 if _g(m, "h") == "first" else 2
    year = m["hy"] or (str(ctx.anchor.year + (-1 if _g(m, "hrel") == "last" else 1 if
                                              _g(m, "hrel") == "next" else 0))
                       if ctx.anchor else None)
    return (f"{year}-H{h}", "DATE") if year else NONE


def _h_season(m: re.Match, ctx: TimeContext) -> Result:
    code = LEX["seasons"][_g(m, "season")]
    if m["sy"]:
        return f"{m['sy']}-{code}", "DATE"
    if ctx.anchor is None:
        return NONE
    mod, y = _g(m, "smod"), ctx.anchor.year
    if mod == "last":
        y -= 1
    elif mod == "next":
        y += 1
    return f"{y}-{code}", "DATE"


def _h_named_day(m: re.Match, ctx: TimeContext) -> Result:
    if ctx.anchor is None:
        return NONE
    word = _g(m, "nd") or _g(m, "lp")
    offsets = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1,
               "the day before yesterday": -2, "the day after tomorrow": 2}
    return _iso_day(ctx.anchor + timedelta(days=offsets[word])), "DATE"


def _h_weekday(m: re.Match, ctx: TimeContext) -> Result:
    a = ctx.anchor
    if a is None:
        return NONE
    wd, mod = WEEKDAYS[_g(m, "wd")], _g(m, "wmod")
    back, ahead = (a.weekday() - wd) % 7, (wd - a.weekday()) % 7
    if mod in ("last", "past", "previous", "this past"):
        delta = -(back or 7)
    elif mod in ("next", "coming", "this coming"):
        delta = ahead or 7
    elif mod == "this" or ctx.future:
        delta = ahead
    else:
        delta = -back
    return _iso_day(a + timedelta(days=delta)), "DATE"


def _rel_value(base: date, unit: str, n: int, gran: str = "day") -> str:
    """``base`` moved by n units, at the unit's (or the base's) granularity."""
    des, mult, is_time = _unit(unit)
    if des == "Y":
        return str(base.year + n * mult)
    if des == "M" and not is_time:
        d = _shift_months(base, n * mult)
        return _iso_month(d.year, d.month)
    days = {"D": 1, "W": 7}.get(des, 0) * n * mult
    if is_time:
        days = int(n * mult * {"H": 1 / 24, "M": 1 / 1440, "S": 1 / 86400}[des])
    d = base + timedelta(days=days)
    if gran == "year":
        return str(d.year)
    return _iso_month(d.year, d.month) if gran == "month" else _iso_day(d)


def _h_rel_unit(m: re.Match, ctx: TimeContext) -> Result:
    mod, unit = _g(m, "rmod"), _g(m, "ru")
    if mod in ("the past", "the last", "the next", "the coming"):
        des, mult, _ = _unit("week" if unit == "weekend" else unit)
        return f"P{mult}{des}", "DURATION"
    rel_to_ref = mod.startswith(("the same", "the following", "the previous", "the prior",
                                 "the preceding"))
    base = ctx.base if rel_to_ref else ctx.anchor
    if base is None:
        return NONE
    n = 1 if mod.endswith(("next", "coming", "following")) else \
        -1 if mod.endswith(("last", "past", "previous", "prior", "preceding")) else 0
    if unit == "decade":
        return str(base.year // 10 + n)[:3], "DATE"
    if unit in ("week", "weekend"):
        value = _iso_week(base + timedelta(days=7 * n))
        return (value + "-WE" if unit == "weekend" else value), "DATE"
    gran = ctx.ref_gran if rel_to_ref else "day"
    return _rel_value(base, unit, n, gran), "DATE"


def _h_rel_offset(m: re.Match, ctx: TimeContext) -> Result:
    direction, unit = _g(m, "dir"), _g(m, "ou")
    base, gran = ctx.base, ctx.ref_gran
    if direction in ("ago", "from now", "hence") or _GRAN_RANK[_unit_gran(unit)] < _GRAN_RANK[gran]:
        base, gran = ctx.anchor, "day"  # a day counted from a year-only reference means nothing
    n = parse_number(m["on"]) if m["on"] else None
    if base is None:
        return NONE
    if n is None:
        return ("PAST_REF", "DATE") if direction == "ago" else NONE
    sign = -1 if direction in ("ago", "earlier", "before", "prior") else 1
    return _rel_value(base, unit, int(sign * n), gran), "DATE"


_GRAN_RANK = {"day": 0, "month": 1, "year": 2}


def _unit_gran(unit: str) -> str:
    """The granularity a count of ``unit`` needs its reference date to have."""
    des, _, is_time = _unit(unit)
    return "year" if des == "Y" else "month" if des == "M" and not is_time else "day"


def _h_ref_day(m: re.Match, ctx: TimeContext) -> Result:
    base = ctx.base
    if base is None:
        return NONE
    word = _g(m, "rd")
    n = 0 if word == "the same day" else -1 if word in ("the day before", "the previous day",
                                                        "the prior day", "the eve") else 1
    return _rel_value(base, "day", n, ctx.ref_gran), "DATE"


def _h_period_edge(m: re.Match, ctx: TimeContext) -> Result:
    a = ctx.anchor
    if a is None:
        return NONE
    n = {"last": -1, "next": 1}.get(_g(m, "emod"), 0)
    unit = "year" if m["ye"] else _g(m, "eu")
    if unit == "week":
        return _iso_week(a + timedelta(days=7 * n)), "DATE"
    return _rel_value(a, unit, n), "DATE"


def _h_weekend(m: re.Match, ctx: TimeContext) -> Result:
    """The weekend just past (the current one on a Saturday or Sunday); in a future
    clause ("will reopen by the weekend") the coming one, that of the anchor's week."""
    a = ctx.anchor
    if a is None:
        return NONE
    if ctx.future:
        return _iso_week(a) + "-WE", "DATE"
    return _iso_week(a if a.weekday() >= 5 else a - timedelta(days=7)) + "-WE", "DATE"


def _h_year_rel(m: re.Match, ctx: TimeContext) -> Result:
    if ctx.anchor is None:
        return NONE
    return str(ctx.anchor.year - 1), "DATE"


#: A fraction of a unit in the next smaller one: 2.5 years -> 2 years 6 months.
_SMALLER = {("Y", False): ("M", 12, False), ("M", False): ("D", 30, False),
            ("W", False): ("D", 7, False), ("D", False): ("H", 24, True),
            ("H", True): ("M", 60, True), ("M", True): ("S", 60, True)}


def iso_duration(n: float, des: str, is_time: bool) -> str:
    """ISO 8601 duration of n units ("P3D", "PT87H"); fractions go to the next
    smaller unit ("P2Y6M", "PT1M30S")."""
    whole, frac = int(n), n - int(n)
    parts = [(whole, des, is_time)] if whole else []
    if frac > 1e-9:
        if (des, is_time) not in _SMALLER:
            return f"P{'T' if is_time else ''}{_fmt_num(n)}{des}"
        sdes, per, stime = _SMALLER[des, is_time]
        parts.append((round(frac * per), sdes, stime))
    date_part = "".join(f"{v}{d}" for v, d, t in parts if not t)
    time_part = "".join(f"{v}{d}" for v, d, t in parts if t)
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def _h_duration(m: re.Match, ctx: TimeContext) -> Result:
    n = parse_number(m["dn"])
    if n is None:
        return None, "DURATION"
    des, mult, is_time = _unit(_g(m, "du"))
    n = n * mult + (0.5 * mult if m["dhalf"] else 0)
    return iso_duration(n, des, is_time), "DURATION"


def _h_vague_duration(m: re.Match, ctx: TimeContext) -> Result:
    if _g(m, "vq") == "recent":
        return "PAST_REF", "DATE"
    des, _, is_time = _unit(_g(m, "vu"))
    return f"P{'T' if is_time else ''}X{des}", "DURATION"


def _h_reference(m: re.Match, ctx: TimeContext) -> Result:
    return REFS[_g(m, "ref")], "DATE"


# ---------------------------------------------------------------- rules
#: (name, regex core, handler); order breaks ties between equally long matches.
RULES: list[tuple[str, str, Handler]] = [
    ("iso_date", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)", _h_iso),
    ("month_day", (rf"(?:(?:{WD}),?\s+)?(?:the\s+)?(?P<mon>{MON})\s+(?P<day>\d{{1,2}})"
                  r"(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4})\b)?"), _h_month_day),
    ("day_month", (rf"(?:(?:{WD}),?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                  rf"(?P<mon>{MON})(?:,?\s+(?P<year>\d{{4}})\b)?"), _h_month_day),
    ("month_year", (rf"(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)"
                   rf"[\s-]+)?(?P<mon>{MON}),?\s+(?:of\s+)?(?:(?P<year>\d{{4}})\b|(?P<myrel>last|this|next)"
                   r"\s+year)"), _h_month_year),
    ("month", (rf"(?:(?P<mmod>last|this|next|this\s+past|this\s+coming|early|mid|late)[\s-]+)?"
              rf"(?P<mon>{MON})"), _h_month),
    ("quarter", (r"(?:(?P<qmod>this|last|next|the|the\s+current|the\s+latest|the\s+most\s+recent"
                r"|the\s+previous|the\s+same|the\s+year[- ](?:earlier|ago)|(?:this|last|next)\s+"
                r"year['’]s|(?P<y1>\d{4})['’]?s?)\s+)?(?:fiscal\s+)?(?:(?P<ord>first|second|third"
                r"|fourth|1st|2nd|3rd|4th)[\s-]+)?(?:fiscal[\s-]+)?quarter(?:\s+of\s+(?:fiscal\s+)?"
                r"(?:(?P<y2>\d{4})|(?P<yrel>this|last|next)\s+year))?"
                r"|q(?P<qn>[1-4])(?:\s+(?P<y3>\d{4}))?"), _h_quarter),
    ("half_year", (r"(?:the\s+)?(?P<h>first|second)\s+half\s+of\s+(?:(?P<hy>\d{4})|(?:the|(?P<hrel>"
                  r"this|last|next))\s+year)"), _h_half),
    ("season", (r"(?:(?P<smod>this|last|next|early|late|the)\s+)?(?P<season>spring|summer|autumn"
               r"|winter|fall)(?:\s+(?:of\s+)?(?P<sy>\d{4}))?"), _h_season),
    ("year", (r"(?:(?:fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|early|mid|late|the\s+end"
             r"\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[\s-]+)?"
             r"(?P<year>1[6-9]\d\d|20\d\d)(?!\s*(?:%|percent|per\s+cent))"), _h_year),
    ("decade", (r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<dec>1[6-9]\d0|20\d0)['’]?s"
               r"|['’](?P<d2>\d)0s)"), _h_decade),
    ("century", r"(?:the\s+)?(?P<c>1\d|2[01])(?:st|nd|rd|th)[\s-]+century", _h_century),
    ("named_day", (rf"(?:(?:early|late)\s+)?(?:(?P<nd>the\s+day\s+before\s+yesterday|the\s+day\s+"
                  rf"after\s+tomorrow|today|tonight|yesterday|tomorrow)(?:\s+{PART})?"
                  rf"|(?P<lp>last|this)\s+(?:night|morning|afternoon|evening))"), _h_named_day),
    ("weekday", (rf"(?:(?P<wmod>last|this|next|this\s+past|this\s+coming|coming|past|previous|early"
                rf"|late)\s+)?(?:on\s+)?(?P<wd>{WD})(?:\s+{PART})?"), _h_weekday),
    ("ref_day", (r"(?P<rd>the\s+same\s+day|the\s+(?:following|next|previous|prior)\s+day"
                r"|the\s+day\s+(?:before|after))"), _h_ref_day),
    ("relative_unit", (r"(?P<rmod>last|this|next|past|previous|coming|current|this\s+past|"
                      r"(?:earlier|later|early|late)\s+(?:this|last|next)|the\s+(?:past|last|next"
                      r"|coming|current|same|following|previous|prior|preceding))\s+"
                      r"(?P<ru>week|weekend|month|year|decade)"), _h_rel_unit),
    ("period_edge", (r"(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of\s+(?P<emod>the"
                    r"|this|last|next)\s+(?P<eu>week|month|year)|(?P<ye>year)[- ]end"), _h_period_edge),
    ("weekend", r"the\s+weekend", _h_weekend),
    ("year_earlier", r"(?:the\s+)?year[- ](?:earlier|ago)", _h_year_rel),
    ("relative_offset", (rf"(?:{QUANT}\s+)?(?:(?P<on>{NUM})|{VAGUE})[\s-]+(?P<ou>{UNIT})\s+"
                        r"(?P<dir>ago|earlier|later|before|after|prior|from\s+now|hence)"),
     _h_rel_offset),
    ("duration", (rf"(?:{QUANT}\s+)?(?:the\s+(?:past|last|next|first|previous|coming|final|following"
                 rf"|remaining|latest|initial|full)\s+)?(?P<dn>{NUM})[\s-]+(?P<du>{UNIT})"
                 r"(?P<dhalf>\s+and\s+a\s+half)?(?:[\s-]+(?:long|old))?"), _h_duration),
    ("vague_duration", (rf"(?:the\s+(?:past|last|next|coming)\s+)?(?P<vq>{VAGUE})\s+(?P<vu>"
                       r"seconds|minutes|hours|days|weeks|months|years|decades|centuries)"),
     _h_vague_duration),
    ("reference", rf"(?P<ref>{_alt(REFS)})", _h_reference),
]

_FULL = [(name, re.compile(core, re.IGNORECASE), h) for name, core, h in RULES]
_HANDLERS = {name: h for name, _, h in RULES}
_ORDER = {name: i for i, (name, _, _) in enumerate(RULES)}
_LEADING = re.compile(r"^(?:on|in|at|by|since|until|till|before|after|from|during|for|through"
                      r"|throughout|of|to|as\s+of|circa|starting|beginning)\s+", re.IGNORECASE)

#: dateparser is only asked about text naming a month or giving a numeric day/month/year.
_DP_WORTHY = re.compile(rf"\b(?:{_alt(MONTHS)})\b|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b", re.IGNORECASE)


@lru_cache(maxsize=64)
def _date_parser(anchor: date | None):
    """One dateparser per anchor date (cheap to build; parses are cached below)."""
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=8192)
def _dateparser_value(text: str, anchor: date | None) -> str | None:
    """An explicit date through dateparser, only for text naming a month, a year or
    a numeric date (it invents dates from anything else)."""
    if not _DP_WORTHY.search(text):
        return None
    data = _date_parser(anchor).get_date_data(text)
    d = data.date_obj
    if d is None or not 1600 <= d.year <= 2100:
        return None
    period = data.period or "day"
    if period == "year":
        return str(d.year)
    if period == "month":
        return _iso_month(d.year, d.month)
    return _iso_week(d.date()) if period == "week" else _iso_day(d.date())


def _clean(text: str) -> str:
    s = re.sub(r"\s+", " ", text.strip().replace("\u2019", "'"))
    s = re.sub(r"'s?$", "", s)
    return _LEADING.sub("", s).strip(" ,.;:") if s else s


def normalize_rule(text: str, ctx: TimeContext) -> tuple[str | None, str, str]:
    """(value, type, rule name) of a whole time phrase, or (None, "DATE", "")."""
    s = _clean(text)
    for name, rx, handler in _FULL:
        m = rx.fullmatch(s)
        if m:
            value, kind = handler(m, ctx)
            if value is not None:
                return value, kind, name
    value = _dateparser_value(s, ctx.anchor)
    return (value, "DATE", "dateparser") if value else (None, "DATE", "")


def normalize_time(text: str, anchor: date | None, *, ref: date | None = None,
                   future: bool = False) -> tuple[str | None, str]:
    """(value, type) of a time phrase against publication date ``anchor``:
    ("2025-05-07", "DATE") for "Wednesday" in a Thursday article, ("PT87H", "DURATION")."""
    value, kind, _ = normalize_rule(text, TimeContext(anchor, ref, "day", future))
    return value, kind
