"""Custom actions, run as rasa-sdk runs them: a Tracker and a CollectingDispatcher."""

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.helplines import ActionShowHelplines
from bot.knowledge.directory import national_directory


@pytest.fixture
def run(make_tracker: Any) -> Any:
    """The helplines action after "helplines", with these slots: its messages."""

    def helplines(slots: dict[str, Any]) -> list[dict[str, Any]]:
        dispatcher = CollectingDispatcher()
        asked = make_tracker("helplines", intent="ask_helplines", slots=slots)
        assert ActionShowHelplines().run(dispatcher, asked, {}) == []
        return dispatcher.messages

    return helplines


def test_every_service_is_listed_with_number_and_audience(run: Any) -> None:
    [message] = run({})
    for service in national_directory().services:
        assert service.contact in message["text"]
        assert service.audience in message["text"]
    assert "not all yet verified" in message["text"] and "last checked" not in message["text"]
    assert "https://www.nationaldahelpline.org.uk/" in message["text"]


def test_custom_payload_carries_tel_links_and_sources(run: Any) -> None:
    [message] = run({"role": "practitioner"})
    services = message["custom"]["services"]
    assert message["custom"]["type"] == "directory"
    assert message["custom"]["markdown"].startswith("# National helplines")
    assert "0808 2000 247" in message["custom"]["markdown"]
    assert {"tel:999", "tel:08082000247"} <= {s["tel"] for s in services}
    assert all(s["source"].startswith("https://") and s["entered_on"] for s in services)
    assert all(s["status"].startswith(("Entered", "Verified")) for s in services)


def test_school_leads_see_childline_and_nspcc_first_after_999(run: Any) -> None:
    [message] = run({"role": "school_dsl"})
    order = [s["tel"] for s in message["custom"]["services"]]
    assert order[:3] == ["tel:999", "tel:08001111", "tel:08088005000"]


def test_emergency_always_leads(run: Any) -> None:
    for role in (None, "practitioner", "commissioner", "school_dsl", "unexpected"):
        [message] = run({"role": role})
        assert message["custom"]["services"][0]["tel"] == "tel:999"


def test_the_action_server_registers_every_custom_action_the_domain_names() -> None:
    """As `python -m rasa_sdk --actions actions` does at start-up."""
    import yaml
    from rasa_sdk.executor import ActionExecutor

    from bot.config import PROJECT_ROOT

    executor = ActionExecutor()
    executor.register_package("actions")
    declared = set()
    for path in (PROJECT_ROOT / "domain").glob("*.yml"):
        declared |= set(yaml.safe_load(path.read_text()).get("actions", []))
    assert declared - set(executor.actions) == set()
