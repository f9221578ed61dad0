"""Request and response models; these are what /docs describes."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictStr, field_validator

MAX_MESSAGE_CHARS = 2000


class ChatRequest(BaseModel):
    """One user message, in the body format of Rasa's REST channel."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"sender": "3f1c9a2e-web", "message": "What helplines are there?"}]
        },
    )

    sender: StrictStr = Field(
        min_length=1,
        max_length=128,
        pattern=r"^[A-Za-z0-9_.:-]+$",
        description=(
            "An opaque id for the conversation, chosen by the client (random per page load). "
            "It is never stored or forwarded: the gateway uses a keyed hash of it."
        ),
    )
    message: StrictStr = Field(
        min_length=1,
        max_length=MAX_MESSAGE_CHARS,
        description=(
            f"The user's text (at most {MAX_MESSAGE_CHARS} characters), or a button payload "
            'such as "/role_practitioner".'
        ),
    )
    metadata: dict[str, Any] | None = Field(
        default=None,
        description="Accepted for compatibility with Rasa REST clients; ignored, never forwarded.",
    )

    @field_validator("message")
    @classmethod
    def _not_blank(cls, message: str) -> str:
        if not message.strip():
            raise ValueError("message must contain some text")
        return message


class Button(BaseModel):
    title: str
    payload: str


class BotMessage(BaseModel):
    """One bot message in Rasa's REST channel format; absent fields are left out."""

    recipient_id: str
    text: str | None = None
    buttons: list[Button] | None = None
    image: str | None = None
    custom: dict[str, Any] | None = None


class ErrorResponse(BaseModel):
    """Every error has a machine-readable code and a sentence a person can read."""

    error: str = Field(examples=["engine_unavailable"])
    message: str = Field(examples=["The assistant isn't available right now."])
    messages: list[BotMessage] = Field(
        default_factory=list,
        description="Bot messages to show anyway, e.g. 999 guidance when the message was a crisis.",
    )
    details: list[dict[str, Any]] | None = None


class ComponentHealth(BaseModel):
    engine: str = Field(examples=["up"])
    actions: str = Field(examples=["up"])
    database: str = Field(examples=["up"])


class HealthResponse(BaseModel):
    status: str = Field(examples=["ok"])
    components: ComponentHealth
    down: list[str] = Field(default_factory=list)
