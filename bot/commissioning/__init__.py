"""Horizontal commissioning: domestic-abuse requirements for every contract, by tier."""
