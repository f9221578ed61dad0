"""The journey gate in the NLU pipeline: a request to do something starts its journey.

Runs after the classifiers and the semantic matcher, before the FallbackClassifier.
When `bot.knowledge.journey_gate.journey_for` finds that a message the classifier
read as a question (or did not understand) asks for a journey, by meaning and by
form, the intent becomes that journey, so the rules start it exactly as if the
classifier had chosen it. What the classifier said is kept in the parse data
(`journey_gate`). Messages typed while a walkthrough is under way (the gateway
sends `active_loop` in the metadata) are left alone: they answer its step.

Runs inside the engine (Rasa 3.6, Python 3.10): keep it 3.10-compatible.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from addons.semantic import SEMANTIC
from addons.stateless import StatelessComponent
from bot.knowledge.journey_gate import journey_for

GATE = "journey_gate"
# The confidence the gated journey is given: above the FallbackClassifier's 0.55
# threshold and clear of everything else in the ranking.
CONFIDENCE = 0.9


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class JourneyGate(StatelessComponent):
    """Sets the intent to a journey the message asks for (see the module's docstring)."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            metadata = message.get("metadata")
            metadata = metadata if isinstance(metadata, dict) else {}
            if metadata.get("active_loop"):
                continue
            intent = message.get(INTENT) or {}
            parse = {"intent": intent, "text": message.get(TEXT), SEMANTIC: message.get(SEMANTIC)}
            offered = metadata.get("previous_topic_offers")
            journey = journey_for(
                parse,
                offered=offered if isinstance(offered, str) else None,
                after_answer=isinstance(metadata.get("previous_topic"), str),
            )
            sure = float(intent.get("confidence") or 0) >= CONFIDENCE
            if journey is None or (journey == intent.get("name") and sure):
                continue
            others = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != journey]
            rest = [{**r, "confidence": min(float(r.get("confidence") or 0), 0.05)} for r in others]
            message.set(INTENT, {"name": journey, "confidence": CONFIDENCE}, add_to_output=True)
            message.set(
                INTENT_RANKING_KEY,
                [{"name": journey, "confidence": CONFIDENCE}, *rest],
                add_to_output=True,
            )
            message.set(
                GATE,
                {"replaced": intent.get("name"), "confidence": intent.get("confidence")},
                add_to_output=True,
            )
        return messages
