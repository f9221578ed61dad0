"""Custom actions, served by rasa-sdk to the Rasa 3.6 engine.

rasa-sdk warns on every call when its major.minor version differs from the
engine's (3.21 vs 3.6). We run the newest SDK on a modern Python on purpose, and
tests/e2e proves the action-server protocol against the real 3.6.21 engine, so
that one warning is silenced here and no other.
"""

import warnings

warnings.filterwarnings(
    "ignore",
    message=r"Your versions of rasa and rasa_sdk might not be compatible",
    category=UserWarning,
)
