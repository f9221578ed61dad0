"""The language coach: which phrases hide the perpetrator or blame the survivor, why,
and a rewrite in Safe & Together language.

Deterministic: the rules are data (`data/language/coach.yml`, schema in
`bot.language.rules`). Every rule is matched against the writer's own text; the
phrases found are replaced in one pass, so when several rules fire the rewrite
is built from the original sentence and reads as English. A phrase is left alone
when the writer quotes it, attributes it to him ("dad says it was mutual"), talks
about the wording itself ("avoid 'failure to protect'"), or rejects it ("this
was not a one-off"). A rewrite never invents facts: what only the practitioner
knows is left in [square brackets]. The text arrives already anonymised, and
placeholders such as <PERSON> are shown as [name].
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.language.context import (
    AGENCY_FIRST,
    BY_HIM,
    BY_HIM_AFTER,
    HER_SUBJECT,
    HIS_CAUSE,
    OBJECT_HER,
)
from bot.language.requests import CANCEL, strip_request
from bot.language.rules import KIND_TITLES, CompiledRule, load_rules

__all__ = ["CANCEL", "Coaching", "Finding", "as_text", "coach", "strip_request"]

MAX_CHARS = 2000
_PLACEHOLDER = re.compile(r"<([A-Z_]+)>")
_PLACEHOLDER_WORDS = {"PERSON": "name", "PHONE": "phone number", "NHS_NUMBER": "NHS number"}
_QUOTED = re.compile(
    r"\"[^\"\n]{1,300}\"|“[^”\n]{1,300}”|‘[^’\n]{1,300}’|(?<!\w)'[^'\n]{1,300}'(?!\w)"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
# "dad says", "his account is that", "he claimed": his words, reported as his.
_HIS_WORDS = re.compile(
    r"(?:\b(?:he|dad|father|the father|stepdad|mr\b\.? \S+|the perpetrator"
    r"|his (?:account|version|view|solicitor|barrister|representative|counsel))|<person>)"
    r"\s+(?:\w+\s+){0,2}?"
    r"(?:says?|said|claims?|claimed|describes?|described|alleges?|alleged|insists?|insisted|maintains?|maintained|told|tells|reports?|reported|calls?|called"
    r"|argues?|argued|suggests?|suggested"
    r"|blames?|blamed|minimises?|minimised|is that|was that)\b",
    re.IGNORECASE,
)
# Talking about the wording itself.
_ABOUT_WORDS = re.compile(
    r"\b(?:term|terms|phrase|phrases|word|words|wording|language|label|labels|labelling|jargon"
    r"|avoid|avoiding|instead of|rather than|don't (?:say|write|use)|do not (?:say|write|use)"
    r"|shouldn't (?:say|write|use)|should not (?:say|write|use|be described as)|described as"
    r"|refer to (?:it|this) as|called it|framed as|framing|concept of|notion of|so-called"
    r"|describ\w* (?:\S+ ){0,3}?as|call (?:this|it) an?|inaccurate|misleading|not accurate"
    r"|frames?)\b",
    re.IGNORECASE,
)
# Her own words or feelings, reported: "mum told me she felt it was her fault".
_HER_WORDS = re.compile(
    r"\b(?:she|mum|mother|ms\.? \S+|the survivor)\s+(?:\w+\s+){0,2}?(?:says?|said|told|tells|felt"
    r"|explained|explains|described|describes|disclosed|discloses|shared"
    r"|feels|believes?|believed|thinks?|thought|worries|worried|fears?|feared|blames? herself)\b",
    re.IGNORECASE,
)
# Who the sentence is about: blaming wording about him ("Mr X lacks insight") is fair.
_HIM_FIRST = re.compile(
    r"^\W*(?:he|dad|father|the father|stepdad|the stepfather|mr\b\.? ?(?:[a-z]\w*|<person>)"
    r"|the perpetrator|her (?:ex-?)?partner)(?!\w)",
    re.IGNORECASE,
)
_ABOUT_HER = frozenset({"blaming_her", "failure_to_protect"})
_NEGATED = re.compile(
    r"\b(?:not|no|never|nor|isn't|wasn't|aren't|weren't|rather than|instead of|far from)"
    r"(?:\s+\S+){0,3}\s*$",
    re.IGNORECASE,
)
# The writer disputes the judgement that follows: "there is no evidence that she failed to ...".
_DISPUTED = re.compile(
    r"\b(?:no evidence|not (?:accept|agree|consider|believe|find|think)|nothing to suggest)"
    r"(?: (?:that|of))?(?:\s+\S+){0,4}\s*$",
    re.IGNORECASE,
)
# A clause opened by a participle ("..., leaving the children at risk") has the
# sentence's subject as its own.
_PARTICIPLE = re.compile(r"\w+ing\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    rule: str
    kind: str
    phrase: str
    why: str
    suggestion: str


@dataclass(frozen=True)
class Coaching:
    text: str
    findings: tuple[Finding, ...]
    rewritten: str

    @property
    def clean(self) -> bool:
        return not self.findings


def _readable(text: str) -> str:
    """Placeholders left by the anonymiser are shown as [name], [phone number] and so on."""
    return _PLACEHOLDER.sub(
        lambda m: f"[{_PLACEHOLDER_WORDS.get(m.group(1), m.group(1).lower().replace('_', ' '))}]",
        text,
    )


def _exempt(
    text: str, start: int, end: int, rule: CompiledRule, quoted: list[tuple[int, int]]
) -> bool:
    if any(q_start <= start and end <= q_end for q_start, q_end in quoted):
        return True
    sentence = re.split(r"(?<=[.!?;\n])\s+", text[:start])[-1]
    # Only the clause the phrase is in: "dad used abusive language and the children
    # witnessed the violence" is not about the wording.
    clauses = re.split(
        r",\s+|:\s+|\s+[-–—]\s+|\s+(?:and|but|while|whereas|although|though)\s+", sentence
    )
    clause = clauses[-1]
    if _HIS_WORDS.search(clause) or _ABOUT_WORDS.search(clause):
        return True
    # "dad told the SW it was a one-off and that he just lost his temper": still his words.
    if re.match(r"that\b", clause, re.IGNORECASE) and any(_HIS_WORDS.search(c) for c in clauses):
        return True
    if rule.rule.kind == "hiding_perpetrator" and (
        _HIM_FIRST.match(clause + text[start:end]) or BY_HIM.search(sentence)
    ):
        return True  # he is named as the one who acted: "hit by Mr D ..., causing bruising"
    if rule.rule.kind == "hiding_perpetrator" and BY_HIM_AFTER.match(text, end):
        return True  # "incidents of domestic abuse by Mr X"
    if rule.rule.kind in _ABOUT_HER:
        if _HER_WORDS.search(clause):
            return True
        about = OBJECT_HER.sub(" ", clause + text[start:end])  # "keep her safe": her as object
        if AGENCY_FIRST.match(about) and not HER_SUBJECT.search(about):
            return True  # "the bail conditions did not keep him away": not about her
        if HIS_CAUSE.search(sentence + text[start:end] + _rest_of_sentence(text, end)):
            return True  # "could not stop him because he threatened to kill her"
        if _HIM_FIRST.match(clause + text[start:end]):
            return True
        if not clause.strip() and _PARTICIPLE.match(text[start:end]) and _HIM_FIRST.match(sentence):
            return True
        if _DISPUTED.search(sentence):
            return True
    return rule.rule.negation_clears and bool(_NEGATED.search(sentence))


def _rest_of_sentence(text: str, end: int) -> str:
    stop = re.search(r"[.!?;\n]", text[end:])
    return text[end : end + stop.start()] if stop else text[end:]


def _matches(text: str, rules: tuple[CompiledRule, ...]) -> list[tuple[int, int, CompiledRule]]:
    """Every rule's matches, overlaps resolved: the earliest, then the longest, wins."""
    quoted = [q.span() for q in _QUOTED.finditer(text)]
    found = [
        (m.start(), m.end(), rule)
        for rule in rules
        for m in rule.regex.finditer(text)
        if m.group(0).strip() and not _exempt(text, m.start(), m.end(), rule, quoted)
    ]
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, CompiledRule]] = []
    for start, end, rule in found:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, rule))
    return kept


