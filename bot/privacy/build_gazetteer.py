"""Build data/privacy/gazetteer.json.gz once, from openly licensed name and word lists.

Not run by the app: run it by hand when the sources change, in a scratch environment
that has the two packages below (they are not app dependencies):

    pip install names==0.3.0 faker
    python -m bot.privacy.build_gazetteer /usr/share/dict/british-english
    pip install gender-guesser==0.4.0 && python -m bot.privacy.build_gazetteer --gfdl

Sources (see data/privacy/LICENCES.md):
- first names and surnames from the `names` package (MIT), which ships the US Census
  Bureau's 1990 name lists (a US government work, public domain);
- first names and surnames of Faker's person providers (MIT) for about 40 locales
  chosen for the languages most spoken in UK families (see data/privacy/LICENCES.md),
  Latin-script entries only, with and without accents;
- the lower-case words of Debian's `wbritish` list (SCOWL, permissive licence), so that
  names that are also ordinary words ("rose", "will", "mark") need a cue.
"""

from __future__ import annotations

import gzip
import importlib
import json
import re
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "data" / "privacy" / "gazetteer.json.gz"
# Kept apart because its licence (GNU FDL 1.2) differs: see data/privacy/LICENCES.md.
OUT_GFDL = OUT.parent / "first_names_gfdl.txt.gz"
LOCALES = [
    "en", "en_GB", "en_IE", "ga_IE", "en_US", "en_NZ", "en_IN", "en_PK", "en_NG", "en_KE",
    "pl_PL", "ro_RO", "lt_LT", "lv_LV", "sk_SK", "cs_CZ", "hu_HU", "tr_TR", "pt_PT", "pt_BR",
    "es_ES", "it_IT", "fr_FR", "de_DE", "nl_NL", "yo_NG", "ig_NG", "ha_NG", "tw_GH", "sw",
    "zu_ZA", "hr_HR", "sl_SI", "et_EE", "az_AZ", "id_ID", "vi_VN", "da_DK", "sv_SE",
]  # fmt: skip
# Census surnames are kept down to this cumulative share of the population (the long
# tail is mostly rare spellings, and ordinary words).
CENSUS_SURNAME_SHARE = 88.0
_WORD = re.compile(r"^[a-z][a-z'-]*[a-z]$")


def _fold(name: str) -> set[str]:
    lowered = name.strip().lower()
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c)
    )
    return {n for n in (lowered, plain) if (_WORD.match(n) and n.isascii()) or _latin(n)}


def _latin(name: str) -> bool:
    return bool(name) and all(
        c in "'-" or (c.isalpha() and "LATIN" in unicodedata.name(c, "")) for c in name
    )


def _census(path: Path, share: float | None) -> set[str]:
    out: set[str] = set()
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 3 and (share is None or float(parts[2]) <= share):
            out |= _fold(parts[0])
    return out


def _faker(locale: str) -> tuple[set[str], set[str]]:
    try:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    except ModuleNotFoundError:
        return set(), set()
    first: set[str] = set()
    last: set[str] = set()
    for attr in ("first_names", "first_names_male", "first_names_female"):
        for name in getattr(provider, attr, ()) or ():
            first |= _fold(name)
    for attr in ("last_names", "last_names_male", "last_names_female"):
        values = getattr(provider, attr, ()) or ()
        for name in values:
            last |= _fold(name)
    return first, last


def main(dictionary: str) -> None:
    import names

    base = Path(names.__file__).parent
    first = _census(base / "dist.male.first", None) | _census(base / "dist.female.first", None)
    last = _census(base / "dist.all.last", CENSUS_SURNAME_SHARE)
    for locale in LOCALES:
        f, s = _faker(locale)
        first |= f
        last |= s
    words = {
        w.strip()
        for w in Path(dictionary).read_text().splitlines()
        if re.fullmatch(r"[a-z]{2,}", w.strip())
    }
    first = {n for n in first if len(n) >= 2}
    last = {n for n in last if len(n) >= 2}
    data = {
        "first_names": sorted(first),
        "surnames": sorted(last),
        "words": sorted(words),
    }
    OUT.write_bytes(gzip.compress(json.dumps(data, separators=(",", ":")).encode(), 9, mtime=0))
    print(f"{len(first)} first names, {len(last)} surnames, {len(words)} words -> {OUT}")


def nam_dict_names() -> set[str]:
    """First names of Jörg Michael's nam_dict.txt (GNU FDL 1.2), as shipped in the
    `gender-guesser` package: about 40,000 names from 50 countries."""
    import gender_guesser

    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    out: set[str] = set()
    for line in path.read_text(encoding="utf-8", errors="ignore").splitlines():
        if line.startswith("#") or len(line) < 30:
            continue
        for name in line[3:29].strip().replace("+", "-").split():
            out |= {n for n in _fold(name) if len(n) >= 2}
    return out


def main_gfdl() -> None:
    names = sorted(nam_dict_names())
    OUT_GFDL.write_bytes(gzip.compress("\n".join(names).encode(), 9, mtime=0))
    print(f"{len(names)} first names -> {OUT_GFDL}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--gfdl":
        main_gfdl()
        sys.exit()
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/dict/british-english")
