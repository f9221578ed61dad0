"""The language coach: which phrases hide the perpetrator or blame the survivor, why,
and a rewrite in Safe & Together language.

Deterministic: the rules are data (`data/language/coach.yml`, schema in
`bot.language.rules`). Every rule is matched against the writer's own text; the
phrases found are replaced in one pass, so when several rules fire the rewrite
is built from the original sentence and reads as English. A phrase is left alone
when the writer quotes it, attributes it to him ("dad says it was mutual"), talks
about the wording itself ("avoid 'failure to protect'"), or rejects it ("this
was not a one-off"); the exemptions are in `bot.language.context`. A rewrite never
invents facts: what only the practitioner knows is left in [square brackets]. The
text arrives already anonymised, and placeholders such as <PERSON> are shown as [name].
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.language.context import exempt
from bot.language.framing import flagged_sentences
from bot.language.requests import CANCEL, strip_request
from bot.language.rules import KIND_TITLES, CompiledRule, load_model_notes, load_rules

__all__ = ["CANCEL", "Coaching", "Finding", "as_text", "coach", "strip_request"]

MAX_CHARS = 2000
MODEL_RULE = "framing_model"  # a finding of the framing model, not of a rule
_PLACEHOLDER = re.compile(r"<([A-Z_]+)>")
_PLACEHOLDER_WORDS = {"PERSON": "name", "PHONE": "phone number", "NHS_NUMBER": "NHS number"}
_QUOTED = re.compile(
    r"\"[^\"\n]{1,300}\"|“[^”\n]{1,300}”|‘[^’\n]{1,300}’|(?<!\w)'[^'\n]{1,300}'(?!\w)"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_SENTENCE_BODY = re.compile(r"[\s.!?]+$")


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


def _matches(text: str, rules: tuple[CompiledRule, ...]) -> list[tuple[int, int, CompiledRule]]:
    """Every rule's matches, overlaps resolved: the earliest, then the longest, wins."""
    quoted = [q.span() for q in _QUOTED.finditer(text)]
    found = [
        (m.start(), m.end(), rule)
        for rule in rules
        for m in rule.regex.finditer(text)
        if m.group(0).strip()
        and not exempt(
            text,
            m.start(),
            m.end(),
            rule.rule.kind,
            rule.rule.negation_clears,
            quoted,
            needs_her=rule.rule.needs_her,
        )
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


def _lower_first(note: str) -> str:
    return note[:1].lower() + note[1:]


def _guidance_last(text: str) -> str:
    def sentence(found: re.Match[str]) -> str:
        part = found.group(0)
        # A note that opened a sentence was capitalised with it: "[Describe" -> "[describe".
        notes = list(dict.fromkeys(_lower_first(g.strip()[1:-1]) for g in _GUIDANCE.findall(part)))
        if not notes:
            return part
        body = _GUIDANCE.sub("", part)
        end = re.search(r"[.!?]+\s*$", body)
        stop = end.group(0) if end else ""
        body = body[: end.start()] if end else body.rstrip()
        body = re.sub(r"(?:,|\s+(?:and|but|or|because|as|so))+\s*$", "", body.rstrip())
        return f"{body} [{'; '.join(notes)}]{stop}"

    return _SENTENCE.sub(sentence, text)


def _tidy(text: str) -> str:
    """Guidance to the end of each sentence; spacing, articles, capitals."""
    text = _guidance_last(text)
    text = re.sub(r"\s+(?:and|but|or|because|as)\s*(?=[.;,!?])", "", text)
    text = re.sub(r" {2,}", " ", text)
    text = re.sub(r" +([,.;:!?])", r"\1", text)
    text = re.sub(r",(?=[.;!?])", "", text)
    text = re.sub(r"([.;:!?]) *\1+", r"\1", text)
    text = re.sub(r"(^\s*|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
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
    return before + _without_repeat(before, after)


# The same words on both sides of a replacement's note: "harming the children [...]" and
# the writer's " the children from him" -> "harming the children [...]": what they are
# kept from is already in the replacement ("stop [him] harming ...").
_KEPT_FROM = re.compile(
    r"^\s*(?:safe\s+)?(?:from\s+(?:him|dad|the father|harm|the abuse|the violence|his \w+"
    r"|mr\b\.? ?\w+(?:['’]s \w+)?|[a-z]+['’]s (?:violence|abuse|behaviour))\b)?",
    re.IGNORECASE,
)


def _without_repeat(before: str, after: str) -> str:
    core = re.sub(r"\s*\[[^\]]*\]\s*$", "", before)
    if core == before:
        return after
    tail = re.findall(r"[A-Za-z']+", core)[-3:]
    for n in (3, 2):
        words = r"\s+".join(re.escape(w) for w in tail[-n:])
        if len(tail) >= n and (found := re.match(rf"\s*{words}\b", after, re.IGNORECASE)):
            rest = after[found.end() :]
            if re.search(r"\bharming\b", core, re.IGNORECASE):
                rest = _KEPT_FROM.sub("", rest, count=1)
            return rest
    return after


# The writer's auxiliary before a replacement that brings its own: "she is has stayed",
# "mum has come to has lived" -> "she has stayed", "mum has lived".
_SEAM_AUX = re.compile(
    r"(?:\b(?:is|was|are|were|am|be|been|being|will|would|can|could|may|might|must|should"
    r"|does|did|keeps|kept)(?: (?:very|quite|so|really|often|extremely|also|just|still|now))?"
    r"|\b(?:continues|continued|continue|keeps|keep|kept|seems|seemed|appears|appeared|has"
    r"|have|had|needs|need|comes|come|came|tends|tended|learned|learnt) to(?: stop)?"
    r"|\b(?:has|have|had) been|\b(?:is|was) being"
    r"|\b(?:can|could|will|would|may|might|must|should) be"
    r"(?: (?:very|quite|so|really|often|extremely))?)\s+$",
    re.IGNORECASE,
)
_OWN_AUX = re.compile(
    r"^(?:has|have|had|is|was|are|were|may|might|could|can|will|would|needs|must|should)\b",
    re.IGNORECASE,
)
# He is already named just before a replacement that names him: "Dad [he] became ...".
_HIM_JUST_BEFORE = re.compile(
    r"\b(?:he|dad|father|stepdad|the stepfather|mr\.? ?[a-z]\w*|her (?:ex-?)?partner"
    r"|the perpetrator)\s+$",
    re.IGNORECASE,
)


# A preposition that takes a noun, before a replacement that is a clause about him:
# "expose them by [he] came back" reads "... when [he] came back".
_CLAUSE_AFTER_PREPOSITION = re.compile(r"\b(?:by|through|from|in|on|for|of) $", re.IGNORECASE)


def _join_replacement(before: str, suggestion: str) -> str:
    if _OWN_AUX.match(suggestion) and (aux := _SEAM_AUX.search(before)):
        before = before[: aux.start()]
    about_him = re.match(r"\[he\]\s", suggestion, re.IGNORECASE)
    if about_him and (found := _CLAUSE_AFTER_PREPOSITION.search(before)):
        before = before[: found.start()] + "when "
    if about_him and _HIM_JUST_BEFORE.search(before):
        suggestion = suggestion[5:]
    return _join(before, suggestion)


def coach(
    text: str, rules: tuple[CompiledRule, ...] | None = None, *, model: bool = True
) -> Coaching:
    """Flag each phrase a rule matches and rewrite the text in one pass; then each
    sentence no rule flagged that the framing model reads as flagged (bot/language/framing.py)
    gets a note after it, the writer's words kept: only they know what to change."""
    rules = rules if rules is not None else load_rules()
    text = text.strip()[:MAX_CHARS]
    findings: list[Finding] = []
    built = ""
    cursor = 0
    matches = _matches(text, rules)
    for start, end, rule in matches:
        # No end bound: a pattern's closing lookahead must see the text after the phrase.
        match = rule.regex.match(text, start)
        if match is None or match.end() != end:  # pragma: no cover - the same span matched
            continue
        suggestion = rule.replacement(match)
        if _SENTENCE_START.search(text[:start]):
            suggestion = _capitalise(suggestion)
        built = _join_replacement(_join(built, text[cursor:start]), suggestion)
        cursor = end
        phrase = _readable(match.group(0).strip())
        if all(f.phrase.lower() != phrase.lower() for f in findings):
            findings.append(
                Finding(rule.rule.id, rule.rule.kind, phrase, rule.rule.why, _readable(suggestion))
            )
    built = _join(built, text[cursor:])
    read = flagged_sentences(text, [(a, b) for a, b, _ in matches]) if model else []
    notes = load_model_notes() if read else {}
    for start, end, reading in read:
        note = f"[{notes[reading.kind].check}]"
        sentence = _SENTENCE_BODY.sub("", text[start:end].strip())
        findings.append(
            Finding(MODEL_RULE, reading.kind, _readable(sentence), notes[reading.kind].why, note)
        )
        at = built.find(sentence)
        at = at + len(sentence) if at >= 0 else len(built)
        built = f"{built[:at]} {note}{built[at:]}"
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
    phrases = [f for f in result.findings if f.rule != MODEL_RULE]
    second_look = [f for f in result.findings if f.rule == MODEL_RULE]
    lines = ["Phrases to reconsider:"] if phrases else []
    lines += [f'- "{f.phrase}" {KIND_TITLES[f.kind]}. {f.why}' for f in phrases]
    if second_look:
        lines.append("Worth a second look (read as whole sentences, not matched to a phrase):")
        lines += [f'- "{f.phrase}" {f.why}' for f in second_look]
    lines += [
        "Suggested wording (fill in the [brackets] from what you know):",
        result.rewritten,
        "Name who did what, describe the impact on each child, and record her efforts "
        "to keep them safe.",
    ]
    return "\n".join(lines)
