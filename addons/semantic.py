"""Rasa components over the pretrained sentence encoder (bot/semantic/encoder.py).

- `SemanticFeaturizer` gives DIET and the ResponseSelector dense features: a
  sentence vector (all-MiniLM-L6-v2, mean-pooled) and one vector per token (the
  mean of the word pieces inside it), beside the sparse count features.
- `SemanticMatcher` is a regression over those sentence vectors and the words
  and letter groups of each example (addons/topic_model.py), and adds
  `semantic` to the parse data: the labels (intents, and `faq/<topic>` for the
  knowledge base) ranked by probability. When
  the gateway says which topic was answered last (message metadata
  `previous_topic`), it also ranks the message read in that topic's context, so
  the knowledge action can answer a follow-up ("and if she's pregnant?").

Both run on the CPU; nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import inspect
from pathlib import Path
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES, TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import (
    FEATURE_TYPE_SENTENCE,
    FEATURE_TYPE_SEQUENCE,
    INTENT,
    INTENT_RESPONSE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons import context_examples, topic_model
from addons.topic_model import TopicModel
from bot.semantic.context import in_context
from bot.semantic.encoder import shared_encoder

SEMANTIC = "semantic"
FEATURIZER_ALIAS = "semantic_minilm"
TOP_LABELS = 8
# Never matched on: they are not things a person types.
SKIPPED_INTENTS = {"nlu_fallback", "walkthrough_answer"}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SemanticFeaturizer(DenseFeaturizer, GraphComponent):
    """Dense sentence and token features from all-MiniLM-L6-v2."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DenseFeaturizer.get_default_config(), "alias": FEATURIZER_ALIAS}

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, config)
        self.encoder = shared_encoder()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls(config, execution_context.node_name)

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        pass

    def process(self, messages: list[Message]) -> list[Message]:
        """Featurize in batches: one matrix product for many short messages."""
        alias = self._config["alias"]
        for attribute in DENSE_FEATURIZABLE_ATTRIBUTES:
            todo = [m for m in messages if m.get(attribute) and m.get(TOKENS_NAMES[attribute])]
            if not todo:
                continue
            # Each retrieval example carries its whole answer as RESPONSE: encode
            # each distinct text (and tokenisation) once.
            unique: dict[Any, int] = {}
            for m in todo:
                unique.setdefault(self._key(m, attribute), len(unique))
            keys = list(unique)
            encoded = self.encoder.encode_many_with_tokens(
                [text for text, _ in keys], [list(spans) for _, spans in keys]
            )
            vectors = [encoded[unique[self._key(m, attribute)]] for m in todo]
            for message, (sentence, sequence) in zip(todo, vectors, strict=False):
                message.add_features(Features(sequence, FEATURE_TYPE_SEQUENCE, attribute, alias))
                message.add_features(
                    Features(sentence[None, :], FEATURE_TYPE_SENTENCE, attribute, alias)
                )
        return messages

    @staticmethod
    def _key(message: Message, attribute: str) -> Any:
        spans = tuple((t.start, t.end) for t in message.get(TOKENS_NAMES[attribute]))
        return message.get(attribute), spans

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data


def _label(message: Message) -> str | None:
    key = message.get(INTENT_RESPONSE_KEY)
    if key:
        return key
    intent = message.get(INTENT)
    return intent if intent and intent not in SKIPPED_INTENTS else None


def _sentence_vector(message: Message, encoder: Any) -> np.ndarray:
    """The featurizer's sentence vector for this message, or a fresh one."""
    _, sentence = message.get_dense_features(TEXT, [FEATURIZER_ALIAS])
    if sentence is not None:
        vector = np.asarray(sentence.features, dtype=np.float32).reshape(-1)
        return vector / max(float(np.linalg.norm(vector)), 1e-12)
    return encoder.encode_one(message.get(TEXT))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SemanticMatcher(GraphComponent):
    """Every label ranked by probability; the knowledge action chooses topics from it."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Follow-ups in context, generated by `python -m bot.knowledge.build`.
        return {"context_examples": None}

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """Rasa's training cache keys on this class's source and the training data only:
        a change to the regression's module or to the follow-ups must train it again."""
        digest = hashlib.sha256(inspect.getsource(topic_model).encode())
        digest.update(inspect.getsource(context_examples).encode())
        path = config.get("context_examples")
        if path and Path(path).is_file():
            digest.update(Path(path).read_bytes())
        return digest.hexdigest()

    @staticmethod
    def required_packages() -> list[str]:
        return ["sklearn", "scipy", "numpy"]

    def __init__(
        self,
        model_storage: ModelStorage,
        resource: Resource,
        model: TopicModel | None = None,
        config: dict[str, Any] | None = None,
    ) -> None:
        self._config = config or {}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model
        self.encoder = shared_encoder()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls(model_storage, resource, config=config)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> GraphComponent:
        with model_storage.read_from(resource) as path:
            if not (path / "matcher.npz").exists():
                return cls(model_storage, resource)
            with np.load(path / "matcher.npz", allow_pickle=False) as data:
                return cls(model_storage, resource, TopicModel.from_arrays(data))

    def train(self, training_data: TrainingData) -> Resource:
        examples, labels = [], []
        for example in training_data.intent_examples:
            label = _label(example)
            if label and example.get(TEXT):
                examples.append(example)
                labels.append(label)
        if examples:
            vectors = np.stack([_sentence_vector(e, self.encoder) for e in examples])
            texts = [e.get(TEXT) for e in examples]
            extra_texts, extra_labels = context_examples.load(
                self._config.get("context_examples"), set(labels)
            )
            if extra_texts:
                vectors = np.concatenate([vectors, self.encoder.encode(extra_texts)])
                texts, labels = texts + extra_texts, labels + extra_labels
            self.model = TopicModel.fit(texts, vectors, labels)
        # Written even with nothing learned, so the model always loads.
        with self._model_storage.write_to(self._resource) as path:
            if self.model is not None:
                np.savez(path / "matcher.npz", **self.model.arrays())
        return self._resource

    def _rank(self, text: str, vector: np.ndarray) -> list[dict[str, Any]]:
        return self.model.rank(text, vector, TOP_LABELS) if self.model else []

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue
            vector = _sentence_vector(message, self.encoder)
            result: dict[str, Any] = {"ranking": self._rank(text, vector)}
            metadata = message.get("metadata")
            metadata = metadata if isinstance(metadata, dict) else {}
            previous, context = metadata.get("previous_topic"), metadata.get("previous_topic_title")
            if isinstance(previous, str) and isinstance(context, str) and context:
                combined = in_context(context, text)
                result["context_ranking"] = self._rank(combined, self.encoder.encode_one(combined))
                result["previous_topic"] = previous
            message.set(SEMANTIC, result, add_to_output=True)
        return messages
