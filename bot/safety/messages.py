"""The 999 guidance, read from the domain so the engine and gateway share one wording."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.config import PROJECT_ROOT

SAFETY_DOMAIN = PROJECT_ROOT / "domain" / "safety.yml"
# Put first when a message may describe danger now but does not clearly: the
# normal answer follows it (bot/safety/semantic_net.py grades the message).
POSSIBLE_DANGER_LINE = (
    "If anyone is in danger right now, call 999; on a mobile, 999 then 55 if you can't speak."
)


def crisis_message_text(path: Path = SAFETY_DOMAIN) -> str:
    """The text of `utter_crisis`, exactly as the engine sends it."""
    domain = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        text = domain["responses"]["utter_crisis"][0]["text"]
    except (KeyError, IndexError, TypeError):
        raise ValueError(f"{path}: responses.utter_crisis[0].text is missing") from None
    if "999" not in text or "55" not in text:
        raise ValueError(f"{path}: utter_crisis must give 999 and the 999-then-55 silent call")
    return text