def _capitalise(text: str) -> str:
    first = re.search(r"[A-Za-z]", text)
    if not first:
        return text
    return text[: first.start()] + text[first.start()].upper() + text[first.end() :]


# A bracket that tells the practitioner what to add: moved to the end of its sentence,
# so the rewritten sentence itself reads as English.
_GUIDANCE = re.compile(
    r"\s*\[(?:describe|record|note|name|say|ask|assess|check|fear|abuse is)[\s:][^\]]*\]",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)|\n")


def _guidance_last(text: str) -> str:
    def sentence(found: re.Match[str]) -> str:
        part = found.group(0)
        notes = list(dict.fromkeys(g.strip()[1:-1] for g in _GUIDANCE.findall(part)))
        if not notes:
            return part
        body = _GUIDANCE.sub("", part)
        end = re.search(r"[.!?]+\s*$", body)
        stop = end.group(0) if end else ""
        body = body[: end.start()] if end else body.rstrip()
        return f"{body.rstrip()} [{'; '.join(notes)}]{stop}"

    return _SENTENCE.sub(sentence, text)


def _tidy(text: str) -> str:
    """Guidance to the end of each sentence; spacing, articles, capitals."""
    text = _guidance_last(text)
    text = re.sub(r"\s+(?:and|but|or|because|as)\s*(?=[.;,!?])", "", text)
    text = re.sub(r" {2,}", " ", text)
    text = re.sub(r" +([,.;:!?])", r"\1", text)
    text = re.sub(r"([.;:!?]) *\1+", r"\1", text)
    text = re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    return text.strip()


