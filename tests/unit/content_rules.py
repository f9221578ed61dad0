"""Shared by the content checks: phrasing that blames the survivor or hides the perpetrator."""

# Phrases that blame the survivor or hide the perpetrator (Safe & Together).
VICTIM_BLAMING = [
    r"failed? to protect",
    r"failure to protect",
    r"why (hasn't|hasnt|has not|doesn't|does not|didn't) she (just )?leave",
    r"why (haven't|has) (you|she) (not )?left",
    r"allowed him",
    r"let him back",
    r"volatile relationship",
    r"toxic relationship",
    r"exposed to domestic (violence|abuse)",
    r"witnessed (an|the) incident",
    r"\bjust leave\b",
    r"should (just )?leave (him|her|the relationship)",
    r"mum needs to choose",
]
