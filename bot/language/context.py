"""When a phrase a rule matches is fair: the language coach's exemptions (bot/language/coach.py).

A phrase is left alone when the writer quotes it, attributes it to him ("dad says it
was mutual"), talks about the wording itself ("avoid 'failure to protect'"), or
rejects it ("this was not a one-off"). Wording that would blame her is fair, or not
about her at all, when the sentence is about an agency ("the bail conditions did
not keep him away"), names him as the one who acted ("hit by Mr D ..., causing
bruising"; "incidents of abuse by Mr X"), or gives his threats, or her constraints,
as the reason ("could not stop him because he threatened her"; "returned because
she had nowhere else to go").
"""

from __future__ import annotations

import re

# "by" and him: the one who acted.
_BY = (
    r"\bby (?:mr\b|dad\b|him\b|the father\b|father\b|stepdad\b|<person>"
    r"|her (?:ex-?)?(?:partner|husband|boyfriend)\b|the perpetrator\b{also})"
)
# Earlier in the sentence ("hit by Mr D ..., causing bruising").
BY_HIM = re.compile(_BY.format(also=r"|the stepfather\b"), re.IGNORECASE)
# Just after the phrase ("incidents of domestic abuse by Mr X").
BY_HIM_AFTER = re.compile(r"[^.;!?]{0,40}?" + _BY.format(also=""), re.IGNORECASE)
# A sentence about an agency, an order or a professional, not about her.
AGENCY_FIRST = re.compile(
    r"^\W*(?:the |a |an |our |his )?(?:previous |initial |original |last |first |earlier )?"
    r"(?:school|police|court|court order|order|orders|bail|assessments?|reports?|reviews?"
    r"|conference|panel|marac|mash|team|probation|assessor|guardian|practitioners?"
    r"|bail conditions|conditions|refuge|professionals?|agenc(?:y|ies)|services?|local authority"
    r"|la|social services|children's services|social workers?|sws?|we|staff|nursery|hv|gp"
    r"|idva|injunction|nmo|non-molestation order|safety plan|plan|system|housing|council"
    r"|hospital|health visitor|teachers?|dsl|officers?|network|family court|cafcass)\b",
    re.IGNORECASE,
)
HER_SUBJECT = re.compile(
    r"(?:\b(?:mum|mother|she|ms|mrs|miss|survivor|victim|her|female|applicant|client|ip|woman)\b"
    r"|<person>)",
    re.IGNORECASE,
)
OBJECT_HER = re.compile(
    r"\b(?:keep|keeps|keeping|kept|protect|protects|protecting|protected|safeguard|safeguarding"
    r"|safeguarded|support|supporting|help|helping) her\b",
    re.IGNORECASE,
)
# His threats or control given as the reason: the sentence already names him.
HIS_CAUSE = re.compile(
    r"\b(?:because (?:he|mr\b|dad\b|the father)|due to (?:his|mr\b|dad)|reflects? (?:his|mr\b)"
    r"|given his|out of fear|for fear|fear(?:s|ed)? (?:of )?(?:him|his|that he|mr\b))\b",
    re.IGNORECASE,
)
# Her constraints given as the reason: "returned because she had nowhere else to go".
HER_REASON = re.compile(
    r"\b(?:(?:had|has|with|having) nowhere (?:else )?to (?:go|live|stay)"
    r"|(?:had|has|having) no (?:other )?(?:choice|option|alternative|money|income|support)s?"
    r"|could not afford|couldn't afford"
    r"|(?:in order|so as) to keep (?:herself|the children|them) safe"
    r"|for (?:her|their|the children's) (?:own )?safety"
    r"|(?:was|felt) (?:too )?(?:afraid|frightened|scared)"
    # Not after a failure: "failed to keep the children away from dad" is the blame itself.
    r"|(?<!fail )(?<!failed )(?<!fails )(?<!failing )(?<!faild )(?<!unable )(?<!able )(?<!refused )"
    r"(?<!refuses )(?<!struggled )(?<!struggles )(?<!enough )(?<!try )(?<!tried )"
    r"to keep (?:it|this|them|that|herself|the children|her (?:\w+ )?(?:address|location|number"
    r"|whereabouts|details)) (?:hidden |secret |safe )?(?:from|away from)"
    r" (?:him|dad|mr\b|the father)"
    r"|(?:as )?advised by (?:her |the |their )?(?:idva|isva|worker|support worker|sw|social worker"
    r"|police|refuge|outreach worker)|on the advice of)\b",
    re.IGNORECASE,
)
# What she does to keep the children safe, said alongside: "knows what sets him off and
# takes the children to her mother's" records her protection, not her blame.
HER_PROTECTS = re.compile(
    r"\b(?:kept|keeps|keeping|took|takes|taking|moved|moves|moving|got|gets|getting"
    r"|hid|hides|hiding|sent|sends|sending|left|leaves|leaving)"
    r" (?:the (?:children|kids|baby)|them|child [a-z]|her (?:children|kids|son|daughter|baby))"
    r" (?:upstairs|downstairs|outside|out of the house|away(?: from him)?|to safety"
    r"|somewhere safe|in (?:her|their|the) (?:room|bedroom)"
    r"|to (?:her|a|the) (?:mother's|mum's|sister's|brother's|parents'?|friend's|nan's|refuge"
    r"|neighbour's|gran's))",
    re.IGNORECASE,
)
# He is named as the one who acted, in the same sentence: "he pushed her; ... bruising to her neck".
HE_ACTED = re.compile(
    r"\b(?:he|dad|father|the father|stepdad|mr\b\.? ?\w+|her (?:ex-?)?partner|the perpetrator)"
    r"\s+(?:\w+\s+){0,2}?(?:assaulted|hit|punched|slapped|kicked|strangled|choked|pushed|shoved"
    r"|grabbed|attacked|beat|bit|headbutted|dragged|threw|stamped|smothered|raped|stabbed"
    r"|threatened|injured|hurt)\b",
    re.IGNORECASE,
)
# "dad says", "his account is that", "he claimed": his words, reported as his.
HIS_WORDS = re.compile(
    r"(?:\b(?:he|dad|father|the father|stepdad|mr\b\.? \S+|the perpetrator"
    r"|his (?:account|version|view|position|case|solicitor|barrister|representative|counsel)"
    r"|(?:dad|father|he|mr\b\.? ?\w+)['’]s (?:account|version|view|position|case|story|claim))"
    r"|<person>|child [a-z]|the child(?:ren)?)"
    r"\s+(?:\w+\s+){0,2}?"
    r"(?:says?|said|claims?|claimed|describes?|described|alleges?|alleged|insists?|insisted|maintains?|maintained|told|tells|reports?|reported|calls?|called"
    r"|argues?|argued|suggests?|suggested|asks? for|asked for|requests?|requested|wants?|wanted"
    r"|proposes?|proposed"
    r"|blames?|blamed|minimises?|minimised|is that|was that)\b",
    re.IGNORECASE,
)
# Talking about the wording itself.
ABOUT_WORDS = re.compile(
    r"\b(?:term|terms|phrase|phrases|word|words|wording|language|label|labels|labelling|jargon"
    r"|avoid|avoiding|instead of|rather than|don't (?:say|write|use)|do not (?:say|write|use)"
    r"|shouldn't (?:say|write|use)|should not (?:say|write|use|be described as)|described as"
    r"|refer to (?:it|this) as|called (?:it|this|that)|labell?ed|framed as|framing|concept of"
    r"|notion of|so-called"
    r"|describ\w* (?:\S+ ){0,3}?as|call (?:this|it) an?|inaccurate|misleading|not accurate"
    r"|frames?)\b",
    re.IGNORECASE,
)
# The whole sentence is about the wording: "it is not accurate to describe this as ..., as ...".
ABOUT_SENTENCE = re.compile(
    r"\b(?:(?:not|in)(?: |-)?(?:accurate|correct|right|appropriate|helpful) to (?:describe|say|call"
    r"|record|write|refer)|(?:misleading|wrong|unhelpful) to (?:describe|say|call|record|write"
    r"|refer))\b",
    re.IGNORECASE,
)
# Her own words or feelings, reported: "mum told me she felt it was her fault".
HER_WORDS = re.compile(
    r"\b(?:she|mum|mother|ms\.? \S+|the survivor)\s+(?:\w+\s+){0,2}?(?:says?|said|told|tells|felt"
    r"|explained|explains|described|describes|disclosed|discloses|shared"
    r"|feels|believes?|believed|thinks?|thought|worries|worried|fears?|feared|blames? herself)\b",
    re.IGNORECASE,
)
# Who the sentence is about: blaming wording about him ("Mr X lacks insight") is fair.
HIM_FIRST = re.compile(
    r"^\W*(?:he|dad|father|the father|stepdad|the stepfather|mr\b\.? ?(?:[a-z]\w*|<person>)"
    r"|the perpetrator|her (?:ex-?)?partner)(?!\w)",
    re.IGNORECASE,
)
# "His engagement ...", "Child A's father ...": about him too, for wording that blames her.
HIS_SUBJECT = re.compile(
    r"^\W*(?:his\b|(?:child [a-z]|\w+)['’]s (?:father|dad|stepfather|stepdad|(?:ex-?)?partner)\b)",
    re.IGNORECASE,
)
# A clause about a child: "Child A hit the wall in frustration" does not minimise his abuse.
_CHILD_FIRST = re.compile(
    r"^\W*(?:child [a-z]|the (?:child|children|baby|boy|girl|boys|girls|kids|siblings|twins)"
    r"|(?:his|her|their) (?:son|daughter|brother|sister))(?!\w)",
    re.IGNORECASE,
)
_SPEECH_VERB = re.compile(
    r"(?:and )?(?:says?|said|claims?|claimed|alleges?|alleged|insists?|insisted|tells|told)\b",
    re.IGNORECASE,
)
_ABOUT_HER = frozenset({"blaming_her", "failure_to_protect"})
# A clause about her: wording that would minimise his abuse is about her, not him
# ("Ms X is going through a difficult time").
_HER_FIRST = re.compile(
    r"^\W*(?:she|mum|mother|the mother|ms\b\.? ?\w+|mrs\b\.? ?\w+|miss \w+|the survivor"
    r"|the victim)(?!\w)",
    re.IGNORECASE,
)
_NEGATION_BEFORE = re.compile(r"\b(?:not|never|n't)\s+$", re.IGNORECASE)
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


