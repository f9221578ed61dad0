"""The UK's nations and the council, county and city names people give as where they work.

Two uses, neither of which stores a place name:
- when a user names an area with no file under data/areas/, which UK nation it is in,
  so the assistant can say what differs there (only what its data already holds);
- the anonymiser keeps these names when they are said as an area ("I'm in Preston",
  "I work for Kirklees"), so a town that is also a person's name reaches the engine.

The lists are the principal councils of each nation (England's counties, unitary,
metropolitan and London boroughs; Wales's 22; Scotland's 32; Northern Ireland's 11),
their cities and larger towns, and the short forms practitioners type ("north yorks",
"RCT"). A name shared by two nations (Newport) is listed under its council's.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

Nation = Literal["england", "wales", "scotland", "northern_ireland"]
NATIONS: tuple[Nation, ...] = ("england", "wales", "scotland", "northern_ireland")

# The nation's own names and adjectives ("we're a Welsh council").
_NATION_WORDS: dict[Nation, str] = {
    "england": "England; English",
    "wales": "Wales; Welsh; Cymru",
    "scotland": "Scotland; Scottish",
    "northern_ireland": "Northern Ireland; N Ireland; Northern Irish",
}

_PLACES: dict[Nation, str] = {
    "england": """
    Bedfordshire; Berkshire; Buckinghamshire; Cambridgeshire; Cheshire; Cornwall; Cumbria;
    Cumberland; Westmorland and Furness; Westmorland; Derbyshire; Devon; Dorset; Durham;
    County Durham; East Sussex; West Sussex; Sussex; Essex; Gloucestershire; Hampshire;
    Herefordshire; Hertfordshire; Isle of Wight; Isles of Scilly; Kent; Lancashire;
    Leicestershire; Lincolnshire; Norfolk; Northamptonshire; North Northamptonshire;
    West Northamptonshire; Northumberland; Nottinghamshire; Oxfordshire; Rutland; Shropshire;
    Somerset; North Somerset; Bath and North East Somerset; Staffordshire; Suffolk; Surrey;
    Warwickshire; Wiltshire; Worcestershire; Yorkshire; North Yorkshire; West Yorkshire;
    South Yorkshire; East Riding of Yorkshire; East Riding; Greater Manchester; Merseyside;
    Tyne and Wear; West Midlands; East Midlands; Teesside; Humberside; Greater London;
    north yorks; west yorks; south yorks; east yorks; notts; herts; bucks; beds; lancs; glos;
    wilts; oxon; hants; berks; cambs; leics; lincs; staffs; warks; worcs; northants; northumbs;
    Bedford; Central Bedfordshire; Luton; Milton Keynes; Cheshire East; Cheshire West and Chester;
    Halton; Warrington; Bristol; South Gloucestershire; Plymouth; Torbay; Swindon; Peterborough;
    Southend; Southend-on-Sea; Thurrock; Medway; Bracknell Forest; West Berkshire; Reading;
    Slough; Windsor and Maidenhead; Wokingham; Brighton and Hove; Brighton; Hove; Portsmouth;
    Southampton; Bournemouth; Christchurch and Poole; Poole; BCP; Derby; Leicester; Nottingham;
    Stoke-on-Trent; Stoke; Telford and Wrekin; Telford; Hartlepool; Middlesbrough;
    Redcar and Cleveland; Redcar; Stockton-on-Tees; Stockton; Darlington; Kingston upon Hull;
    Hull; North East Lincolnshire; North Lincolnshire; York; Blackburn with Darwen; Blackburn;
    Blackpool; Bolton; Bury; Manchester; Oldham; Rochdale; Salford; Stockport; Tameside;
    Trafford; Wigan; Knowsley; Liverpool; St Helens; Sefton; Wirral; Barnsley; Doncaster;
    Rotherham; Sheffield; Gateshead; Newcastle; Newcastle upon Tyne; North Tyneside;
    South Tyneside; Sunderland; Birmingham; Coventry; Dudley; Sandwell; Solihull; Walsall;
    Wolverhampton; Bradford; Calderdale; Kirklees; Leeds; Wakefield;
    London; City of London; Barking and Dagenham; Barking; Dagenham; Barnet; Bexley; Brent;
    Bromley; Camden; Croydon; Ealing; Enfield; Greenwich; Hackney; Hammersmith and Fulham;
    Hammersmith; Fulham; Haringey; Harrow; Havering; Hillingdon; Hounslow; Islington;
    Kensington and Chelsea; Kingston upon Thames; Lambeth; Lewisham; Merton; Newham; Redbridge;
    Richmond upon Thames; Richmond; Southwark; Sutton; Tower Hamlets; Waltham Forest;
    Wandsworth; Westminster;
    Carlisle; Lancaster; Preston; Chester; Lincoln; Exeter; Norwich; Ipswich; Cambridge; Oxford;
    Gloucester; Worcester; Hereford; Winchester; Canterbury; Chichester; Salisbury; Truro; Wells;
    Ely; Lichfield; Cheltenham; Colchester; Chelmsford; Northampton; Kettering; Corby; Basildon;
    Southport; St Albans; Stevenage; Watford; Luton; Maidstone; Crawley; Guildford; Woking;
    Basingstoke; Swindon; Gateshead; Huddersfield; Halifax; Dewsbury; Keighley; Harrogate;
    Scarborough; Whitby; Grimsby; Scunthorpe; Burnley; Accrington; Bolton; Warrington; Crewe;
    Macclesfield; Birkenhead; Shrewsbury; Stafford; Tamworth; Nuneaton; Rugby; Kidderminster;
    Redditch; Bath; Taunton; Yeovil; Torquay; Barnstaple; Weymouth; Penzance; Barrow-in-Furness;
    Kendal; Workington; Whitehaven; Hexham; Berwick; Morpeth; Blyth; Sunderland; Mansfield;
    Chesterfield; Worksop; Grantham; Boston; Skegness; King's Lynn; Great Yarmouth; Lowestoft;
    Bury St Edmunds; Hastings; Eastbourne; Margate; Dover; Folkestone; Ashford; Aylesbury;
    High Wycombe; Bedford; Wellingborough; Loughborough; Hinckley; Burton upon Trent; Walsall
    """,
    "wales": """
    Blaenau Gwent; Bridgend; Caerphilly; Cardiff; Carmarthenshire; Ceredigion; Conwy;
    Denbighshire; Flintshire; Gwynedd; Isle of Anglesey; Anglesey; Ynys Mon; Merthyr Tydfil;
    Merthyr; Monmouthshire; Neath Port Talbot; Newport; Pembrokeshire; Powys;
    Rhondda Cynon Taf; Rhondda Cynon Taff; Rhondda; RCT; Swansea; Torfaen; Vale of Glamorgan;
    Wrexham; Aberystwyth; Llanelli; Barry; Pontypridd; Rhyl; Llandudno; Carmarthen;
    Haverfordwest; Brecon; Aberdare; Neath; Port Talbot; Cwmbran; Ebbw Vale; Abergavenny;
    Colwyn Bay; Holyhead; Caernarfon; Mold; Welshpool
    """,
    "scotland": """
    Aberdeen; Aberdeenshire; Angus; Argyll and Bute; Clackmannanshire; Dumfries and Galloway;
    Dumfries; Dundee; East Ayrshire; East Dunbartonshire; East Lothian; East Renfrewshire;
    Edinburgh; Falkirk; Fife; Glasgow; Highland Council; the Highlands; Inverclyde; Midlothian;
    Moray; Western Isles; Eilean Siar; North Ayrshire; North Lanarkshire; Orkney;
    Perth and Kinross; Perth; Renfrewshire; Scottish Borders; Shetland; South Ayrshire;
    South Lanarkshire; Stirling; West Dunbartonshire; West Lothian; Lanarkshire; Ayrshire;
    Inverness; Paisley; Kilmarnock; Ayr; Livingston; Kirkcaldy; Dunfermline; Motherwell;
    Hamilton; Greenock; Irvine; Glenrothes; Cumbernauld; East Kilbride; Arbroath; Elgin
    """,
    "northern_ireland": """
    Antrim and Newtownabbey; Ards and North Down; Armagh City, Banbridge and Craigavon;
    Armagh Banbridge and Craigavon; Causeway Coast and Glens; Derry City and Strabane;
    Derry and Strabane; Fermanagh and Omagh; Lisburn and Castlereagh; Mid and East Antrim;
    Mid Ulster; Newry, Mourne and Down; Newry Mourne and Down; Belfast; Derry; Londonderry;
    Lisburn; Newry; Armagh; Omagh; Enniskillen; Coleraine; Ballymena; Craigavon; Antrim;
    Newtownabbey; Newtownards; Portadown; Dungannon; Strabane; County Down; County Antrim;
    County Armagh; County Tyrone; County Fermanagh; County Londonderry
    """,
}


def _names(listing: str) -> list[str]:
    return [n.strip() for n in listing.replace("\n", " ").split(";") if n.strip()]


def _key(text: str) -> str:
    """Lower case, apostrophes dropped, words only: "King's Lynn" and "kings lynn" agree."""
    return " ".join(re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", text.lower())))


@cache
def places() -> dict[str, Nation]:
    """Every name (folded) and its nation; the first nation listed wins a shared name."""
    found: dict[str, Nation] = {}
    for nation in NATIONS:
        for name in _names(_NATION_WORDS[nation]) + _names(_PLACES[nation]):
            found.setdefault(_key(name), nation)
    return found


def place_names() -> tuple[str, ...]:
    """The names as written, for the anonymiser's list of areas."""
    return tuple(
        name
        for nation in NATIONS
        for name in _names(_NATION_WORDS[nation]) + _names(_PLACES[nation])
    )


def name_regex(name: str) -> str:
    """A whole-name pattern: spaces, hyphens and commas between words are interchangeable,
    and an apostrophe is optional ("Stoke on Trent", "kings lynn")."""
    words = [w for w in re.split(r"[\s,-]+", name) if w]
    parts = [re.escape(w).replace("'", "['’]?") for w in words]
    return r"[\s,-]+".join(parts)


def names_pattern(names: list[str] | tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for all the names, the longest first."""
    unique = sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True)
    if not unique:
        return None
    alternatives = "|".join(name_regex(n) for n in unique)
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", re.IGNORECASE)


@cache
def _pattern() -> re.Pattern[str]:
    pattern = names_pattern(place_names())
    assert pattern is not None
    return pattern


def nation_of(text: str) -> Nation | None:
    """The UK nation of the first council, city or nation the text names, if any."""
    for match in _pattern().finditer(text):
        nation = places().get(_key(match.group(0)))
        if nation is not None:
            return nation
    return None


def names_a_place(text: str) -> bool:
    """Does the text name a UK nation, council, county or city on these lists?"""
    return _pattern().search(text) is not None
