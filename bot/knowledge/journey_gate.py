"""A request to *do* something is a journey, even when the classifier reads a question.

The intent classifier is trained on thousands of knowledge questions and a few
hundred journey requests, so a long or indirect request ("SW in CP team, need to
draft a safety plan doc for mum and baby, walk me through it") is often read as
`faq` with full confidence, and the question's nearest topic ("What a safety plan
covers") is answered instead of the walkthrough being started. The gate, run in
the NLU pipeline after the classifiers (`addons/journey_gate.py`), changes the
intent to the journey when two independent signs agree:

- **meaning**: the semantic matcher (a regression over words and meaning) ranks the
  journey among its first three, with enough probability, and
- **form**: the message asks the assistant to do that thing, in any wording that
  names the action and its object ("help me write a safety plan", "can you check
  my email", "who do I refer to", "numbers pls", "book a consult"), written as
  general request patterns per journey, not as sentences;

or when the matcher alone is sure of the journey and it leads every topic.
Thresholds were chosen on the tuning halves (tests/heldout/questions/tune*.yml).
Runs inside the engine (Python 3.10): standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.knowledge.decide import ranking
from bot.knowledge.request_subject import requested_journey

# Intents the gate may replace: a question, or nothing understood. The gate does not run
# inside a walkthrough, so an answer to a walkthrough's step is one too.
REPLACEABLE = frozenset(
    {"faq", "nlu_fallback", "out_of_scope", "describe_concern", "walkthrough_answer"}
)

_ME = r"(?:me|us|i|we)"
_DO = r"(?:help|walk|take|talk|guide|go|run|work|step)"
_PLAN = r"safe?ty\s*plan\w*"
REQUEST = {
    "start_safety_planning": re.compile(
        rf"\b(?:write|writ(?:e|ing) up|draft|build|do|make|produce|create|complete|fill in|"
        rf"put (?:together|in place)|get\b.{{0,25}}\btogether|start|need|want|use|set up)\b"
        rf".{{0,40}}\b{_PLAN}"
        rf"|\b{_DO}\b.{{0,20}}\b(?:through|with|on)\b.{{0,30}}\b{_PLAN}"
        rf"|\b{_PLAN}\b.{{0,40}}"
        rf"\b(?:tool|walk ?through|step by step|together|for (?:the|this|a|my))",
        re.IGNORECASE,
    ),
    "check_wording": re.compile(
        r"\b(?:check|review|look (?:at|over)|read|reword|rewrite|rephrase|re-?word|improve|"
        r"tighten|fix|edit|proof ?read|sense[- ]check|go over)\b.{0,45}"
        r"\b(?:wording|words|language|note|notes|case ?note|email|letter|report|line|sentence|"
        r"paragraph|draft|this|it|statement|narrative|referral|assessment|summary|record)\b"
        r"|\b(?:does|is) (?:this|that|it|my)\b.{0,40}"
        r"\b(?:blam\w*|victim[- ]blam\w*|sound|read|ok)\b"
        r"|\blanguage coach\b"
        r"|\bblam\w*\b.{0,30}\b(?:wording|language|how i(?:'ve| have)? (?:put|wrote))",
        re.IGNORECASE,
    ),
    "start_commissioning": re.compile(
        r"\b(?:checklist|check list)\b"
        r"|\b(?:add|embed|put|include|build|get|write|insert)\w*\b.{0,50}"
        r"\b(?:requirements?|clauses?|bits|expectations|standards?|kpis?)\b.{0,50}"
        r"\b(?:contract|tender|specification|spec|service)\b"
        r"|\b(?:requirements?|clauses?|expectations|standards?)\b.{0,30}"
        r"\b(?:add|embed|put|includ|insert|build)\w*\b.{0,30}\b(?:contract|tender|spec\w*)\b"
        r"|\b(?:contract|tender|specification|re-?tender\w*|procure\w*)\b.{0,60}"
        r"\b(?:walk|go|run|work|help|through)\b",
        re.IGNORECASE,
    ),
    "ask_referral_pathway": re.compile(
        r"\b(?:who|where|which (?:team|service|agency))\b.{0,25}\b(?:do|should|would|can|must|to)\b"
        r".{0,15}\b(?:refer|contact|send|ring|call|tell|report|go|speak|notify|inform)\w*"
        r"|\bdo i (?:need to |have to )?(?:refer|tell|report|contact|inform|notify)\b"
        r"|\bhow do i (?:refer|get\b.{0,20}\b(?:referr|allocat)\w*)"
        r"|\b(?:refer|referral)\b.{0,20}\b(?:route|pathway|where|who)\b",
        re.IGNORECASE,
    ),
    "ask_helplines": re.compile(
        r"\b(?:numbers?|nos?|numbr|digits|phone|contact details)\b"
        r"|\b(?:give|send|list|share|need|want|get|recommend|suggest)\w*\b.{0,40}\bhelp ?lines?\b"
        r"|\bwhich help ?lines?\b|^\W*help ?lines?\W*$",
        re.IGNORECASE,
    ),
    "request_consultation": re.compile(
        r"\b(?:book|arrange|request|get|have|set up|need|want|speak|talk)\w*\b.{0,40}"
        r"\b(?:consult\w*|case discussion|practice lead"
        r"|s ?(?:&|and|n) ?t (?:consultant|lead|ppl|people))",
        re.IGNORECASE,
    ),
}
JOURNEYS = tuple(REQUEST)
# After an answer that offers a journey ("What a safety plan covers" offers the
# walkthrough), a short "ok, can we do one now?" asks for that journey.
DO_IT = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|great|right|thanks|yes|yeah|brilliant|perfect)\W+)*"
    r"(?:(?:can|could|shall|will) (?:we|you|i)|(?:please|pls|plz) |i(?:'d| would) like to |"
    r"i (?:want|need) to |let'?s |lets |help me )"
    r"\W*(?:do|start|make|write|build|begin|try|fill in|complete|run|book|arrange|have|get|"
    r"check|go through|walk (?:me|us) through)\b.{0,25}\b(?:one|it|that|this|them|those)\b"
    r"|^\W*how (?:do|can|should) (?:i|we) (?:write|put|build|add|get|fit)"
    r" (?:that|this|it|them|those)\b.{0,25}\b(?:in|into|onto)\b"
    r"|^\W*how (?:do|can) (?:i|we) (?:get|refer|book|arrange) (?:one|him|her|them|dad|mum|"
    r"the (?:family|child|children|kids))\b"
    r"|^\W*(?:yes|ok|okay|go on|yes please|please do|let'?s do it|do it)\W*$",
    re.IGNORECASE,
)
DO_IT_MAX_WORDS = 12
# After any answer, a short question about getting that help locally ("who does that
# round here?", "can we get one in our area?") asks for the referral pathway; and
# "can we put that in her plan?" for the safety-planning walkthrough.
_LOCAL = (
    r"\b(?:round here|around here|near (?:me|here|us)|in (?:my|our) (?:area|patch|borough)"
    r"|locally|nearby)\b"
)
AFTER_ANSWER = {
    "ask_referral_pathway": re.compile(
        rf"\b(?:who|where|is there|are there|any|how (?:do|can|would) (?:i|we|she|he|they)"
        rf" (?:get|find|refer))\b.{{0,50}}{_LOCAL}",
        re.IGNORECASE,
    ),
    "start_safety_planning": re.compile(
        r"\b(?:put|add|include|write)\b.{0,12}\b(?:that|this|it)\b.{0,12}\b(?:in|into|onto|to)"
        r" (?:her|his|their|a safety|the safety|our safety) plan\b",
        re.IGNORECASE,
    ),
}


@dataclass(frozen=True)
class GateThresholds:
    # Meaning and form together: the journey in the matcher's first `with_form_top`, at this.
    # (0.07 since the matcher became a regression over words and meaning, whose
    # probabilities spread wider than the sentence-vector softmax's: tuning halves.)
    with_form: float = 0.07
    with_form_top: int = 5
    # Meaning alone: the matcher's first choice, at this, leading every topic by margin.
    alone: float = 0.35
    alone_margin: float = 0.2
    # After an answer offering a journey, "can we do one?" starts it unless the matcher
    # is this sure the message is a topic question.
    topic_sure: float = 0.6
    # Below the FallbackClassifier's threshold the classifier's reading would not be
    # acted on anyway: the gate may replace it (never a crisis reading).
    unsure: float = 0.55


GATE = GateThresholds()


def journey_for(
    parse: dict[str, Any],
    t: GateThresholds = GATE,
    offered: str | None = None,
    after_answer: bool = False,
) -> str | None:
    """The journey this parsed message asks for, when the classifier read something else
    (or read that journey, but not surely enough to clear the fallback threshold).
    `offered` is the journey the answer just before offered, if any; `after_answer`
    says a topic was answered just before."""
    intent = (parse.get("intent") or {}).get("name")
    confidence = float((parse.get("intent") or {}).get("confidence") or 0.0)
    unsure = confidence < t.unsure and intent != "crisis"
    if intent not in REPLACEABLE and intent not in REQUEST and not unsure:
        return None

    def may_replace(journey: str) -> bool:
        return intent in (journey, *REPLACEABLE) or unsure

    text = parse.get("text") or ""
    ranked = ranking(parse, "ranking")
    best_topic = max((p for n, p in ranked if n.startswith("faq/")), default=0.0)
    topic_sure = best_topic >= t.topic_sure
    short = len(text.split()) <= DO_IT_MAX_WORDS
    if (
        offered in REQUEST
        and may_replace(offered)
        and short
        and not topic_sure
        and not text.startswith("/")
        and DO_IT.search(text)
    ):
        return offered
    # Asking for it locally, or in her plan, is not a topic question however sure the
    # matcher is of the topic ("how would we get him on one near here?").
    if after_answer and short and not text.startswith("/"):
        for journey, pattern in AFTER_ANSWER.items():
            if pattern.search(text) and may_replace(journey):
                return journey
    if not ranked or text.startswith("/"):
        return None
    first, first_p = ranked[0]
    if first in REQUEST and first_p >= t.alone and first_p - best_topic >= t.alone_margin:
        return first if may_replace(first) else None
    for name, p in ranked[: t.with_form_top]:
        if name in REQUEST and p >= t.with_form and REQUEST[name].search(text):
            return name if may_replace(name) else None
    # A request anywhere in the message about a journey's subject named anywhere in it
    # ("...he still has a key to the flat. Could you help me get a plan down with her?").
    asked = requested_journey(text, ranked) if not topic_sure else None
    if asked is not None and may_replace(asked):
        return asked
    return None
