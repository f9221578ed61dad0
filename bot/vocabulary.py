"""The engine's names that the gateway, the interaction log and the dashboard read.

Roles, forms, actions, intents and responses are the domain's (`domain/*.yml`);
journeys are the log's names for what a conversation did. Everything outside the
engine spells them from here, and `tests/unit/test_vocabulary.py` checks each
one against the domain, so a renamed action or form cannot silently stop being
logged or counted.
"""

from __future__ import annotations

# Roles: the values of the `role` slot.
PRACTITIONER = "practitioner"
SCHOOL_DSL = "school_dsl"
COMMISSIONER = "commissioner"
ROLES = (PRACTITIONER, SCHOOL_DSL, COMMISSIONER)
# Not a slot value: how the log and the dashboard say that no role was chosen.
NO_ROLE = "not_given"

# Forms.
SAFETY_PLANNING_FORM = "safety_planning_form"
COMMISSIONING_FORM = "commissioning_form"
LANGUAGE_COACH_FORM = "language_coach_form"

# Journeys, as the log names them.
SAFETY_PLANNING = "safety_planning"
REFERRAL_PATHWAY = "referral_pathway"
CONSULTATION_REQUESTED = "consultation_requested"
COMMISSIONING = "commissioning"
LANGUAGE_COACH = "language_coach"
# A school DSL's next-steps topics, counted as a journey of their own.
DSL_NEXT_STEPS = "dsl_next_steps"
JOURNEYS = (
    SAFETY_PLANNING,
    REFERRAL_PATHWAY,
    CONSULTATION_REQUESTED,
    COMMISSIONING,
    LANGUAGE_COACH,
    DSL_NEXT_STEPS,
)
# Journeys that run to an end, so that "completed" means something.
COMPLETABLE = (SAFETY_PLANNING, COMMISSIONING)

# The journey a conversation is in while a form is active, or when an action ran.
JOURNEY_BY_LOOP = {
    SAFETY_PLANNING_FORM: SAFETY_PLANNING,
    COMMISSIONING_FORM: COMMISSIONING,
    # "Check my wording" with no text yet: the coach asks for it.
    LANGUAGE_COACH_FORM: LANGUAGE_COACH,
}
JOURNEY_BY_ACTION = {
    "action_start_safety_planning": SAFETY_PLANNING,
    "action_referral_pathway": REFERRAL_PATHWAY,
    "action_case_consultation": CONSULTATION_REQUESTED,
    "action_start_commissioning": COMMISSIONING,
    "action_language_coach": LANGUAGE_COACH,
}

# The assistant could not answer: the NLU was unsure, or no rule or story fitted.
FALLBACK_INTENTS = frozenset({"nlu_fallback"})
FALLBACK_ACTIONS = frozenset({"action_default_fallback", "action_suggest_topics"})
# Sent when the assistant offers topics (or says what it can do) instead of answering.
FALLBACK_RESPONSES = frozenset({"utter_suggest_topics", "utter_default"})
# Answers worth asking "was this helpful?" about: retrieval answers by the part
# before the slash, and these actions.
SUBSTANTIVE_RETRIEVAL = frozenset({"faq"})
SUBSTANTIVE_ACTIONS = frozenset(
    {"action_referral_pathway", "action_survivor_questions", "action_language_coach"}
)
# These end a walkthrough; they count only when they produced its card (not on "stop").
CARD_ACTIONS = frozenset({"action_finish_safety_planning", "action_finish_commissioning"})
# A walkthrough's button answers: their topic is the walkthrough, not a question.
WALKTHROUGH_ANSWER = "walkthrough_answer"
# The only intent anyone may send as a payload unprompted (the page's "hello").
GREET = "greet"
