"""Dates as found in the wild -> ISO 8601 at the precision they were given."""

from __future__ import annotations

import re
from datetime import UTC, datetime

_A = datetime(2000, 1, 1, 0, 0, 0)
_B = datetime(2001, 2, 2, 1, 1, 1)


def normalise_date(raw: object, *, today: datetime | None = None) -> tuple[str | None, str | None]:
    """Return ``(iso, problem)``: an ISO date (or date-time when a time was given), or a reason why not."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    today = today or datetime.now(UTC)
    if isinstance(raw, int | float) or (isinstance(raw, str) and raw.strip().isdigit() and len(raw.strip()) >= 9):
        seconds = float(raw)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        try:
            return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds"), None
        except (OverflowError, OSError, ValueError):
            return None, f"date {raw!r} is not a usable timestamp"
    text = str(raw).strip()
    if len(text) > 200:
        return None, f"date {text[:40]!r}… is too long to be a date"
    import warnings

    from dateutil import parser

    with warnings.catch_warnings(record=True) as caught:  # unknown zone names: a note, not a printed warning
        warnings.simplefilter("always")
        try:
            dayfirst = bool(_DOTTED_DAY.search(text))  # 04.07.2024: the dotted, European order
            a = parser.parse(text, default=_A, dayfirst=dayfirst)
            b = parser.parse(text, default=_B, dayfirst=dayfirst)
        except (ValueError, OverflowError, parser.ParserError):
            return None, f"date {text!r} could not be read"
    unknown_zone = any(issubclass(w.category, parser.UnknownTimezoneWarning) for w in caught)
    if not 1800 <= a.year <= today.year + 1:
        return None, f"date {text!r} is not plausible"
    if a.hour != b.hour or a.minute != b.minute:  # no time given
        if a.day != b.day:
            return (f"{a.year:04d}" if a.month != b.month else f"{a.year:04d}-{a.month:02d}"), None
        return a.date().isoformat(), _order_note(text, a)
    try:
        return a.isoformat(timespec="seconds"), (f"date {text!r}: time zone not known; kept as given without it"
                                                 if unknown_zone else _order_note(text, a))
    except ValueError:  # an offset no clock has, e.g. +99:00: keep the day, drop the time
        return a.date().isoformat(), f"date {text!r} has an impossible time-zone offset; kept the day only"


_DOTTED_DAY = re.compile(r"(?<!\d)\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})(?!\d)")
_NUMERIC_DAY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?!\d)")


def _order_note(text: str, read: datetime) -> str | None:
    """A note when a numeric date reads two ways (04/07/2024: 7 April in the US, 4 July elsewhere)."""
    m = _NUMERIC_DAY.search(text)
    if not m or m[1] == m[2] or int(m[1]) > 12 or int(m[2]) > 12 or int(m[1]) < 1 or int(m[2]) < 1:
        return None
    other = read.replace(month=read.day, day=read.month)
    order = "day first (dots: the European order)" if m[0].count(".") else "month first (the US order)"
    return (f"date {text!r} could be {read:%-d %B %Y} or {other:%-d %B %Y}: read {order}; "
            "an ISO date (2024-07-04) is never ambiguous")
