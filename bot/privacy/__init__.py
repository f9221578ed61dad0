"""Privacy: identifying details are removed before anything else sees a message."""