_AUXILIARY = re.compile(r"^(?:could|has|have|was|is|had|will|would|can)\b", re.IGNORECASE)


def _join(before: str, after: str) -> str:
    """Join the writer's text and a replacement so the seam reads as English:
    "a" or "an", no word twice ("has has"), no contraction before an auxiliary
    ("she's could not"). Only the seam is touched, never the writer's own words."""
    if not before or not after:
        return before + after
    head = re.match(r"\s*([A-Za-z]+)", after)
    first = head.group(1) if head else ""
    article = re.search(r"\b([Aa])(n?) $", before)
    if article and first:
        vowel = first[0].lower() in "aeiou"
        before = before[: article.start(2)] + ("n" if vowel else "") + " "
    last = re.search(r"\b([A-Za-z]+)\s*$", before)
    if last and first and last.group(1).lower() == first.lower():
        after = after[: head.start(1)] + after[head.end(1) :].lstrip()
        before = before if before.endswith(" ") else before + " "
    if first and _AUXILIARY.match(first):
        before = re.sub(r"['’](?:s|ve|re) $", " ", before)
    return before + after


def coach(text: str, rules: tuple[CompiledRule, ...] | None = None) -> Coaching:
    """Flag each phrase a rule matches and rewrite the text in one pass."""
    rules = rules if rules is not None else load_rules()
    text = text.strip()[:MAX_CHARS]
    findings: list[Finding] = []
    built = ""
    cursor = 0
    for start, end, rule in _matches(text, rules):
        # No end bound: a pattern's closing lookahead must see the text after the phrase.
        match = rule.regex.match(text, start)
        if match is None or match.end() != end:  # pragma: no cover - the same span matched
            continue
        suggestion = rule.replacement(match)
        if _SENTENCE_START.search(text[:start]):
            suggestion = _capitalise(suggestion)
        built = _join(built + text[cursor:start], suggestion)
        cursor = end
        phrase = _readable(match.group(0).strip())
        if all(f.phrase.lower() != phrase.lower() for f in findings):
            findings.append(
                Finding(rule.rule.id, rule.rule.kind, phrase, rule.rule.why, _readable(suggestion))
            )
    built = _join(built, text[cursor:])
    rewritten = _tidy(_readable(built)) if findings else _readable(text)
    return Coaching(_readable(text), tuple(findings), rewritten)


def as_text(result: Coaching) -> str:
    """The coach's answer in plain text: each phrase, what it does and why, then the rewrite."""
    if result.clean:
        return (
            "I didn't find phrases that hide the perpetrator or blame the survivor. "
            "Check that it names who did what, describes the impact on each child, and "
            "records her efforts to keep them safe."
        )
    # Single line breaks only: a chat channel splits a message at blank lines.
    lines = ["Phrases to reconsider:"]
    lines += [f'- "{f.phrase}" {KIND_TITLES[f.kind]}. {f.why}' for f in result.findings]
    lines += [
        "Suggested wording (fill in the [brackets] from what you know):",
        result.rewritten,
        "Name who did what, describe the impact on each child, and record her efforts "
        "to keep them safe.",
    ]
    return "\n".join(lines)
