"""A request put to the assistant, about a journey's subject, anywhere in the message.

Long messages put the request last, after the background ("...the twins are with
their nan for now. Could you help me draft one?"), and the thing to do is named
far from the request, or only by a pronoun. The journey gate's own patterns
(`journey_gate.REQUEST`) need the action and its object side by side, so they miss
these. This second reading looks for two things separately:

- **the form**: the writer asks the assistant to do something with them ("can you
  help me...", "walk me thru", "let's go through it a bit at a time", "please set that
  up"), not to explain something ("can you explain", "help me understand");
- **the subject** of one journey named anywhere in the message (a safety plan, a
  contract or specification, a piece of wording, a consultation...), typo-tolerant.

When both are there, the journey is the subject's; when several subjects are
named, the one the semantic matcher ranks highest among them. General patterns of
English requests, not sentences: chosen on the tuning halves of the held-out
questions (tests/heldout/questions/tune*.yml). Standard library only (runs in the
engine, Python 3.10).
"""

from __future__ import annotations

import re

_YOU = r"(?:you|u|ya|we|someone|somebody|anyone)"
_DO = (
    r"(?:help|walk|take|talk|go|run|work|step|do|build|writ\w*|draft|put|set|start|book|arrange"
    r"|sort|look|check|read|review|suggest|rewrite|reword|rephrase|fix|make|create|fill|add|get"
    r"|give|send|share|list|tell me (?:who|where|which|what (?:number|line))|point|sit|have)"
)
FORM = re.compile(
    rf"\b(?:can|could|will|cn|cud|shall)\s+{_YOU}\b.{{0,40}}?\b{_DO}\b"
    rf"|\bwould (?:you|u) (?:be able to |mind )?(?:help|walk|take|go|run|check|look|book|set)\b"
    rf"|\b(?:pls|plz|please|help)\s+(?:can you\s+)?(?:help|walk|take|go|run|set|book|arrange"
    rf"|check|look|draft|write|do|suggest|give|send)\b"
    rf"|\bhelp (?:me|us)\b(?!\s+(?:understand|to understand|know|think|make sense|see why))"
    rf"|\b(?:walk|take|talk|run|guide|go|step) (?:me|us)\s+(?:thr\w*|thru|through)\b"
    rf"|\b(?:step by step|item by item|together now|with me now|now together)\b"
    rf"|\bi(?:'d| would) (?:really |just |also )?(?:like|love)"
    rf" (?:to|you to|some help to|help to)\s+"
    rf"(?:build|write|draft|do|make|create|put|work|set|book|arrange|request|have|get|run|talk"
    rf"|discuss|go|check|add)\b"
    rf"|\bi (?:need|want|wanna) (?:to )?(?:build|write|draft|do|make|create|put together|book"
    rf"|arrange|request|speak|talk|run|check|add|get)\b"
    rf"|\b(?:let'?s|lets) (?:do|start|build|write|go|work|get)\b"
    rf"|\bwhere do (?:i|we) (?:start|begin)\b"
    rf"|\bhow (?:do|can|could) (?:i|we) (?:book|arrange|get|request|set up|start)\b"
    rf"|\bis there (?:someone|somebody|anyone|a person)\b.{{0,20}}\b(?:i|we) (?:can|could)\b"
    rf"|\b(?:can|could) (?:i|we) (?:get|have|book|arrange|request)\b"
    # Asking whether their own words will do: "is that wording OK?".
    rf"|\b(?:is|does) (?:this|that|my \w+)(?: \w+)?\s+(?:ok|okay|alright|fine|acceptable"
    rf"|compliant|blaming|victim[- ]blaming|sound|read|hide)\b|\b(?:compliant|blaming) or not\b"
    # Asking who to go to: the referral pathway is the answer.
    rf"|\b(?:who|where|which (?:team|service|agency))\b.{{0,25}}\b(?:do|should|would|can|must)\b"
    rf".{{0,15}}\b(?:refer|contact|send|ring|call|tell|report|go|speak|notify|inform|pass)\w*"
    rf"|\bdo (?:i|we) (?:need to |have to )?(?:refer|tell|report|contact|inform|notify)\b"
    rf"(?![^?]{{0,40}}\bor (?:just |not|wait|monitor|keep))"
    rf"(?!\s+(?:the victim|the survivor|her|him|mum|dad|them"
    rf"|the (?:family|parents|mother|father))\b)"
    rf"|\bwhich (?:local )?(?:service|team|agency) (?:takes|deals|covers|handles)\b"
    # A few words and a please: "case discussion please", "numbers pls".
    rf"|^[^\w]*(?:\w+[^\w]+){{1,6}}(?:please|pls|plz)[^\w]*$",
    re.IGNORECASE,
)
# Asking to be told, not helped: answered as a topic.
EXPLAIN = re.compile(
    r"\b(?:explain|understand|what (?:is|are|does|do|should|would|makes|counts)|why"
    r"|when (?:is|are|do|does|should)"
    r"|how (?:does|do|is|are|would|should) (?:it|a|an|the|they|this|that|safety|these|those)\b"
    r"|tell me (?:about|more|what|why|how)|describe|mean|difference|evidence|research"
    r"|copy of|guidance|information (?:on|about)|info (?:on|about)|leaflet|what'?s|whats"
    r"|tips|good practice|criteria|talk about|in general|general)\b"
    r"|\bhow\b.{0,30}\bworks?\b",
    re.IGNORECASE,
)
_PLAN = (
    r"(?:sa?f\w{0,3}\s*-?plan\w*"
    r"|plan\w*\b.{0,40}\b(?:stay\w* safe|keep\w* (?:\w+ ){0,2}safe|safe)\b)"
)
_SAFE_WHO = r"(?:herself|himself|themselves|her|him|them|the (?:kids|children))"
SUBJECT = {
    "start_safety_planning": re.compile(
        rf"{_PLAN}|\bkeep\w* {_SAFE_WHO} safe\b"
        r"|\b(?:a|the|her|their|our) plan\b.{0,15}\b(?:if|in case|for when)\b"
        r"|\bwhat (?:she|he|they|the (?:kids|children))(?:'d| would| could| should| will)"
        r" do (?:if|when)\b",
        re.IGNORECASE,
    ),
    "start_commissioning": re.compile(
        r"\b(?:contract\w*|spec|specs|specification\w*|tender\w*|commission\w*|procure\w*"
        r"|kpis?|(?:contract|requirements) schedule)\b",
        re.IGNORECASE,
    ),
    "check_wording": re.compile(
        r"\b(?:wording|worded|words|phrasing|phrase|sentence|paragraph|reword\w*|rephrase"
        r"|language)\b"
        r"|\bwhat (?:i'?ve|ive|i have|i) (?:written|wrote|put|drafted)\b",
        re.IGNORECASE,
    ),
    "request_consultation": re.compile(
        r"\b(?:consult\w*|case discussion|practice lead|s ?(?:&|and|n) ?t (?:lead|person|expert)"
        r"|talk (?:it|this|the case|a case|them) through|chat (?:it |a case )?thr\w*"
        r"|sit down with|run (?:it|this|the case) past|second opinion)\b",
        re.IGNORECASE,
    ),
    "ask_referral_pathway": re.compile(
        r"\b(?:refer\w*|pass (?:this|it|that) on|who (?:do|should|would|can) (?:i|we)"
        r"|which (?:team|service|agency|local)|local (?:service|team|support)|signpost\w*"
        r"|(?:csc|children'?s services'?|mash|social care) front door"
        r"|front door (?:team|service))\b",
        re.IGNORECASE,
    ),
    "ask_helplines": re.compile(
        r"\b(?:help ?lines?|(?:phone |contact )?numbers?|numbr|nos|line (?:for|4))\b", re.IGNORECASE
    ),
}


