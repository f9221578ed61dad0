"""The FastAPI gateway: the only public entry point. It speaks Rasa's REST channel format."""
