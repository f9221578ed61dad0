"""Is it happening now? The form that turns a possible danger into a clear one.

The semantic crisis net grades a message by meaning: clear (999 guidance first),
possible (one short safety line first) or none. Its "possible" band holds most of
the danger it would otherwise miss (children taken with a threat, a practitioner
followed, tablets swallowed, a man in the building) beside near-misses that share
the meaning but not the moment (a disclosure handled yesterday, old minutes, a
survivor who is now safe). What separates them is tense and time, which sentence
vectors blur. So a "possible" message that says it is happening now, and says
nothing that puts it in the past, in a record or in a hypothesis, is graded
clear. Written as general markers of the present and of the past, not sentences;
checked on the tuning half of the crisis set (evaluation/tune_crisis.py).
"""

from __future__ import annotations

import re

from bot.privacy.normalise import straight_apostrophes

NOW = re.compile(
    r"\b(?:right now|just now|as we speak|at the moment|this minute|asap|now)\b"
    r"|\b(?:has|have|had|is|are|'s|s)\s+just\b|\bjust\s+(?:\w+ed|took|taken|rang|rung|ran|run"
    r"|came|come|said|told|texted|sent|swallowed|collapsed|kicked|left|grabbed|pulled)\b"
    r"|\b(?:today|tonight|this (?:morning|afternoon|evening))\b"
    r"|\b(?:is|are|'s|s|he's|hes|she's|shes)\s+(?:outside|here|in the building|at the (?:door|gate|"
    r"window|school|house)|on (?:his|her|their|the) way|(?:right )?behind me|following|sat outside|"
    r"round the corner|getting closer|heading|coming|still|not (?:answering|responding|breathing))"
    r"|\b(?:\d+|a few|a couple of|two|five|ten) (?:mins?|minutes) ago\b"
    r"|\b(?:not waking(?: up)?|won'?t wake(?: up)?|unresponsive|(?:is|it'?s|keeps?) bleeding"
    r"|won'?t stop bleeding|(?:it'?s|its|it is) not stopping"
    r"|(?:i'?ve|i have|we'?ve|we have) (?:locked|barricaded) (?:myself|ourselves))\b"
    r"|\b(?:nothing since|no reply since|not (?:answering|responding|breathing)|can'?t breathe"
    r"|getting (?:drowsy|sleepy)|feels? (?:drowsy|sleepy)|unconscious|collapsed)\b"
    r"|\b(?:says|said|told|telling|texted|texting|messag\w+)\b.{0,40}"
    r"\b(?:today'?s the day|never see|goodbye|(?:my|your|her|our) last (?:night|day))\b"
    # Violence under way, described as it happens.
    r"|\b(?:he'?s|hes|he is|she'?s|shes|they'?re|theyre) (?:got hold of|going mad|hitting|kicking"
    r"|punching|strangling|choking|smashing|dragging|throttling)\b"
    r"|\b(?:has|'s|have|'ve) got (?:me|her|him|them|us|(?:my |our |the |his )?(?:mum|mom|mam"
    r"|sister|brother|baby|nan|gran|partner|wife|girlfriend)) (?:in a (?:headlock|chokehold)|by the"
    r" (?:throat|neck|hair)|pinned)\b|\bin a (?:headlock|chokehold)\b"
    r"|\b(?:has|'s|have|'ve) (?:just )?(?:cornered|trapped|pinned) (?:me|us|her|him|them)\b"
    r"|\b(?:won'?t|wont|will not) let (?:go|me go|her go|us go|them go)\b"
    r"|\b(?:going|turning|gone) (?:purple|blue|limp)\b"
    r"|\b(?:i|we) can hear (?:him|her|them|a man|a woman|shouting|screaming|screams|crying"
    r"|banging|smashing|a crash)\b"
    r"|\b(?:i'?m|i am|we'?re|we are) (?:stood|standing|sat|sitting|parked) (?:outside|at the)\b",
    re.IGNORECASE,
)
NOT_NOW = re.compile(
    # "my last night" is a threat ("tonight is my last night"), not a time past.
    # "for the last time" is a threat too.
    r"\b(?:yesterday|(?<!my )(?<!your )(?<!her )(?<!our )(?<!for the )"
    r"last (?:night|week|month|year|time)"
    r"|years? ago|months? ago|weeks? ago"
    r"|in (?:19|20)\d\d|used to|previous(?:ly)?|history of|case notes?"
    r"|records? (?:say|show)"
    r"|(?:is|she's|shes|they're|theyre|now) (?:safe|in (?:a |the )?refuge)|safe now"
    r"|(?:we're|we are|i'm|i am|she's|he's|they're|all|everyone's|everyone is)"
    r" (?:out|ok|okay|fine|alright|home|back) now"
    r"|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|over the weekend"
    r"|(?:was|been|got|being|were) (?:arrested|charged|bailed|remanded)|in custody|charged with"
    r"|what (?:if|would) (?:i|we|you)|\bif (?:i|we|you|a|an|he|she|they|dad|mum)\b"
    r"|would (?:you|i)"
    r"|training|scenario|role ?play|example|suppose|supposing|imagine|hypothetical\w*"
    r"|fictional|tagline|storyline|screenplay"
    r"|(?:my|the|these|his|her|session|visit|meeting) notes)\b|\((?:19|20)\d\d\)",
    re.IGNORECASE,
)


