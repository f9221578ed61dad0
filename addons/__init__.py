"""Code the Rasa engine loads (Python 3.10, inside the engine's own environment)."""
