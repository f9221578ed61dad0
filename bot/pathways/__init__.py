"""Referral pathways: which situations apply, and who to contact, in what order."""
