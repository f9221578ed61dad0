"""Whether a sentence the framing model flagged is fair when read in its text
(bot/language/framing.py): the sentence-level exemptions, beside the phrase-level ones
of `bot.language.context`."""

from __future__ import annotations

import re

from bot.language.context import (
    ABOUT_SENTENCE,
    ABOUT_WORDS,
    HE_ACTED,
    HER_WORDS,
    HIM_FIRST,
    HIS_SUBJECT,
    HIS_WORDS,
)

# The next sentence rejects the one before: "This is not accurate: she called police ...".
_REJECTED_NEXT = re.compile(
    r"^\s*(?:this|that|it|which) (?:is|was) (?:not (?:accurate|right|correct|true|fair)|inaccurate"
    r"|wrong|misleading|unfair)|^\s*i (?:do not|don't|did not|didn't) agree|^\s*there (?:is|was) "
    r"no evidence",
    re.IGNORECASE,
)
# He is named as the one whose abuse it is: "since his rages began".
_HIS_ABUSE = re.compile(
    r"\b(?:his|(?:their |the |her )?(?:father|dad|stepfather|stepdad|partner|ex)['’]s"
    r"|mr\.? ?\w+['’]s)\s+(?:\w+\s+){0,2}?(?:abuse|abusive|violence|violent|rages?|control"
    r"|controlling|coercive|threats?|behaviour|assaults?|attacks?|temper|aggression|wish to)\b",
    re.IGNORECASE,
)
# The writer rejects a judgement of her or takes her part: "we do not consider ...", "is not
# colluding", "there is no evidence that ...", "understandable given what she has lived through".
_REJECTS = re.compile(
    r"\b(?:no evidence|nothing to suggest|(?:do|does|did) not (?:consider|accept|agree|believe"
    r"|think|find|see)|not consistent with|(?:is|was) not (?:weak|colluding|to blame|responsible"
    r"|at fault|failing)|not her fault|understandabl[ey]|given what she has"
    r"|by (?:him|dad|the father|mr\.? ?\w+|her (?:ex-?)?partner|the perpetrator)\b)",
    re.IGNORECASE,
)
_NOT_AT_HOME = re.compile(
    r"\b(?:pupils?|classmates?|peers?|playground|strangers?|in the street|on the bus|at school"
    r"|in class|on tv|on television)\b",
    re.IGNORECASE,
)


def sentence_is_fair(text: str, start: int, end: int) -> bool:
    """Whether a whole sentence the framing model flagged is, read in its text, fair:
    it quotes or discusses wording, reports his or her words, names him as the one who
    acted, is about him or about something other than his abuse, or the next sentence
    rejects it. The model reads one sentence; these read what is around it."""
    sentence = text[start:end]
    if re.search(r"[\"“”‘’]|(?<!\w)'|'(?!\w)", sentence):
        return True
    checks = (
        ABOUT_WORDS,
        ABOUT_SENTENCE,
        HIS_WORDS,
        HER_WORDS,
        HE_ACTED,
        _HIS_ABUSE,
        _REJECTS,
    )
    if any(p.search(sentence) for p in checks):
        return True
    if HIM_FIRST.match(sentence) or HIS_SUBJECT.match(sentence) or _NOT_AT_HOME.search(sentence):
        return True
    return bool(_REJECTED_NEXT.match(text[end:]))
