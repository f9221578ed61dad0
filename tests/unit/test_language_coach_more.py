"""More variants the coach must catch, and near misses it must leave alone."""

from __future__ import annotations

import pytest
from helpers.support import rules_coach


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The mother is gullible and easily manipulated by him.", "blaming_her"),
        ("Ms K appears to be needy and co-dependent.", "blaming_her"),
        ("She has lied to the social worker about where he lives.", "blaming_her"),
        ("It is clear that mum cannot be trusted.", "blaming_her"),
        ("Mum must learn how to spot controlling partners.", "blaming_her"),
        ("Her choice to stay with Mr T is worrying.", "blaming_her"),
        ("She seems indifferent to the children's welfare.", "blaming_her"),
        ("Mother did not put into practice what she learnt from the course.", "blaming_her"),
        ("The girls appeared unaffected by the argument.", "child_as_witness"),
        ("Child C was upstairs and did not appear distressed.", "child_as_witness"),
        ("The baby was not hurt because she was asleep.", "child_as_witness"),
        ("The kids have been a witness to ongoing domestic abuse.", "child_as_witness"),
        ("The baby is too young to have noticed anything.", "child_as_witness"),
        ("Mum failled to keep the kids away from him.", "failure_to_protect"),
        ("She has never been protective of her son.", "failure_to_protect"),
        ("Coercive control has continued since the separation.", "hiding_perpetrator"),
        ("Since the DA in March, school have noticed changes.", "hiding_perpetrator"),
        ("Force was used to get into the flat.", "hiding_perpetrator"),
        ("The lock to her flat was smashed.", "hiding_perpetrator"),
        ("He was having a rough day and took his frustration out on her.", "minimising"),
        ("Dad was under huge pressure at work.", "minimising"),
        ("He gave her a bit of a shove.", "minimising"),
        ("The parents both should attend couples counselling.", "mutualising"),
        ("They have a passionate, codependent relationship.", "mutualising"),
        ("Mr T and Ms K are as bad as one another.", "mutualising"),
    ],
)
def test_flags_more_variants(text: str, kind: str) -> None:
    assert kind in {f.kind for f in rules_coach(text).findings}, rules_coach(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Child B witnessed an argument between two boys on the bus home.",
        "Ms K refused to let him into the house, so he smashed the window.",
        "Mum did not let dad into the flat when he turned up drunk.",
        "He says she cannot cope without him.",
        "He claims mum is weak.",
        "He was under pressure, but stress does not explain his abuse.",
        "Mum is not weak: she has kept the children safe for years.",
        "Dad's abuse happened while the children were at school, he told police.",
        "The window was smashed by Mr T on Sunday.",
    ],
)
def test_leaves_near_misses_alone(text: str) -> None:
    assert rules_coach(text).clean, rules_coach(text).findings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The toddler was present but did not seem upset.",
            "The toddler was present but may still have been affected",
        ),
        ("Dad had a bad day and took it out on mum.", "Dad chose to abuse mum."),
        (
            "Following the DV on Monday, mum left.",
            "Following [his] abuse of her on Monday, mum left",
        ),
        ("Violence was used in the home.", "[He] used violence in the home."),
    ],
)
def test_new_rewrites_read_as_english(text: str, expected: str) -> None:
    assert expected in rules_coach(text).rewritten


def test_several_new_rules_in_one_sentence_still_read_cleanly() -> None:
    result = rules_coach("She is naive and cannot cope without a man in her life.")
    assert {f.rule for f in result.findings} == {"her_character", "walk_all_over"}
    assert result.rewritten.startswith("She has been worn down by [his] abuse and is controlled")
    assert result.rewritten.count("[describe") == 1  # the same guidance is given once


@pytest.mark.parametrize(
    "text",
    [
        # About an agency, an order or a professional, not about her.
        "The nursery should have called the police the day the bruise was seen.",
        "His bail conditions did not keep him away from the family home.",
        "The court order is not keeping her safe; he has breached it twice.",
        "The professionals failed in their duty to protect the boys.",
        # His threats given as the reason.
        "Mum could not stop him visiting because he threatened to burn the house down.",
        "Her reluctance to speak to police reflects his threats to take the baby.",
        # Him named as the one who acted, after the phrase.
        "There were 4 incidents of domestic abuse by Mr T reported last year.",
        # Staying somewhere safe is not staying with him.
        "Mum has chosen to stay with her parents until the locks are changed.",
    ],
)
def test_not_about_her_or_already_names_him(text: str) -> None:
    assert rules_coach(text).clean, rules_coach(text).findings


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        ("The back door was kicked in.", "[He] kicked in the back door."),
        ("She was locked out of the flat.", "[He] locked her out of the flat."),
    ],
)
def test_particle_verbs_read_as_english(text: str, rewritten: str) -> None:
    assert rules_coach(text).rewritten == rewritten


def test_a_name_letter_is_not_an_article() -> None:
    result = rules_coach("Ms A was at home with Child A when the assault happened.")
    assert not result.clean
    assert "Ms An" not in result.rewritten and "Child An" not in result.rewritten
