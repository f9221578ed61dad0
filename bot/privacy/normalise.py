"""Text normalisation before detection.

Pasted text hides identifiers from patterns: a non-breaking space inside a postcode,
a zero-width space inside a phone number, a full-width "＠" in an email. So every
message is normalised first, and the anonymised text the gateway passes on is the
normalised text with placeholders:

- Unicode NFKC (full-width letters, digits and "＠" become ASCII; ligatures split);
- zero-width and other invisible formatting characters (ZWSP, ZWNJ, ZWJ, word joiner,
  BOM, soft hyphen, bidirectional marks) are removed;
- every Unicode space (non-breaking, narrow, thin, ideographic, tabs...) becomes a
  plain space; line breaks are kept as they are.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[^\S\r\n]")


def normalise(text: str) -> str:
    """The text as detection sees it (and as the gateway passes it on)."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text)


def straight_apostrophes(text: str) -> str:
    """Curly apostrophes as straight ones ("he’s" as "he's"): phones type curly ones,
    patterns are written with straight ones."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def normalise_whitespace(text: str) -> str:
    """Whitespace and invisible characters only, runs collapsed: for comparing texts."""
    text = _INVISIBLE.sub("", text)
    return " ".join(text.split())
