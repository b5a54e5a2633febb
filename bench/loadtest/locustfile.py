"""Simulated citizens for the load test (locust; run by bench/loadtest/run.py).

Each simulated user logs in with one of the accounts of the plan (``LOADTEST_PLAN``, written by
``bench.loadtest.world prepare``), then, with 2 to 8 seconds of think time between steps,
browses (home, territories, enjeux, the contributions' map and its GeoJSON, the planisphère,
initiatives, forums and threads), searches, and writes: révoltes and rêves (a random kind and
territory, most with a point inside it), « moi aussi » on published contributions, comments and
replies in threads, requests to join initiatives. Texts are drawn from the bench's French
vocabulary (``bench.seed_search``), so that no write looks like a double submit.

Every write is sorted by what the answer proves, from the message the page shows after the
redirect (``theme/templates/base.html``):

- accepted: a success message on the right page: one new row (its id read from the URL for
  contributions and comments; the pair user, target for « moi aussi » and memberships);
- refused: a 429, or an error message (a per-account limit): no row;
- already: an information message (« Déjà envoyé », already said « moi aussi », already a
  member): no new row (the test citizens are old accounts posting no links: none of their
  comments waits for a moderator, which would also be an information);
- error: anything else (a 5xx, a refused form, the wrong page): a failure in locust's figures.

At the end (``quitting``) the figures and the writes are saved as JSON to ``LOADTEST_OUTCOME``,
for run.py to compare with the rows in the database.
"""

import json
import os
import random
import re
import time
from collections import Counter, defaultdict, deque
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, between, events, task
from locust.exception import StopUser

from bench.seed_search import AFTERWORDS, SUBJECTS, sentence

PLAN = json.loads(Path(os.environ["LOADTEST_PLAN"]).read_text(encoding="utf-8"))
# (number, e-mail) of the accounts no simulated user has taken yet.
ACCOUNTS = deque(enumerate(PLAN["accounts"], start=1))
LOGIN_ATTEMPTS = 5

MESSAGE = re.compile(r'<li class="message message--(\w+)">')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The comments of a page that take a reply (their "Reply" link).
REPLYABLE = re.compile(r'data-reply="(\d+)"')
CONTRIBUTION_PAGE = re.compile(r"/contributions/(\d+)/$")
COMMENT_URL = re.compile(r"#c(\d+)$")
SEARCH_WORDS = [
    "mobilité",
    "école",
    "écoles",
    "transport",
    "bus",
    "vélo",
    "jardin partagé",
    "santé",
    "solidaire",
    "énergie",
    "logement",
    "Belfort",
    "Montbéliard",
    "Héricourt",
    "commerces de proximité",
    "covoiturage",
    "associations",
    "crèche",
    "agriculture",
    "emploi",
]
TITLE_ENDINGS = ["urgent", "une idée", "à revoir", "pour demain", "merci", "parlons-en"]
LOGIN_PATH = "/comptes/login/"
PROFILE_PATH = "/comptes/profil/"

# Outcomes of the writes, by kind, and what was accepted (ids or (e-mail, target) pairs).
WRITES = defaultdict(Counter)
ACCEPTED = defaultdict(list)
STATUSES = Counter()
LOGINS = Counter()


