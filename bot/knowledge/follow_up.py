"""Messages that lean on the answer just before: "and if she's pregnant?", "refuges too?".

Read by `bot.knowledge.decide`, which then weighs the message in the context of the
topic answered just before (the matcher's `context_ranking`).
"""

from __future__ import annotations

import re

FOLLOW_UP = re.compile(
    r"^\s*(?:and|n|but|also|plus|or|ok so|so|same|then)\b|^\s*&"
    r"|^\s*(?:what|how) (?:if|about)\b"
    r"|^\s*(?:does|do|would|will|is|can) (?:that|this|it|the same)\b"
    r"|^\s*if (?:she|he|they|the|it|there)\b.{0,40}\?\s*$",
    re.IGNORECASE,
)
FOLLOW_UP_MAX_WORDS = 12
# A short message that points back at the answer ("how do I say that to her?", "can she
# get one?") is read in its context too.
BACK_REFERENCE = re.compile(r"\b(?:that|this|them|those|these|one|ones)\b", re.IGNORECASE)
BACK_REFERENCE_MAX_WORDS = 10


# The question just answered, asked of something else: "is it the same with academies",
# "refuges too?", "& the GP?", "what about the stepdad?". The topic is kept unless the
# bare message is sure of another (`strong`): "and the thresholds?" after what a MARAC
# is names a topic of its own.
_NOUN_PHRASE = (
    r"(?!(?:how|what|when|where|who|why|which|if|then|so|is|are|do|does|did|can|could|should"
    r"|would|will|was|were|has|have)\b)"
    r"(?:for |in |with |to )?(?:the |a |an |his |her |their )?[\w'-]+(?: [\w'-]+)?"
)
SAME_QUESTION = re.compile(
    r"^\s*(?:(?:and|n|&) )?(?:(?:is it|is that|it'?s|it is) )?(?:the )?same"
    r" (?:for|with|in|goes for|applies to)\b"
    rf"|^\s*(?:and|n|&|what about|how about|wot about) {_NOUN_PHRASE}\s*\??\s*$"
    rf"|^\s*{_NOUN_PHRASE} (?:too|2|as well|also)\s*\??\s*$",
    re.IGNORECASE,
)
SAME_QUESTION_MAX_WORDS = 6


def same_question(text: str) -> bool:
    """Short and asking the last answer's question of something else (see SAME_QUESTION)."""
    return len(text.split()) <= SAME_QUESTION_MAX_WORDS and bool(SAME_QUESTION.match(text))


def looks_like_follow_up(text: str) -> bool:
    """Short and leaning on what came before: "and if she's pregnant?", "what about dads?"."""
    words = text.split()
    if 0 < len(words) <= BACK_REFERENCE_MAX_WORDS and BACK_REFERENCE.search(text):
        return True
    return 0 < len(words) <= FOLLOW_UP_MAX_WORDS and bool(FOLLOW_UP.match(text))
