"""Talking to the Rasa engine and the action server over loopback."""