def rest_of_sentence(text: str, end: int, *, semicolon: bool = True) -> str:
    """The text after the phrase, up to the end of its sentence (or its ";" clause)."""
    stop = re.search(r"[.!?;\n]" if semicolon else r"[.!?\n]", text[end:])
    return text[end : end + stop.start()] if stop else text[end:]


# Who a clause is about: the last him, her, child or agency before the phrase that stands
# as a subject (before a verb, as a possessive, or just before the phrase), not after
# a preposition ("told the worker about his drinking").
_SUBJECTS = re.compile(
    r"(?<!\babout )(?<!\bwith )(?<!\bfrom )(?<!\bto )(?<!\bfor )(?<!\bof )(?<!\bby )"
    r"(?<!\bagainst )(?<!\bat )\b(?:"
    r"(?P<him>he|his|dad|father|the father|stepdad|(?:the )?stepfather|mr\.? ?\w+"
    r"|the perpetrator|her (?:ex-?)?(?:partner|husband|boyfriend))"
    r"|(?P<her>she|her|mum|mummy|mother|the mother|ms\.? ?\w+|mrs\.? ?\w+|miss \w+"
    r"|the survivor|the victim|the applicant|the client)"
    r"|(?P<child>child [a-z]|the (?:child|children|baby|boy|girl)|(?:his|her) (?:son|daughter)"
    r"|(?:a |the )?(?:classmate|pupil|peer)s?)"
    r"|(?P<other>(?:the |a |her |his )?(?:gp|school|police|facilitator|worker|social worker|sw"
    r"|idva|isva|officers?|health visitor|hv|teacher|agency|agencies|services|professionals?"
    r"|probation|court|assessment|doctor|nurse|midwife|therapist|counsellor|hospital|nursery"
    r"|refuge|local authority|la|team)))"
    r"(?:(?<=\bhis)(?=\s)|(?<=\bher)(?=\s)|(?=['’]s\b"
    r"|\s+(?:(?:\w+ly|also|still|just|really|never|not|only|then|now|yet) )*"
    r"(?:has|have|had|is|was|are|were|does|did|do|will|would|can|could|may|might|must|should"
    r"|\w+ed|\w+s|told|took|went|got|hit|made|kept|put|said|saw|felt|knew|left|threw|broke)\b"
    r"|\s*$))",
    re.IGNORECASE,
)