# Over: she is safe, he is held. A meaning-only "clear" that says so, and nothing of
# the present, gets the short line instead of 999 first.
RESOLVED = re.compile(
    r"\b(?:(?:is|she'?s|shes|they'?re|theyre|now|are|all) safe|safe now|in (?:a |the )?refuge"
    r"|got to (?:a |the )?refuge|(?:was|been|got|were) (?:arrested|remanded)|in custody"
    r"|panic over|false alarm)\b",
    re.IGNORECASE,
)
# Anything that may be danger in the present: wider than NOW, which upgrades a grade;
# this only stops a grade or the model's reading being set aside.
PRESENT = re.compile(
    r"\b(?:he|she|they|dad|mum|someone|somebody|i|we|you|it|him|her)(?:'s|'m|'re| is| am| are)"
    r" (?:\w+ing)\b"
    r"|\b(?:has|have|'s|'ve) (?:just )?(?:turned up|got (?:a|the|her|him|them|my|our)|taken|grabbed"
    r"|locked|pinned|trapped|cornered)\b"
    r"|\b(?:he|she|they|dad) (?:has|have|has got) (?:a|an|her|him|them|the|my|our|his)\b"
    r"|\b(?:i'?m|i am|we'?re|we are|she'?s|she is|he'?s|he is) (?:bleeding|hurt|injured|trapped"
    r"|locked|stuck|scared|terrified|hiding|frightened|in danger)\b"
    r"|\bcan'?t (?:get out|breathe|move|escape|leave|get away|get to)\b"
    r"|\b(?:help me|help us|please help|send help)\b"
    r"|\bexcept\b|\bapart from\b|\bnot safe\b|\bisn'?t safe\b|\baren'?t safe\b|\bunsafe\b"
    r"|\bdon'?t think\b.{0,20}\bsafe\b"
    r"|\b(?:he'?s|hes|he is|she'?s|shes|they'?re|theyre|dad'?s|dads|dad is|someone'?s)"
    r" (?:in|at|on|outside|inside|downstairs|upstairs|back|here|there|parked|round|still|with)\b"
    r"|\b(?:won'?t|wont|will not) (?:let|answer|leave|stop|open|go)\b"
    r"|\b(?:has|have|'s|'ve) (?:come|arrived|found|broken|got in|turned up)\b"
    r"|\b(?:took|taken|has) (?:her|him|them|the (?:kids|children|baby))\b"
    r"|\b(?:but|isn'?t|isnt|aren'?t|arent|not sure)\b",
    re.IGNORECASE,
)

