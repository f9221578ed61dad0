"""Loading a YAML knowledge file into a validated pydantic model."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)


class KnowledgeFileError(ValueError):
    """A knowledge file is missing, is not YAML, or does not match its schema."""


def load_yaml_model(path: Path, model: type[Model]) -> Model:
    """Read `path` and validate it against `model`, naming the file and field on error."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KnowledgeFileError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise KnowledgeFileError(f"{path}: not valid YAML ({exc})") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise KnowledgeFileError(f"{path}: {problems}") from None
