"""Recognise the lines above an article that are not its title.

Copied articles often start with a byline ("Von Maria Beispiel", "By Jane
Doe"), a dateline ("Berlin, 3. März (dpa) –") or a time stamp ("Updated 5 min
ago", "Stand: 03.03.2025, 14:05 Uhr"). They are short and end without a full
stop, so they look like a headline; the title is the line after them.

Each pattern must match the *whole* line: a body paragraph that begins with a
dateline ("Berlin (dpa) – Die Regierung …") is text, not a line to skip.
"""

from __future__ import annotations

import re

_UPPER = "A-ZÄÖÜÀ-ÞŁŚŻ"
# A personal name: capitalised words, with particles ("Ursula von der Leyen").
_NAME = (
    rf"[{_UPPER}][\w'’.-]*"
    rf"(?:\s+(?:(?:von|van|de|der|den|zu|la|le|di|da|del|dos|bin|al)\s+)*[{_UPPER}][\w'’.-]*){{0,3}}"
)
_NAMES = rf"{_NAME}(?:\s*(?:,|&|\bund\b|\band\b)\s*{_NAME})*"
_BYLINE = re.compile(
    r"(?i:von|by|text(?:\s+von)?:?|written\s+by|interview:?|"
    r"(?:ein(?:e)?\s+)?(?:kommentar|gastbeitrag|analyse|reportage|kolumne)\s+von|"
    r"(?:an?\s+)?(?:commentary|analysis|report|opinion)\s+by)"
    rf"\s+{_NAMES}"
    r"(?:\s*[,|·/–—-]\s*[^.!?\n]{0,40})?"  # ", Berlin", " | Korrespondentin"
)

_MONTHS = (
    "Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
    "Dezember|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Oct|Nov|Dez|Dec|January|February|"
    "March|May|June|July|October|December"
)
_DATE = (
    # 3. März 2025, 03.03.2025
    rf"(?:\d{{1,2}}\.\s*(?:(?i:{_MONTHS})\.?|\d{{1,2}}\.)\s*(?:\d{{2,4}})?"
    rf"|(?i:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s*\d{{4}})?"  # March 3, 2025
    rf"|\d{{1,2}}\s+(?i:{_MONTHS})\.?(?:\s+\d{{4}})?"  # 3 March 2025
    r"|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s*(?:um\s+|at\s+)?\d{1,2}[:.]\d{2}(?:\s*(?i:Uhr|h|am|pm))?)?"
)
_WEEKDAY = (
    r"(?:(?i:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s*(?:den\s+)?)?"
)
_AGENCY = r"\((?:[A-Za-z]{2,12}(?:\s*[/,]\s*[A-Za-z]{2,12})*)\)"
_PLACE = rf"[{_UPPER}][\w'’./-]*(?:\s+[\w'’./-]+){{0,3}}"
_DASH = r"\s*[–—:-]?"
_DATELINE = re.compile(
    rf"(?:{_PLACE}\s*(?:,\s*{_WEEKDAY}(?:den\s+)?{_DATE})?\s*{_AGENCY}{_DASH}"  # Berlin (dpa) –
    rf"|{_PLACE}\s*,\s*{_WEEKDAY}(?:den\s+)?{_DATE}{_DASH}"  # Berlin, 3. März –
    rf"|{_WEEKDAY}{_DATE}{_DASH})"  # 3. März 2025, 14:05 Uhr
)
_AGO = (
    r"(?:\d+\s*(?i:min|mins|minutes?|hours?|hrs?|h|days?)\s+(?i:ago)"
    r"|(?i:vor)\s+\d+\s*(?i:min(?:uten|\.)?|stunden?|std\.|tagen?))"
)
_STAMP = re.compile(
    r"(?i:(?:zuletzt\s+)?aktualisiert|last\s+updated|updated|published|veröffentlicht|"
    r"posted|stand|erstellt|geändert)(?:\s+(?i:am|on|at|um))?:?\s+"
    rf"(?:{_AGO}|{_WEEKDAY}{_DATE}|(?i:today|yesterday|heute|gestern)(?:,?\s*[\d:.]+(?:\s*(?i:Uhr|am|pm))?)?)"
    rf"|{_AGO}"
    r"|(?i:lesezeit|read\s+time|reading\s+time):?\s*\d+\s*(?i:min(?:uten|utes?|\.)?)"
    r"|\d+\s*(?i:min(?:ute)?)\s+(?i:read)"
)


def is_byline_or_dateline(line: str) -> bool:
    """A byline, dateline or time stamp: a line above the article that is not its title."""
    line = " ".join(line.split())
    if not line or len(line) > 100:
        return False
    return any(p.fullmatch(line) for p in (_BYLINE, _DATELINE, _STAMP))
