"""The words that come before (and after) a name, for bot/privacy/cues.py."""

from __future__ import annotations

import re

from bot.privacy.patterns import words

FAMILY = (
    r"(?:mum|mummy|mam|mom|mother|dad|daddy|father|son|daughter|brother|sister|sibling|"
    r"step-?(?:dad|mum|son|daughter|father|mother|brother|sister)|half-?(?:brother|sister)|"
    r"partner|ex-?partner|boyfriend|girlfriend|bf|gf|husband|ex-?husband|wife|ex-?wife|ex|"
    r"fianc[ée]e?|nan|nana|nanna|gran|granny|grandma|grandad|grandpa|grandmother|grandfather|"
    r"baby|child|toddler|pupil|student|uncle|aunt|auntie|aunty|cousin|niece|nephew|carer|"
    r"victim|perpetrator|survivor|suspect|offender|friend|neighbour|lodger|twin|eldest|"
    r"youngest|teenager|yp|worker|teacher|colleague|manager|nurse|midwife|"
    r"kids|children|siblings|twins|brothers|sisters|sons|daughters|grandchildren|parents|"
    r"carers|boys|girls|the boy|the girl|young person|little one|client|service user|"
    r"fella|feller|bloke|hubby|other half|missus|mate|pal|associate)"
)
# Professionals, as cues only before "is"/"was": "probation officer is mark davies".
ROLES = (
    r"(?:officer|sw|hv|idva|isva|dsl|gp|solicitor|health visitor|caseworker|case worker|"
    r"paediatrician|counsellor|therapist|mentor|psychologist|psychiatrist|ypva|isw)"
)
TITLES = (
    r"(?:mr|mrs|ms|miss|mx|dr|prof|rev|cllr|councillor|pc|wpc|dc|ds|di|dci|dsi|dsupt|supt|"
    r"sgt|sarge|insp|inspector|sergeant|constable|det|detective(?: constable| sergeant| "
    r"inspector)?|det\.? ?sgt|det\.? ?con|officer|pcso|chief inspector|superintendent)\.?"
)
VERBS = (
    r"(?:called|named|spoke to|spoken to|speaking to|speak to|talked to|talking to|met|"
    r"meeting with|met with|visited|name is|names are|name's|name was|surname is|surname|"
    r"goes by the name|goes by the nickname|known by the name|been with|is with|was with|"
    r"first name is|full name is|goes by|nicknamed|nickname is|nickname|calls? himself|"
    r"calls? herself|calls? themselves|they call (?:him|her|them)|everyone calls (?:him|her)|"
    r"calls? (?:him|her|them)|"
    r"aka|a\.k\.a\.?|known as|street name is|referred to as|cc|cc'd|ccd|copied in|"
    r"signed off|from|with|re|regarding|name\s*[:=-]|names\s*[:=-]|surname\s*[:=-]|"
    r"forename\s*[:=-]|child\s*[:=-]|subject\s*[:=-]|dob of|"
    r"short for|full name|real name|call|ring|text|phone|contact|email|message|for|about|"
    r"i'm|i am|this is|it's|thanks|thank you|many thanks|cheers|regards|kind regards|"
    r"best wishes|best|fao|attn|dear|hi|hello)"
)
JOIN = (
    r"(?:['’]s)?(?:\s*[,:(–-]\s*|\s+)(?:(?:(?:first |full |real |sur)?name(?:['’]s| is| was|:)?|"
    r"is(?: called| named)?|was|are|were|called|named|who is|aka|=)(?![\w'’])\s*[,:]?\s*)?"
)
TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W\d_])?")
QUOTED = re.compile(r"[\"“'‘]([^\"”’'\n]{1,25})[\"”’']")
FREE_NICKNAME_CUES = re.compile(
    r"(?:goes by|nicknamed|nickname is|nickname|calls? \w+self|calls? themselves|they call \w+|"
    r"everyone calls \w+|aka|a\.k\.a\.?)$",
    re.IGNORECASE,
)
NICKNAME_CUES = re.compile(
    r"(?:goes by|nicknamed|nickname is|nickname|calls? \w+self|calls? themselves|they call \w+|"
    r"everyone calls \w+|aka|a\.k\.a\.?|known as|street name is|referred to as)$",
    re.IGNORECASE,
)
# What a person does, after a lower-case name with no cue before it ("amber is living
# with her nan", "dean smashed her phone", "tayo is the dad").
PERSON_VERB = re.compile(
    r" (?:says|said|told|tells|disclosed|discloses|rang|rings|phoned|texted|messaged|wants|"
    r"wanted|went|came|keeps|kept|hit|hits|hurt|hurts|threatens|threatened|punched|pushed|"
    r"grabbed|shouted|screamed|left|took|takes|reported|refused|denied|admitted|lives|lived|"
    r"has been|had been|has got|has a|has an|has no|has not|hasn't|is living|was living|"
    r"is staying|was staying|is still|is now|is at|is in (?:year|yr|reception)|"
    # "is only 4", not "the water bill is only in his name".
    r"is (?:\d+|aged|only (?:\d+|a (?:baby|child|kid|toddler|teen))|pregnant"
    r"|the (?:dad|mum|father|mother|ex|partner|perp|perpetrator|"
    r"victim|boyfriend|girlfriend|eldest|youngest|baby))|was (?:referred|seen|arrested|"
    r"charged|bailed|released|hit|hurt|assaulted|born|taken)|[a-z]{3,}ed|"
    r"and (?:her|his|their) (?:kids|children|son|daughter|baby|brother|sister|mum|dad|"
    r"partner|boyfriend|girlfriend|husband|wife|ex|family|nan|gran))\b"
)
# Two people who do something together: "kez and gaz are back together".
PAIR = re.compile(r"\s+(?:and|&|\+)\s+")
PAIR_VERB = re.compile(
    r" (?:are|were|have|had|both|keep|kept|live|lived|got|get|split|argue|argued|fight|"
    r"fought|row|rowed|still|[a-z]{3,}ed)\b"
)
# After a possessive lower-case name: "efua's teacher", "tayo's dad".
POSSESSOR = re.compile(
    rf"\s+(?:{FAMILY}|school|class|nursery|sw|hv|gp|dsl|social worker|key worker|"
    r"phone|house|flat|room|bedroom|behaviour|attendance)\b",
    re.IGNORECASE,
)
ADJECTIVES = frozenset(
    words(
        "frank precious sunny rich rusty misty sandy dusty rocky true merry noble royal "
        "grand major sterling sage ready brown white green black young long"
    )
)
# Between a name and what the person does: "(14)", ", 14,", " - 12 -", " (dad)",
# " in year 9", " from next door".
MIDDLE = re.compile(
    r"\s*\(\s*(?:\d+|mum|dad|step-?dad|step-?mum|nan|gran|sister|brother|uncle|aunt|\w+ \w+)"
    r"\s*\)|,\s*\d+\s*(?:yrs?|years?)?,|\s+-\s*\d+\s*-|\s+(?:in|from)\s+(?:year|yr|y)\s?\d+"
)
WEAK_CUES = frozenset({"from", "with", "for", "about"})
# "call shazia" yes, "phone bill" no: no English word after these.
MEDIUM_CUES = frozenset(
    words(
        "call ring text phone contact email message i'm i am this is it's thanks thank you "
        "many thanks cheers regards kind regards best wishes best fao attn dear hi hello"
    )
) | {"i am", "this is", "thank you", "many thanks", "kind regards", "best wishes"}
DETERMINERS = frozenset(
    words(
        "the a an this that these those her his my your their our its some any no every each of "
        "as than more less very so too"
    )
)
