"""The pages the bench measures, and the targets of issue 16 for each.

A scenario's path may name values read from the bench database once it is ready
(bench/facts.py): ``{published}`` a published contribution's id, ``{territory}`` Grand
Belfort's page id, ``{event}`` an event page, ``{enjeu_forum}`` and ``{long_thread}`` the
forum of the enjeu Mobilité and its seeded 5,000-comment thread, ``{floor}`` the static file.

Targets are shares of the floor's requests per second, measured in the same run: a page
answered from the anonymous page cache should cost at most three times a static file, a page
rendered for a signed-in citizen at most fifteen (thirty for the two heaviest)."""

from dataclasses import dataclass
from fractions import Fraction

# The five territories' extent (their centres ± the seeding spread, and Giromagny).
REGION_BBOX = "6.55,47.35,7.20,47.90"
# About 2 km around Belfort's centre (47.6397, 6.8638).
COMMUNE_BBOX = "6.8538,47.6297,6.8738,47.6497"

CACHED = Fraction(1, 3)
SIGNED_IN = Fraction(1, 15)
SIGNED_IN_HEAVY = Fraction(1, 30)
SEARCH_P50_MS, SEARCH_P99_MS = 40, 150
SUGGESTIONS_P99_MS = 30
# Ten times the contributions may cost at most this much more per request.
MAX_SCALE_RATIO = 1.3


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    # The least share of the floor's req/s, signed out (from the page cache) and signed in.
    signed_out_share: Fraction | None = None
    signed_in_share: Fraction | None = None
    # Latency ceilings, signed out and signed in alike (search is never cached).
    max_p50_ms: float | None = None
    max_p99_ms: float | None = None
    # Measured signed in on the large database too: its cost must not grow with the data.
    scaled: bool = False


FLOOR = Scenario("floor: static file", "{floor}")


def search(name, path):
    return Scenario(name, path, max_p50_ms=SEARCH_P50_MS, max_p99_ms=SEARCH_P99_MS, scaled=True)


SCENARIOS = [
    Scenario("home", "/", CACHED, SIGNED_IN),
    Scenario("territory", "/territoires/grand-belfort/", CACHED, SIGNED_IN),
    Scenario("enjeu", "/enjeux/mobilite/", CACHED, SIGNED_IN),
    Scenario("event", "{event}", CACHED),
    Scenario("territories (GeoJSON)", "/api/territoires.geojson"),
    Scenario("contributions map", "/contributions/", CACHED, SIGNED_IN_HEAVY, scaled=True),
    Scenario(
        "GeoJSON region z9",
        f"/api/contributions.geojson?bbox={REGION_BBOX}&zoom=9",
        CACHED,
        scaled=True,
    ),
    Scenario(
        "GeoJSON territory z11",
        "/api/contributions.geojson?territoire=grand-belfort&zoom=11",
        CACHED,
    ),
    Scenario(
        "GeoJSON commune z15",
        f"/api/contributions.geojson?bbox={COMMUNE_BBOX}&zoom=15",
        CACHED,
    ),
    Scenario("contributions list p5", "/contributions/?page=5", CACHED),
    # Every published contribution as open data, streamed (ETag and Cache-Control, no cache).
    Scenario("contributions CSV", "/api/contributions.csv"),
    Scenario("contribution page", "/contributions/{published}/", CACHED, SIGNED_IN),
    # The planisphère des solutions over the seeded initiatives (bench/seed_initiatives.py).
    Scenario("planisphère", "/initiatives/", CACHED, SIGNED_IN, scaled=True),
    Scenario("planisphère filtered", "/initiatives/?territoire=grand-belfort&maturite=activite"),
    Scenario("planisphère p10", "/initiatives/?page=10"),
    Scenario("initiatives GeoJSON z9", f"/api/initiatives.geojson?bbox={REGION_BBOX}&zoom=9"),
    Scenario(
        "initiatives GeoJSON z11", "/api/initiatives.geojson?territoire=grand-belfort&zoom=11"
    ),
    Scenario("initiatives GeoJSON z15", f"/api/initiatives.geojson?bbox={COMMUNE_BBOX}&zoom=15"),
    # A published seeded initiative (banc-<n>: every twentieth is a draft, 100 is not).
    Scenario("initiative page", "/initiatives/banc-100/", CACHED, SIGNED_IN),
    Scenario("enjeu forum", "{enjeu_forum}", CACHED),
    Scenario("thread 5,000 comments", "{long_thread}", CACHED, SIGNED_IN_HEAVY, scaled=True),
    # The site search over every seeded object's document: a word found in thousands of
    # documents, two words, a rare word (bench/seed_search.py), facets, a deep page, and the
    # search box's suggestions.
    search("search broad", "/recherche/?q=mobilite"),
    search("search two words", "/recherche/?q=ecole+transport"),
    search("search rare word", "/recherche/?q=funiculaire"),
    search("search filtered", "/recherche/?q=mobilite&type=revolte&territoire={territory}"),
    search("search p5", "/recherche/?q=mobilite&page=5"),
    Scenario(
        "search suggestions",
        "/recherche/suggestions?q=mob",
        max_p99_ms=SUGGESTIONS_P99_MS,
        scaled=True,
    ),
]


def chosen(only):
    """The scenarios whose name contains one of ``only`` (all of them when it is empty)."""
    return [s for s in SCENARIOS if not only or any(text in s.name for text in only)]
