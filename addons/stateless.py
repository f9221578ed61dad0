"""The base of the engine's pipeline components that keep no state and no config.

Runs inside the engine (Rasa 3.6, Python 3.10): keep it 3.10-compatible.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


class StatelessComponent(GraphComponent):
    """A graph component created the same way whatever the model: no config, nothing
    trained, nothing persisted."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()
