"""Who a sentence is about, for the language coach's exemptions (bot/language/coach.py).

Wording that would blame her is fair, or not about her at all, when the sentence is
about an agency ("the bail conditions did not keep him away"), names him as the one
who acted ("hit by Mr D ..., causing bruising"; "incidents of abuse by Mr X"), or
gives his threats as the reason ("could not stop him because he threatened her").
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
    r"^\W*(?:the |a |an |our |his )?(?:school|police|court|court order|order|orders|bail"
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
