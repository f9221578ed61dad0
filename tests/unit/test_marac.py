"""MARAC referral criteria: a decision table with every boundary."""

import pytest

from bot.knowledge.areas import MaracCriteria, active_area, load_area
from bot.risk.marac import RiskAnswers, decide

DEFAULT = MaracCriteria(source="SafeLives")


@pytest.mark.parametrize(
    ("answers", "refer", "met"),
    [
        # visible high risk: 14 is the threshold
        (RiskAnswers(dash_yes=13), False, set()),
        (RiskAnswers(dash_yes=14), True, {"visible_high_risk"}),
        (RiskAnswers(dash_yes=24), True, {"visible_high_risk"}),
        (RiskAnswers(dash_yes=0), False, set()),
        # potential escalation: 3 incidents in 12 months
        (RiskAnswers(dash_yes=5, incidents_12_months=2), False, set()),
        (RiskAnswers(dash_yes=5, incidents_12_months=3), True, {"potential_escalation"}),
        (RiskAnswers(incidents_12_months=3), True, {"potential_escalation"}),
        # repeat: a further incident within 12 months of the last referral to MARAC
        (RiskAnswers(months_since_marac=12, incident_since_marac=True), True, {"repeat"}),
        (RiskAnswers(months_since_marac=13, incident_since_marac=True), False, set()),
        (RiskAnswers(months_since_marac=6, incident_since_marac=False), False, set()),
        (RiskAnswers(months_since_marac=0, incident_since_marac=True), True, {"repeat"}),
        # professional judgement: enough alone, with a low score too
        (RiskAnswers(dash_yes=4, judgement_high=True), True, {"professional_judgement"}),
        (RiskAnswers(judgement_high=True), True, {"professional_judgement"}),
        # judgement never lowers a high score
        (RiskAnswers(dash_yes=16, judgement_high=False), True, {"visible_high_risk"}),
        # several at once
        (
            RiskAnswers(dash_yes=15, incidents_12_months=4, judgement_high=True),
            True,
            {"visible_high_risk", "potential_escalation", "professional_judgement"},
        ),
        (RiskAnswers(), False, set()),
    ],
)
def test_decision_table(answers: RiskAnswers, refer: bool, met: set[str]) -> None:
    decision = decide(answers, DEFAULT)
    assert decision.refer is refer
    assert set(decision.met) == met
    assert decision.outcome == ("marac_referral" if refer else "below_marac_threshold")


def test_every_criterion_met_explains_itself() -> None:
    decision = decide(
        RiskAnswers(dash_yes=15, incidents_12_months=3, months_since_marac=2,
                    incident_since_marac=True, judgement_high=True),
        DEFAULT,
    )  # fmt: skip
    assert "15" in decision.met["visible_high_risk"] and "14" in decision.met["visible_high_risk"]
    assert "3 incidents" in decision.met["potential_escalation"]
    assert "previous action plan" in decision.met["repeat"]
    assert "on its own" in decision.met["professional_judgement"]


def test_a_low_score_says_why_it_is_not_met() -> None:
    decision = decide(RiskAnswers(dash_yes=13), DEFAULT)
    assert decision.not_met == ['13 "yes" answers is below the visible high risk threshold of 14.']


def test_local_thresholds_change_the_decision() -> None:
    stricter = MaracCriteria(visible_high_risk=12, escalation_incidents=4, source="local")
    assert decide(RiskAnswers(dash_yes=12), stricter).refer
    assert not decide(RiskAnswers(incidents_12_months=3), stricter).refer
    shorter = MaracCriteria(window_months=6, source="local")
    assert not decide(RiskAnswers(months_since_marac=7, incident_since_marac=True), shorter).refer


def test_example_area_uses_the_national_defaults() -> None:
    marac = load_area("example").marac
    assert (marac.visible_high_risk, marac.escalation_incidents, marac.window_months) == (14, 3, 12)
    assert active_area().example


def test_area_names_cannot_reach_outside_the_areas_folder() -> None:
    from bot.knowledge.files import KnowledgeFileError

    with pytest.raises(KnowledgeFileError, match="not a valid area"):
        load_area("../directory/national")
