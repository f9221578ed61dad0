"""Helpers shared by the unit and end-to-end suites (pytest puts `tests/` on the path,
so they import as `helpers.<module>`): settings and processes (`support`), database
reads (`database`), a fake engine behind the real gateway (`gateway_fake`), a
private PostgreSQL server (`private_postgres`) and rasa-sdk trackers (`trackers`)."""
