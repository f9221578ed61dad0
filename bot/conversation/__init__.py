"""Conversation policy, apart from HTTP.

The turn pipeline, which payloads run as intents, feedback offers, the turn log,
and what a conversation remembers between turns.
"""
