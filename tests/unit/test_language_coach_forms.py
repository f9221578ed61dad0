"""The language coach on more forms of the same six kinds, and fair uses left alone.

Sentences written for these tests (not taken from any blind set); names invented.
"""

from __future__ import annotations

import pytest
from helpers.support import rules_coach


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ms Reid picked Mr Toal over her own kids when he came back.", "failure_to_protect"),
        ("Mum has not kept the twins safe since he came back.", "failure_to_protect"),
        ("She let the boys be around him at the weekend.", "failure_to_protect"),
        ("Mother permitted Mr Toal to visit the flat.", "failure_to_protect"),
        ("If mum had separated when told, Jay would be safe.", "failure_to_protect"),
        ("Concern remains about her inability to separate from him.", "failure_to_protect"),
        ("Mum did not stick to the written agreement.", "failure_to_protect"),
        ("The children were placed at risk by mum.", "failure_to_protect"),
        ("She seems too wrapped up in her own problems to see it.", "blaming_her"),
        ("If she didn't wind him up he would be calmer.", "blaming_her"),
        ("Ms Reid keeps finding violent partners.", "blaming_her"),
        ("Mum makes poor decisions about who she lets in.", "blaming_her"),
        ("Ms Reid showed a hostile attitude towards professionals at the meeting.", "blaming_her"),
        ("Mum's drinking is the key issue here, not his behaviour.", "blaming_her"),
        ("Mother is hysterical on the phone most days.", "blaming_her"),
        ("Jay watched the fight through the banister.", "child_as_witness"),
        ("The toddler slept through it and was unaffected.", "child_as_witness"),
        ("The row went physical; mum was left with bruising to her arm.", "hiding_perpetrator"),
        ("Neighbours reported a disturbance at the flat.", "hiding_perpetrator"),
        ("The couple have been known to police for DV since 2021.", "hiding_perpetrator"),
        ("Mum's phone and bank card were taken.", "hiding_perpetrator"),
        ("He is lovely when he's sober.", "minimising"),
        ("Dad nudged her on the arm.", "minimising"),
        ("Mr Toal can be possessive at times.", "minimising"),
        ("Apparently he had a moment of madness on Friday.", "minimising"),
        ("The DV is historic and unlikely to recur.", "minimising"),
        ("It is a two-way street with these two.", "mutualising"),
        ("SW advised them to resolve their arguments before contact.", "mutualising"),
        ("Staff felt there was blame on both sides.", "mutualising"),
    ],
)
def test_more_forms_are_flagged(text: str, kind: str) -> None:
    assert kind in {f.kind for f in rules_coach(text).findings}, [
        f.rule for f in rules_coach(text).findings
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Jay covers his ears when a man raises his voice near him.",
        "Mum described going back to him after he threatened to take the children.",
        "Mr Toal was not harmed and left before police arrived.",
        "Mr Toal kept the children away from school for a week.",
        "The hearing about contact is listed for March.",
        "Sleep disturbance is affecting Child A.",
        "She gets ongoing DA support from the IDVA.",
        "We help the children communicate better.",
        "Mum brushed her hair before school.",
        "The teacher tapped her on the shoulder.",
        "Mum has a diagnosis of emotionally unstable personality disorder.",
        "The young person makes risky choices online.",
        "The judge allowed him to attend the hearing by video.",
        "The school did not follow the safety plan.",
        "Would it help if mum stopped answering his calls?",
        "Mum's phone was smashed by dad.",
    ],
)
def test_fair_uses_are_left_alone(text: str) -> None:
    assert rules_coach(text).clean, [f.rule for f in rules_coach(text).findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He is controlling at times and kind at others.", "He is controlling at times and kind"),
        ("He was fine when sober according to his mother.", "fine when sober according"),
        ("Dad had a moment of madness on Friday.", "[He] chose to be abusive on Friday ["),
        ("Ms Hughes is a difficult parent.", "Ms Hughes is a parent ["),
        ("Mother permitted Mr Toal to visit the flat.", "Mother was visited at home by [him]"),
        ("If mum had ended it in spring, Jay would be safe.", "Had [he] not chosen to be abusive"),
    ],
)
def test_new_rewrites_read_as_english(text: str, expected: str) -> None:
    assert expected in rules_coach(text).rewritten
