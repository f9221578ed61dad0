"""Every engine name the gateway, log and dashboard read (`bot.vocabulary`) is the domain's."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from bot import vocabulary as v
from bot.config import PROJECT_ROOT
from bot.dashboard.stats import JOURNEY_LABELS, ROLE_LABELS

# Rasa's own, present in every domain without being declared.
RASA_DEFAULT_ACTIONS = frozenset({"action_default_fallback", "action_listen", "action_restart"})
RASA_DEFAULT_INTENTS = frozenset({"nlu_fallback"})


@pytest.fixture(scope="module")
def domain() -> dict[str, Any]:
    merged: dict[str, Any] = {
        "intents": set(),
        "actions": set(),
        "responses": set(),
        "forms": set(),
    }
    slots: dict[str, Any] = {}
    for path in sorted((PROJECT_ROOT / "domain").glob("*.yml")):
        part = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for intent in part.get("intents", []):
            merged["intents"].add(intent if isinstance(intent, str) else next(iter(intent)))
        merged["actions"] |= set(part.get("actions", []))
        merged["responses"] |= set(part.get("responses", {}))
        merged["forms"] |= set(part.get("forms", {}))
        slots |= part.get("slots", {})
    merged["slots"] = slots
    return merged


def test_roles_are_the_role_slots_values(domain: dict[str, Any]) -> None:
    assert list(v.ROLES) == domain["slots"]["role"]["values"]
    assert v.NO_ROLE not in v.ROLES
    assert set(ROLE_LABELS) == {*v.ROLES, v.NO_ROLE}


def test_forms_and_actions_exist(domain: dict[str, Any]) -> None:
    assert set(v.JOURNEY_BY_LOOP) <= domain["forms"]
    actions = domain["actions"] | RASA_DEFAULT_ACTIONS
    named = set(v.JOURNEY_BY_ACTION) | v.FALLBACK_ACTIONS | v.SUBSTANTIVE_ACTIONS | v.CARD_ACTIONS
    assert named - actions == set()


def test_intents_and_responses_exist(domain: dict[str, Any]) -> None:
    intents = domain["intents"] | RASA_DEFAULT_INTENTS
    assert {v.GREET, v.WALKTHROUGH_ANSWER, *v.FALLBACK_INTENTS} <= intents
    assert v.FALLBACK_RESPONSES - domain["responses"] == set()
    for prefix in v.SUBSTANTIVE_RETRIEVAL:
        assert any(i == prefix or i.startswith(prefix + "/") for i in intents), prefix


def test_every_journey_is_named_once_and_labelled() -> None:
    assert len(set(v.JOURNEYS)) == len(v.JOURNEYS)
    mapped = {*v.JOURNEY_BY_LOOP.values(), *v.JOURNEY_BY_ACTION.values(), v.DSL_NEXT_STEPS}
    assert mapped == set(v.JOURNEYS)
    assert set(v.COMPLETABLE) <= set(v.JOURNEYS)
    assert set(JOURNEY_LABELS) == set(v.JOURNEYS)


def test_no_module_outside_the_vocabulary_spells_a_role_or_journey() -> None:
    spelled = {*v.ROLES, v.NO_ROLE, *v.JOURNEYS}
    offenders = []
    for folder in ("bot/gateway", "bot/conversation", "bot/dashboard", "bot/storage", "actions"):
        for path in (PROJECT_ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            offenders += [f"{path.name}: {n}" for n in spelled if f'"{n}"' in text]
    assert offenders == []
