"""Training examples of retrieval intents carry their answer's key, not its whole text.

Rasa attaches each answer's full text (`utter_faq/<topic>`, a paragraph with its
sources) to every training example of that topic as the `response` attribute, so
the tokenizer, both count featurizers and the sentence encoder processed the same
long answers thousands of times, and the training cache fingerprinted every one
of their tokens after each component: a third of training on 2 cores.

The ResponseSelector learns the answer's key (`use_text_as_label: false`, the
default), never its text, and the answers are sent from the domain at run time,
so nothing uses those features. This component, first in the pipeline, puts the
key in their place, as Rasa itself does for an answer with no text. Training
only: messages at run time have no `response`.

Runs inside the engine (Rasa 3.6, Python 3.10): keep it 3.10-compatible.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT_RESPONSE_KEY, RESPONSE
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons.stateless import StatelessComponent


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class ResponseKeys(StatelessComponent):
    """Replaces each training example's answer text with its answer key."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            key = example.get(INTENT_RESPONSE_KEY)
            if key and example.get(RESPONSE):
                example.set(RESPONSE, key)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        return messages