# "he says he'll take the baby if she calls anyone" is a threat, not a what-if: the
# condition of a threat is not read as a hypothesis.
THREAT_IF = re.compile(
    r"\b(?:he'?ll|he will|he'?d|hed|he would|she'?ll|she'?d|they'?ll|going to|gonna|threat\w*)\b"
    r"[^.?!]{0,50}?\bif\b"
    # ... and the condition first: "if you ring anyone he'll ...", "if mum tells he'd ..."
    r"|\bif\b(?=[^.?!]{0,40}?\b(?:he'?ll|he will|he'?d|hed|he would|they'?ll|he'?s going to)\b)",
    re.IGNORECASE,
)


# A condition inside quotation marks is someone's words ("if you can't reach me, send
# the police"), not the writer's what-if.
QUOTED_IF = re.compile(r"([\"“][^\"”\n]{0,80}?)\bif\b(?=[^\"”\n]{0,80}[\"”])", re.IGNORECASE)


def _not_now(text: str) -> bool:
    """`text` (apostrophes straightened) puts what it tells in the past or a what-if."""
    return bool(NOT_NOW.search(QUOTED_IF.sub(r"\1 ", THREAT_IF.sub(" ", text))))


# Words of the moment that say when, not what: alone they don't make a closing sentence
# after a history a present danger ("...what do I do now?").
_WHEN_ONLY = frozenset({"now", "today", "tonight", "this morning", "this afternoon", "asap"})
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _acting_now(sentence: str) -> bool:
    return any(m.group(0).lower() not in _WHEN_ONLY for m in NOW.finditer(sentence))


def happening_now(text: str) -> bool:
    """The message says the danger is present and nothing puts it in the past or a 'what if';
    or, after a history, its last sentence says something is happening as it is written."""
    text = straight_apostrophes(text)
    if NOW.search(text) and not _not_now(text):
        return True
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    last = sentences[-1] if len(sentences) > 1 else ""
    return _acting_now(last) and not _not_now(last)


# "they're now staying with her aunt" says where they went, not that danger is present.
# So are where she is staying, that she is safe, that he is held, and the day of the
# writer's own session: none of them is danger in the present.
SETTLED_NOW = re.compile(
    r"\b(?:she'?s|shes|they'?re|theyre|we'?re|mum'?s|mums|he'?s|hes) now"
    r" (?:at|in|with|staying|living|safe|moved|gone|back)\b"
    r"|\b(?:she'?s|shes|she is|they'?re|theyre|they are|mum'?s|mums|mum is|everyone'?s"
    r"|everyone is|the (?:kids|children) are)"
    r" (?:safe|(?:staying|living) (?:at|with)(?: [\w']+){1,3}|in (?:a |the )?refuge)(?: now)?\b"
    r"|\bsafe now\b"
    r"|\b(?:he'?s|hes|he is|dad'?s|dads|dad is) (?:now )?(?:in (?:prison|custody|jail)|on remand"
    r"|remanded|locked up)\b"
    r"|\b(?:today'?s|this morning'?s|this afternoon'?s) (?:session|visit|meeting|appointment"
    r"|call|supervision)\b",
    re.IGNORECASE,
)


def said_not_now(text: str) -> bool:
    """The message puts what it tells in the past, a record or a 'what if', and says
    nothing of the present: the model's crisis reading alone is set aside for it."""
    text = straight_apostrophes(text)
    rest = SETTLED_NOW.sub(" ", text)
    return _not_now(text) and not NOW.search(rest) and not PRESENT.search(rest)


def resolved(text: str) -> bool:
    """The message says the danger is over (she is safe, he is held) and not that it is now."""
    text = straight_apostrophes(text)
    return bool(RESOLVED.search(text)) and not NOW.search(text) and not PRESENT.search(text)
