"""The safety-planning walkthrough: its content schema and the summary it produces."""
