"""Social media handles and web addresses, for bot/privacy/structured.py."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.privacy.patterns import Span, finditer

_SOCIAL = (
    r"(?:snap(?:chat)?|insta(?:gram)?|tik ?tok|twitter|facebook|fb|ig|telegram|discord|"
    r"kik|whats ?app|yubo|threads|youtube|twitch|x|reddit|onlyfans|xbox|psn|playstation|"
    r"gamertag|roblox|fortnite|steam)"
)


def handles(text: str, lexicon_is_word) -> Iterable[Span]:  # type: ignore[no-untyped-def]
    # user_names with an underscore: "darrenlowe_84", "kez_x_x"; not a typed command
    # such as "/role_dsl" (a slash before it), which the gateway passes on as text.
    # Also "jaxx.t_" (a trailing underscore), but not a word and a stray one ("is_").
    for start, end, kind in finditer(
        r"(?<![\w@./\u2215])[a-z][a-z0-9.]*_(?:[a-z0-9_]*[a-z0-9_])?(?![\w@])", text, "HANDLE"
    ):
        if not text[start:end].rstrip("_").isalpha():
            yield start, end, kind
    # Reddit's "u/name" and "/u/name", not an age band ("U/16s", "u/18s", "u/age").
    for match in re.finditer(r"(?<![\w])/?u/([A-Za-z0-9_-]{3,20})\b", text):
        name = match.group(1)
        if not re.fullmatch(r"\d+s?", name) and (
            re.search(r"[\d_-]", name) or not lexicon_is_word(name)
        ):
            yield match.start(), match.end(), "HANDLE"
    yield from finditer(
        r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,29}[A-Za-z0-9_])?", text, "HANDLE", 0
    )
    # A Discord tag, "name#1234"; a name in lower case with a figure for a letter,
    # "t1llyb0b" (letters either side of it, six characters or more).
    yield from finditer(r"(?<![\w#@])[A-Za-z0-9_.]{2,32}#\d{4}(?!\d)", text, "HANDLE", 0)
    for start, end, kind in finditer(
        r"(?<![\w@./-])[a-z]+\d+[a-z]{2,}[a-z0-9]*(?![\w@-])", text, "HANDLE", 0
    ):
        value = text[start:end]
        # Not a plate, nor words joined by a figure: "break4change", "back2school".
        joined = re.fullmatch(r"([a-z]+)[24]([a-z]+)", value)
        if joined and all(lexicon_is_word(w) for w in joined.groups()):
            continue
        if end - start >= 6 and not _PLATE.fullmatch(value):
            yield start, end, kind
    pattern = (
        rf"\b(?:{_SOCIAL}|username|user name|handle|gamertag|account name|profile name)"
        rf"(?![\w'’])\s*"
        rf"(?:(?:account|name|handle|username|user|id|tag)\s*)?"
        rf"(?:is|=|:|-|as|called)?\s*@?([A-Za-z0-9_][A-Za-z0-9_.]{{1,29}})"
    )
    for match in re.finditer(pattern, text, re.IGNORECASE):
        handle = match.group(1).rstrip(".")
        if re.search(
            r"\b(?:to|we|i|you|they|he|she|should|can|could|would|will|do|does|did|best)"
            r"\s+handle\s+\S+$",
            text[: match.end(1)],
            re.IGNORECASE,
        ):
            continue  # "how do we handle redaction": the verb
        if re.search(r"[\d_.]", handle) or not lexicon_is_word(handle):
            yield match.start(1), match.start(1) + len(handle), "HANDLE"
    # A cue, a few words, then "is"/"called": "his username on the gaming site is
    # xXdark99", "the child's account is ellabella2013", "a fake account called jo.x.x".
    cued = (
        r"\b(?:snap(?:chat)?|insta(?:gram)?|tik ?tok|twitter|facebook|telegram|discord|kik"
        r"|roblox|xbox|psn|steam|username|user name|handle|gamertag|(?:gaming|gamer) tag|account"
        r"|profile)(?:['’]s)?"
        r"(?:\s+(?!(?:is|was|called|named)\b)[\w'’]+){0,5}?\s*(?:is|was|called|named|:)\s+"
        r"@?([A-Za-z0-9_][A-Za-z0-9_.]{1,29})"
    )
    for match in re.finditer(cued, text, re.IGNORECASE):
        handle = match.group(1).rstrip(".")
        if _looks_like_handle(handle):
            yield match.start(1), match.start(1) + len(handle), "HANDLE"
    # Accounts in brackets after the platform: "her insta (lou.b)", "both snaps
    # (tk_88 and mimi.r)"; there one dot is enough ("mimi.r").
    listed = (
        rf"\b{_SOCIAL}s?(?:\s+(?:accounts?|names?|handles?|usernames?|ids?))?\s*\(([^()]{{1,80}})\)"
    )
    for match in re.finditer(listed, text, re.IGNORECASE):
        inside = match.group(1)
        # Only a list of accounts: not "(about 10.30pm)", "(see notes.docx)", "(via.messenger)".
        if re.sub(r"@?[A-Za-z0-9_][A-Za-z0-9_.]*|\s+|,|&|\band\b|\bor\b", "", inside):
            continue
        found = []
        for word in re.finditer(r"@?[A-Za-z0-9_][A-Za-z0-9_.]{1,29}", inside):
            value = word.group(0).rstrip(".")
            if value.lower() in ("and", "or"):
                continue
            if _TIME_OR_FILE.fullmatch(value) or not _listed_handle(value, lexicon_is_word):
                break
            found.append((match.start(1) + word.start(), len(value)))
        else:
            for start, length in found:
                yield start, start + length, "HANDLE"


_TIME_OR_FILE = re.compile(
    r"\d{1,2}[.:]\d{2}(?:am|pm)?|[\w-]+\.(?:docx?|pdf|csv|xlsx?|jpe?g|png|txt)", re.I
)


def _listed_handle(value: str, lexicon_is_word) -> bool:  # type: ignore[no-untyped-def]
    """In a list of accounts, a user name: as `_looks_like_handle`, or one dot between a
    name and more ("mimi.r"), unless both sides are words ("via.messenger")."""
    if _looks_like_handle(value):
        return True
    parts = re.fullmatch(r"([A-Za-z]{2,})[._]([A-Za-z0-9]+)", value)
    return bool(parts) and not all(lexicon_is_word(p) for p in parts.groups())


# A plate in lower case is the vehicle recogniser's, not a user name: "yx21abc", "h123abc".
_PLATE = re.compile(r"[a-z]{2}\d{2}[a-z]{3}|[a-z]\d{1,3}[a-z]{3}|[a-z]{3}\d{1,3}[a-z]")


def _looks_like_handle(word: str) -> bool:
    """A user name, not "3am", "2nd", "e.g" or "v.inconsistent": letters with digits,
    an underscore, or two dots or more."""
    if re.fullmatch(r"\d+(?:st|nd|rd|th|am|pm|s)?", word, re.IGNORECASE):
        return False
    letters = len(re.findall(r"[A-Za-z]", word))
    return letters >= 2 and (bool(re.search(r"\d|_", word)) or word.count(".") >= 2)


_SHORT_TLDS = (
    "com|org|net|uk|io|me|ly|tv|app|gg|info|ie|be|gl|co|us|ca|de|fm|to|link|page|site|xyz|eu|"
    "fr|es|it|nl|au|nz|in|ai|so|sh|ws|cc|la|lnk|gd|gy|is|im|tk"
)


def urls(text: str, public_domains: frozenset[str]) -> Iterable[Span]:
    pattern = (
        r"\b(?:https?://|www\.)[^\s<>\"]+|"
        # A host in lower case with a path: short links and shares ("youtu.be/x",
        # "maps.app.goo.gl/x"), not "school.Mum/dad" or "hrs.mins/secs".
        rf"\b(?-i:(?:[a-z0-9-]+\.)+(?:{_SHORT_TLDS}))/[^\s<>\"]+|"
        r"\b(?:[a-z0-9-]+\.)+(?:com|co\.uk|org\.uk|org|net|uk|io|me|ly|tv|app|gg|info|ie)"
        r"(?:/[^\s<>\"]*)?"
    )
    if not re.search(
        rf"https?://|www\.|\.(?:com|co|org|net|uk|io|me|ly|tv|app|gg|info|ie)\b"
        rf"|\.(?-i:{_SHORT_TLDS})/\S",
        text,
        re.I,
    ):
        return
    for match in re.finditer(pattern, text, re.IGNORECASE):
        value = match.group(0).rstrip(".,;:!?)'\"")
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", value.lower()).split("/")[0]
        path = value.lower().split(host, 1)[-1].strip("/") if host else ""
        public = any(host == d or host.endswith("." + d) for d in public_domains)
        # A public body's page, unless its path holds an id or a query (a year is no id).
        if public and not re.search(r"(?<!\d)(?!(?:19|20)\d\d(?!\d))\d{3,}|[?&=]", path):
            continue
        if text[max(0, match.start() - 1) : match.start()] == "@":
            continue  # the domain of an email
        yield match.start(), match.start() + len(value), "URL"
