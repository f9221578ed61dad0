"""Risk decisions that follow published criteria; pure functions, table-tested."""