# Quoted words are the subject of a check only when asked to check or change them.
QUOTED = re.compile(r"['‘\"“][^'’\"”‘“]{12,}['’\"”]")
# Verbs that ask for words to be checked or changed.
_CHECKING = r"check|look (?:at|over)|read|review|reword|rewrite|rephrase|fix|change|improve"
CHECK = re.compile(
    rf"\b(?:{_CHECKING}|have a look|correct\w*"
    r"|(?:is|does) (?:this|that|it) (?:ok|okay|alright|sound|read|hide)"
    r"|blam\w*|better way|put instead)\b",
    re.IGNORECASE,
)


# A document of the practitioner's is the subject of a check only when asked to check
# or change it ("can we share the report with..." is a question, not a check).
DOCUMENT = re.compile(
    rf"\b(?:{_CHECKING}|have a look at|correct|proof ?read|go over|go through)\b"
    r"(?:\s+(?!if\b|whether\b|that\b|how\b)\w+)?"
    r"\s+(?:my|this|the|our) (?:case ?notes?|notes|report|minutes|letter|email|draft|assessment"
    r"|chronology|statement|record|entry|summary|write[- ]?up)\b(?!\s+(?:is|are|can|should|was)\b)",
    re.IGNORECASE,
)


def requested_journey(text: str, ranked: list[tuple[str, float]]) -> str | None:
    """The journey whose subject a request in `text` is about, or None.

    `ranked` is the semantic matcher's (name, probability) ranking, used to choose
    between several subjects named in one message."""
    if not FORM.search(text) or EXPLAIN.search(text):
        return None
    named = [journey for journey, pattern in SUBJECT.items() if pattern.search(text)]
    if not named and (QUOTED.search(text) or DOCUMENT.search(text)) and CHECK.search(text):
        named = ["check_wording"]
    if not named:
        return None
    if len(named) == 1:
        return named[0]
    # The matcher's order first; journeys it did not rank, in the order of SUBJECT.
    order = {name: i for i, (name, _) in enumerate(ranked)}
    return min(named, key=lambda j: (order.get(j, len(order)), named.index(j)))