class Forms(HTMLParser):
    """The fields of each form of a page: ``{action: {name: value}}`` (inputs and textareas)."""

    def __init__(self, html):
        super().__init__()
        self.forms = {}
        self._fields = None
        self._textarea = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._fields = self.forms.setdefault(attrs.get("action") or "", {})
        elif self._fields is not None and tag == "input" and attrs.get("name"):
            self._fields[attrs["name"]] = attrs.get("value") or ""
        elif self._fields is not None and tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self._fields[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._fields = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._fields[self._textarea] += data


def some_text(rng, sentences=(1, 3)):
    """A few sentences of varied French, now and then with a question after them."""
    count = rng.randint(*sentences)
    return " ".join([sentence(rng) for _ in range(count)] + [rng.choice(AFTERWORDS)]).strip()


def some_title(rng):
    subject, _plural = rng.choice(SUBJECTS)
    return f"{subject[0].upper()}{subject[1:]} : {rng.choice(TITLE_ENDINGS)}"


def messages_of(response):
    return set(MESSAGE.findall(response.text or ""))


class Citizen(HttpUser):
    """A signed-in citizen of the plan."""

    wait_time = between(2, 8)

    def on_start(self):
        if not ACCOUNTS:
            raise StopUser  # more users than accounts: run.py creates one per user
        self.number, self.email = ACCOUNTS.popleft()
        # Each citizen comes from an address of their own, which the reverse proxy (gunicorn
        # here, with TRUSTED_PROXY_COUNT=1) reports: allauth's limits per address see them
        # apart, as they would see people at home.
        n = self.number
        self.client.headers["X-Forwarded-For"] = f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"
        self.rng = random.Random()
        self.supported = set()
        self.joined = set()
        self.log_in()

    def log_in(self):
        """Log in; a refusal (429: too many logins at once) is waited out and tried again."""
        for _attempt in range(LOGIN_ATTEMPTS):
            page = self.client.get(LOGIN_PATH, name="login form")
            with self.client.post(
                LOGIN_PATH,
                data={
                    "login": self.email,
                    "password": PLAN["password"],
                    "csrfmiddlewaretoken": self.csrf(page),
                },
                name="login",
                catch_response=True,
            ) as response:
                if (response.url or "").endswith(PROFILE_PATH):
                    response.success()
                    LOGINS["logged in"] += 1
                    return
                if response.status_code != 429:
                    response.failure(f"login failed ({response.status_code}, {response.url})")
                    break
                response.success()
            time.sleep(self.rng.uniform(10, 30))
        # The account goes back for the user locust starts in place of this one.
        ACCOUNTS.append((self.number, self.email))
        raise StopUser

    def csrf(self, page):
        """The page's CSRF token (the cookie's when the page has no form)."""
        found = CSRF.search(page.text or "")
        return found.group(1) if found else self.client.cookies.get("csrftoken", "")

    # -- browsing --------------------------------------------------------------------------

    @task(4)
    def home(self):
        self.client.get("/", name="home")

    @task(4)
    def territory(self):
        territory = self.rng.choice(PLAN["territories"])
        self.client.get(territory["url"], name="territory")

    @task(3)
    def enjeu(self):
        self.client.get(self.rng.choice(PLAN["enjeux"]), name="enjeu")

    @task(3)
    def contributions_map(self):
        territory = self.rng.choice(PLAN["territories"])
        self.client.get(f"/contributions/?territoire={territory['slug']}", name="contributions map")
        self.client.get(
            f"/api/contributions.geojson?territoire={territory['slug']}&zoom=11",
            name="contributions GeoJSON",
        )

    @task(4)
    def contribution(self):
        self.client.get(
            f"/contributions/{self.rng.choice(PLAN['contributions'])}/", name="contribution"
        )

    @task(2)
    def planisphere(self):
        self.client.get("/initiatives/", name="planisphère")
        self.client.get(
            "/api/initiatives.geojson?bbox=6.55,47.35,7.20,47.90&zoom=9",
            name="initiatives GeoJSON",
        )

    @task(3)
    def initiative(self):
        self.client.get(self.rng.choice(PLAN["initiatives"])["url"], name="initiative")

    @task(3)
    def forum(self):
        self.client.get(self.rng.choice(PLAN["forums"]), name="forum")
        self.client.get(self.rng.choice(PLAN["threads"])["url"], name="thread")

    @task(5)
    def search(self):
        word = self.rng.choice(SEARCH_WORDS)
        self.client.get("/recherche/suggestions", params={"q": word[:3]}, name="search suggestions")
        self.client.get("/recherche/", params={"q": word}, name="search")

    # -- writing ---------------------------------------------------------------------------

    @task(3)
    def contribute(self):
        form = self.client.get("/contributions/nouvelle/", name="contribution form")
        territory = self.rng.choice(PLAN["territories"])
        points = territory["points"]
        point = self.rng.choice(points) if points and self.rng.random() < 0.8 else ["", ""]
        data = {
            "csrfmiddlewaretoken": self.csrf(form),
            "kind": self.rng.choice(["revolte", "reve"]),
            "territory": territory["id"],
            "commune": "",
            "title": some_title(self.rng) if self.rng.random() < 0.7 else "",
            "text": some_text(self.rng),
            "tags": "",
            "latitude": point[0],
            "longitude": point[1],
        }
        with self.client.post(
            "/contributions/nouvelle/", data=data, name="POST contribution", catch_response=True
        ) as response:
            found = CONTRIBUTION_PAGE.search(response.url or "")
            self.sort_write("contributions", response, found and int(found.group(1)))

    @task(4)
    def moi_aussi(self):
        choices = [pk for pk in PLAN["contributions"] if pk not in self.supported]
        if not choices:
            return
        pk = self.rng.choice(choices)
        page = self.client.get(f"/contributions/{pk}/", name="contribution")
        with self.client.post(
            f"/contributions/{pk}/moi-aussi/",
            data={"csrfmiddlewaretoken": self.csrf(page)},
            name="POST moi aussi",
            catch_response=True,
        ) as response:
            right_page = (response.url or "").endswith(f"/contributions/{pk}/")
            self.sort_write("supports", response, (self.email, pk), right_page)
        self.supported.add(pk)

    @task(4)
    def comment(self):
        thread = self.rng.choice(PLAN["threads"])
        page = self.client.get(thread["url"], name="thread")
        action = f"/discussions/{thread['id']}/commenter/"
        fields = Forms(page.text or "").forms.get(action)
        replyable = REPLYABLE.findall(page.text or "")
        if replyable and self.rng.random() < 0.4:
            reply = self.client.get(
                f"/discussions/commentaires/{self.rng.choice(replyable)}/repondre/",
                name="reply form",
            )
            fields = Forms(reply.text or "").forms.get(action) or fields
        if fields is None:
            WRITES["comments"]["error"] += 1
            return
        data = {**fields, "comment": some_text(self.rng), "honeypot": ""}
        with self.client.post(
            action, data=data, name="POST comment", catch_response=True
        ) as response:
            found = COMMENT_URL.search(response.url or "")
            self.sort_write("comments", response, found and int(found.group(1)))

    @task(2)
    def join(self):
        choices = [page for page in PLAN["initiatives"] if page["id"] not in self.joined]
        if not choices:
            return
        initiative = self.rng.choice(choices)
        page = self.client.get(initiative["url"], name="initiative")
        message = some_text(self.rng, (1, 1)) if self.rng.random() < 0.5 else ""
        with self.client.post(
            f"/initiatives/{initiative['id']}/rejoindre/",
            data={"csrfmiddlewaretoken": self.csrf(page), "message": message},
            name="POST join",
            catch_response=True,
        ) as response:
            right_page = (response.url or "").endswith(initiative["url"])
            self.sort_write("memberships", response, (self.email, initiative["id"]), right_page)
        self.joined.add(initiative["id"])

    def sort_write(self, kind, response, row, right_page=True):
        """Count the write as accepted, refused, already or error (see the module's
        docstring); mark a failure in locust's figures for an error."""
        levels = messages_of(response) if response.status_code == 200 else set()
        if response.status_code == 429:
            outcome = "refused"
        elif "success" in levels and right_page and row:
            outcome = "accepted"
            ACCEPTED[kind].append(row)
        elif "error" in levels and right_page:
            outcome = "refused"
        elif "info" in levels and right_page:
            outcome = "already"
        else:
            outcome = "error"
        WRITES[kind][outcome] += 1
        if outcome == "error":
            response.failure(f"{kind}: {response.status_code} at {response.url}, {levels}")
        else:
            response.success()


@events.request.add_listener
def count_statuses(response=None, exception=None, **_kwargs):
    status = getattr(response, "status_code", 0) or 0
    if exception is not None and not status:
        STATUSES["no answer"] += 1
    elif status >= 500:
        STATUSES["5xx"] += 1
    elif status == 429:
        STATUSES["429"] += 1


def figures(entry):
    return {
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "rps": entry.total_rps,
        "p50": entry.get_response_time_percentile(0.5),
        "p99": entry.get_response_time_percentile(0.99),
    }


@events.quitting.add_listener
def save_outcome(environment, **_kwargs):
    stats = environment.stats
    outcome = {
        "pages": {name: figures(entry) for (name, _method), entry in stats.entries.items()},
        "total": figures(stats.total),
        "statuses": dict(STATUSES),
        "writes": {kind: dict(counts) for kind, counts in WRITES.items()},
        "accepted": dict(ACCEPTED),
        "logins": LOGINS["logged in"],
    }
    with open(os.environ["LOADTEST_OUTCOME"], "w", encoding="utf-8") as out:
        json.dump(outcome, out)
