"""The form in which a message is read in the context of the topic answered just before.

The gateway sends the last topic's title with a message; the semantic matcher
(addons/semantic.py) ranks "<title>: <message>" beside the bare message, and is
trained on follow-ups written in that form (bot/knowledge/context_examples.py).
One function, so the two never drift apart.
"""


def in_context(title: str, text: str) -> str:
    """`text` as read after the topic titled `title`."""
    return f"{title}: {text}"
