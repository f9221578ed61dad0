"""The model's `crisis` reading set aside when the gateway has judged the message past.

The gateway grades every message with its two crisis nets (phrase rules and
meaning, `bot/safety/grading.py`) before the engine sees it. The model's `crisis`
intent is the third net, and alone it fires on messages that only tell of danger
in the past, in a record or in a what-if ("years ago he tried to set fire to the
house, she wants counselling"), so 999 guidance came first where it should not.

When the gateway's own nets did not find clear danger and the message puts what
it tells in the past and says nothing of the present (`bot/safety/immediacy.py`),
or its meaning net reads almost no danger in any part of a message that is not
short (`bot/safety/grading.model_alone_doubted`: then the short safety line comes
first), the gateway sends `crisis_set_aside` in the metadata; this component then replaces
a `crisis` reading with the classifier's next choice, so the message is answered
(after the short safety line when the gateway graded it possible), and records
that it did (`crisis_gate` in the parse data, which the gateway channel reports
for the metrics and the evaluation). Anything the gateway graded clear goes to
crisis handling whatever this does.

Runs inside the engine (Rasa 3.6, Python 3.10): keep it 3.10-compatible.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from addons.stateless import StatelessComponent

SET_ASIDE = "crisis_set_aside"
GATE = "crisis_gate"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CrisisGate(StatelessComponent):
    """Sets aside a `crisis` reading the gateway judged past (see the module's docstring)."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            metadata = message.get("metadata")
            if not isinstance(metadata, dict) or metadata.get(SET_ASIDE) is not True:
                continue
            intent = message.get(INTENT) or {}
            if intent.get("name") != "crisis":
                continue
            rest = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != "crisis"]
            if not rest:
                continue
            message.set(INTENT, dict(rest[0]), add_to_output=True)
            message.set(INTENT_RANKING_KEY, rest, add_to_output=True)
            message.set(GATE, {"set_aside": intent.get("confidence")}, add_to_output=True)
        return messages
