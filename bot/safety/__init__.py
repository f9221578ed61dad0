"""The crisis safety net: immediate danger gets 999 guidance first."""
