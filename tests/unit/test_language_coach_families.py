"""Phrasing families added from the third development set, checked on sentences of our
own (not the set's): blaming her for the men who abused her, for his reactions, for not
engaging or leaving; minimising by excuse, care, change, or "only"."""

from __future__ import annotations

import pytest
from helpers.support import rules_coach


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ms X will probably end up with another violent partner.", "blaming_her"),
        # A failure "to keep them away from him" is the blame, not her reason (a review).
        ("Mum failed to keep the children safe from him.", "failure_to_protect"),
        ("Ms K was not able to keep the twins away from Mr K.", "failure_to_protect"),
        ("Mum always seems to pick the wrong kind of man.", "blaming_her"),
        ("Mother cannot see why social care are involved with the family.", "blaming_her"),
        ("Ms X fails to recognise the risk Mr Y poses.", "blaming_her"),
        ("Mum has not taken any of the advice on board.", "blaming_her"),
        ("Ms X pays lip service to professionals.", "blaming_her"),
        ("Mum puts her boyfriend before her children.", "blaming_her"),
        ("Mum nagged him until he lost it.", "blaming_her"),
        ("If mum stopped arguing back, the violence would stop.", "blaming_her"),
        ("Mum must prove she can protect the children before they return.", "blaming_her"),
        ("She turned down the IDVA, which shows she is not serious about it.", "blaming_her"),
        ("The mother is turning the children against their dad.", "blaming_her"),
        ("Mother struggles to set boundaries with Mr Y.", "blaming_her"),
        ("Mum goes back every time he says sorry.", "blaming_her"),
        ("Ms X's lack of cooperation is putting the children at risk.", "failure_to_protect"),
        ("Mr Y's aggression stems from his childhood trauma.", "minimising"),
        ("He checks her phone because he loves her.", "minimising"),
        ("He smashed the TV but didn't touch her.", "minimising"),
        ("He has never laid a finger on the children.", "minimising"),
        ("It only happens when he has been drinking.", "minimising"),
        ("Mr Y is a changed man.", "minimising"),
        ("He grabbed her to calm her down.", "minimising"),
        ("Risk is low because he says he has stopped drinking.", "minimising"),
        ("The couple would benefit from relationship counselling.", "mutualising"),
        ("Both parties were intoxicated.", "mutualising"),
        # Her as the subject of engagement wording, and non-compliance by her.
        ("Her participation in the group has been tokenistic.", "blaming_her"),
        ("Mother has been non-compliant with the written agreement.", "blaming_her"),
        ("The mother's non-compliance is a concern.", "blaming_her"),
        ("Ms X tolerates abuse in the family home.", "failure_to_protect"),
        ("Ms X still chose to go back to Mr Y.", "blaming_her"),
    ],
)
def test_flags_the_families_in_new_wording(text: str, kind: str) -> None:
    assert kind in {f.kind for f in rules_coach(text).findings}, rules_coach(text).findings


@pytest.mark.parametrize(
    "text",
    [
        # Constraints or his threats given as her reason.
        "Ms X went back to Mr Y because she had nowhere else to go with the baby.",
        # About her, a child, an agency, or him as the one acting.
        "Ms X is going through a difficult time and has been referred to counselling.",
        "Ms X said she was only trying to calm things down when he grabbed her.",
        "Child A hit the wall in frustration after contact.",
        "The officer tried to calm her down and called an ambulance.",
        "The previous assessment failed to recognise the risks Mr Y posed.",
        "Mr Y was hostile and uncooperative at the home visit.",
        "Mr Y was waiting in the next room when we arrived.",
        "Ms X's low mood is understandable given what she has lived through.",
        # His words, reported as his.
        "Dad denies all of it, says mum is making it up.",
        "Mr Y claims that Ms X is exaggerating the incidents.",
        # Rejected, or about the wording itself.
        "Couples counselling is not appropriate where there is domestic abuse.",
        "Mr Y's violence is not linked to his drinking; he is abusive when sober.",
        "It is not accurate to describe the control as in the past, as it is ongoing.",
        # Already names what he did.
        "Mr Y's version is that he only pushed her; photographs show bruises on her arms.",
        "The risk of further assault is reduced because Mr Y is remanded in custody.",
        # Engagement wording about him, or about an agency, is not about her.
        "The group worker thinks he has learned little from the sessions.",
        "Child B's father has not engaged meaningfully in the sessions.",
        "His attendance at the course was half-hearted.",
        "Mr Y has been non-compliant with his bail conditions.",
        "The health visitor failed to spot the warning signs.",
        # Her protective efforts, or a decision that is not about him.
        "Ms X was cagey about where she is staying to keep it hidden from him.",
        "Mum was secretive about the school, on the advice of her IDVA.",
        "Ms X took the children to a friend's until he calmed down.",
        "Mum knows what winds him up and keeps the children in their bedroom.",
        "Mum was offered a flat but still chose to live with her parents.",
        # He asks for it: his request, not the writer's plan.
        "Mr Y has requested joint counselling.",
        # Not about his abuse: another concern, a child, or trauma.
        "The concern at referral was neglect, not abuse.",
        "Child A's teacher says he threw a chair in frustration.",
        "Since the rape she has been going through the motions of everyday life.",
    ],
)
def test_leaves_fair_uses_alone(text: str) -> None:
    assert rules_coach(text).clean, rules_coach(text).findings


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        (
            "Ms X is protecting the perpetrator.",
            "Ms X has stayed close to [him] [describe his control, and what she does to keep "
            "the children safe].",
        ),
        (
            "Dad got a bit heated.",
            "Dad became abusive [describe what he did].",
        ),
        (
            "He said some nasty things but nothing physical.",
            "He was verbally abusive [describe what he said and its impact; note: control and "
            "threats are abuse, with or without physical violence].",
        ),
        (
            "The applicant failed to take reasonable steps to shield the children from him.",
            "The applicant could not stop [him] harming the children [record what she did to "
            "keep them safe].",
        ),
        (
            "Mum did not take steps to protect the twins from Mr Y's violence.",
            "Mum could not stop [him] harming the twins [record what she did to keep them safe].",
        ),
        (
            "Ms X is inventing claims against him to get back at him.",
            "Ms X has described [his] abuse [record what she has said, and any evidence].",
        ),
        (
            "Mum has goaded Mr Y.",
            "Mum has talked to [him] [describe what he did: his violence is his choice].",
        ),
        (
            "Ms X paid lip service to the plan.",
            "Ms X has responded to the plan [record what she has been able to do, and how his "
            "control limits it].",
        ),
        (
            "She must avoid winding dad up.",
            "She can plan for her safety with us.",
        ),
        (
            "Mum was wasting our time.",
            "Mum has sought help under [his] pressure [describe his pressure on her, and what "
            "she fears].",
        ),
        (
            "Mum covered for him from social services.",
            "Mum has stayed close to [him] [describe his control, and what she does to keep the "
            "children safe].",
        ),
        (
            "The assaults were infrequent but serious.",
            "His abuse is a serious pattern [describe how often, and what he does between "
            "incidents].",
        ),
        (
            "Mum has been non-compliant with the safety plan.",
            "Mum has not been able to follow the safety plan [record what she has done, what got "
            "in the way, and how his control affects it].",
        ),
    ],
)
def test_the_seams_of_a_rewrite_read_as_english(text: str, rewritten: str) -> None:
    assert rules_coach(text).rewritten == rewritten