def subject(before: str) -> str | None:
    """ "him", "her", "child" or "other": whom the words before the phrase make its subject."""
    found = [m.lastgroup for m in _SUBJECTS.finditer(before)]
    return found[-1] if found else None


def exempt(
    text: str,
    start: int,
    end: int,
    kind: str,
    negation_clears: bool,
    quoted: list[tuple[int, int]],
    *,
    needs_her: bool = False,
) -> bool:
    """Whether the phrase at text[start:end], matched by a rule of this kind, is fair."""
    if any(q_start <= start and end <= q_end for q_start, q_end in quoted):
        return True
    sentence = re.split(r"(?<=[.!?;\n])\s+", text[:start])[-1]
    # Only the clause the phrase is in: "dad used abusive language and the children
    # witnessed the violence" is not about the wording.
    clauses = re.split(
        r",\s+|:\s+|\s+[-–—]\s+|\s+(?:and|but|while|whereas|although|though)\s+", sentence
    )
    clause = clauses[-1]
    if HIS_WORDS.search(clause) or ABOUT_WORDS.search(clause):
        return True
    if ABOUT_SENTENCE.search(sentence):
        return True
    # "dad denies it, says mum is making it up": his words after a comma.
    if _SPEECH_VERB.match(clause) and HIM_FIRST.match(sentence):
        return True
    # "dad told the SW it was a one-off and that he just lost his temper": still his words.
    if re.match(r"that\b", clause, re.IGNORECASE) and any(HIS_WORDS.search(c) for c in clauses):
        return True
    phrase = text[start:end]
    if phrase.lower().startswith("fail") and _NEGATION_BEFORE.search(text[:start]):
        return True  # "she did not fail to protect them": the writer rejects it
    who = subject(sentence)
    if needs_her and who in {"him", "child", "other"}:
        return True  # "his engagement has been superficial", "the GP failed to identify ..."
    if kind == "minimising" and subject(clause) == "child":
        return True  # "the school reported Child A punched a classmate out of frustration"
    if kind == "hiding_perpetrator" and (
        HIM_FIRST.match(clause + phrase) or BY_HIM.search(sentence)
    ):
        return True  # he is named as the one who acted: "hit by Mr D ..., causing bruising"
    if kind == "hiding_perpetrator" and BY_HIM_AFTER.match(text, end):
        return True  # "incidents of domestic abuse by Mr X"
    if kind == "hiding_perpetrator":
        whole = re.split(r"(?<=[.!?\n])\s+", text[:start])[-1] + rest_of_sentence(
            text, end, semicolon=False
        )
        if HE_ACTED.search(whole):
            return True  # "he only pushed her; the photographs show bruising to her neck"
    if kind == "minimising" and (
        HER_WORDS.search(clause) or _HER_FIRST.match(clause + phrase) or _CHILD_FIRST.match(clause)
    ):
        return True  # her words, or a clause about her: "Ms X said she was only trying to ..."
    if kind == "child_as_witness" and HIM_FIRST.match(clause + phrase):
        return True  # "Mr Y was waiting in the next room": about him, not the children
    if kind in _ABOUT_HER:
        if HER_WORDS.search(clause):
            return True
        about = OBJECT_HER.sub(" ", clause + phrase)  # "keep her safe": her as object
        if AGENCY_FIRST.match(about) and not HER_SUBJECT.search(about):
            return True  # "the bail conditions did not keep him away": not about her
        rest = sentence + phrase + rest_of_sentence(text, end)
        if HIS_CAUSE.search(rest) or HER_REASON.search(rest):
            return True  # "could not stop him because he threatened to kill her"
        if kind == "blaming_her" and HER_PROTECTS.search(rest):
            return True  # "kept the children upstairs until he lost it"
        if HIM_FIRST.match(clause + phrase) or HIS_SUBJECT.match(clause + phrase):
            return True
        if (
            HIM_FIRST.match(sentence)
            and len(clause.split()) <= 1
            and not HER_SUBJECT.search(clause)
        ):
            return True  # "Mr Y was hostile and uncooperative": still about him
        if not clause.strip() and _PARTICIPLE.match(phrase) and HIM_FIRST.match(sentence):
            return True
        if _DISPUTED.search(sentence):
            return True
    return negation_clears and bool(_NEGATED.search(sentence))
