"""Honest figures: sealed held-out sets run against the real assistant (`make eval`)."""
