"""The five journeys of the platform, end to end on the demo site, as people see them: a
visitor who searches, a citizen who shares a rêve, a moderator who publishes it, a facilitator
who types paper slips in, an editor who edits a territory page."""

import re
from contextlib import suppress

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from accounts.rules import EDITORS, FACILITATORS, MODERATORS
from cms_pages.models import EventPage, TerritoryPage
from consultation.models import Contribution
from tests.browser.axe import assert_no_serious_violation
from tests.browser.conftest import session_cookie, wait_until
from tests.factories import ContributionFactory, UserFactory, totp_code, totp_device

pytestmark = pytest.mark.browser

PASSWORD = "motdepasse-solide-42"  # tests/factories.py
MOVE_DEBOUNCE_MS = 250  # theme/static/theme/js/map.js
GEOJSON = re.compile(r"/api/contributions\.geojson\?")
REVE = "Je rêve d'une navette le dimanche entre les villages et la gare."


def settle(page):
    """Wait until the map has fetched what its last move asked for."""
    page.wait_for_timeout(MOVE_DEBOUNCE_MS + 250)
    expect(page.locator("[data-map]")).to_have_attribute("data-map-state", "ready")
    page.wait_for_load_state("networkidle")


def list_count(page):
    summary = page.locator(".contribution-results__summary")
    return int(re.search(r"\d+", summary.inner_text()).group())


DRAWN = """() => {
          const map = document.querySelector("[data-map]");
          const number = (element) => parseInt(element.textContent, 10);
          let total = 0;
          map.querySelectorAll(".map-group > span > span:first-child")
            .forEach((count) => { total += number(count); });
          map.querySelectorAll(".map-marker").forEach((marker) => {
            const unplaced = marker.classList.contains("map-marker--unplaced");
            total += unplaced ? number(marker.querySelector(".map-marker__shape")) : 1;
          });
          document.querySelectorAll(".map-offmap > li")
            .forEach((item) => { total += number(item); });
          return total;
        }"""


def assert_drawn(page, expected):
    """The map shows ``expected`` contributions: its markers, the counts of its groups and of
    its « sans point » markers, and the counts said under it for what has no position at all
    (waiting for the groups' animations to end)."""
    with suppress(PlaywrightTimeoutError):
        wait_until(page, f"({DRAWN})() === {int(expected)}", timeout=5000)
    page.wait_for_timeout(400)  # past markercluster's fade: the count holds
    assert page.evaluate(DRAWN) == expected


def sign_in(page, user, second_factor=False):
    """Through the login form (the e-mail address is verified, as after sign-up); with
    ``second_factor``, the user has an authenticator app and types its code when asked."""
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if second_factor:
        totp_device(user)
    page.goto("/comptes/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    if second_factor:
        page.wait_for_url(re.compile(r"/comptes/2fa/authenticate/"))
        page.locator("input[name=code]").fill(totp_code())
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    expect(page).not_to_have_url(re.compile(r"/comptes/login/"))


def member_of(group, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_visitor_finds_a_territory_its_contributions_and_an_initiative(site, page):
    page.goto("/")
    assert_no_serious_violation(page)
    page.locator("a[href='/territoires/grand-belfort/']").first.click()
    expect(page).to_have_url(re.compile(r"/territoires/grand-belfort/$"))
    call = page.locator("[data-share-call]").first
    expect(call.locator("[data-share-link]")).to_have_text("Partager une révolte ou un rêve")

    # For every territory, the map's answer counts as many contributions as its list.
    answers = []
    page.on("response", lambda r: answers.append(r) if GEOJSON.search(r.url) else None)
    territories = TerritoryPage.objects.live().order_by("path")
    assert territories
    for territory in territories:
        page.goto(territory.url)
        link = page.locator("[data-contributions-link]")
        expect(link).to_have_count(1)
        with page.expect_response(GEOJSON):
            link.click()
        settle(page)
        expect(page).to_have_url(re.compile(rf"territoire={territory.slug}"))
        answer = answers[-1].json()
        counted = {row["slug"]: row["count"] for row in answer["territories"]}
        assert counted.get(territory.slug, 0) == list_count(page), territory.slug
        assert_drawn(page, list_count(page))

    page.locator("#site-search-q").fill("mobilite")
    page.locator("form.search-box--header button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/recherche/\?q=mobilite"))
    # The initiative ranks 26th of 28 (page 2, behind 17 comments): the visitor narrows
    # the results to the initiatives with the « Type » facet.
    page.locator('[data-facet] a[data-facet-value="initiative"]').click()
    expect(page).to_have_url(re.compile(r"initiative"))
    hit = page.locator(".search-hit[data-kind=initiative]").filter(has_text="Covoit'Sud")
    expect(hit).to_have_count(1)
    hit.locator("a.card__link").click()
    expect(page.locator("h1")).to_contain_text("Covoit'Sud")


def test_citizen_shares_a_reve_and_says_moi_aussi(site, page):
    citizen = UserFactory()
    sign_in(page, citizen)
    belfort = TerritoryPage.objects.get(slug="grand-belfort")
    page.goto(belfort.url)
    page.locator("[data-share-call] [data-share-link]").first.click()
    expect(page.locator("select[name=territory]")).to_have_value(str(belfort.pk))
    assert_no_serious_violation(page)
    page.locator("input[name=kind][value=reve]").check()
    page.locator("textarea[name=text]").fill(REVE)
    page.locator("form[data-contribution-form] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/contributions/\d+/$"))
    mine = Contribution.objects.get(author=citizen)
    assert (mine.kind, mine.status, mine.territory_id) == ("reve", "pending", belfort.pk)

    page.goto("/contributions/mes-contributions/")
    item = page.locator(f'[data-my-contributions] [data-contribution-id="{mine.pk}"]')
    expect(item).to_have_attribute("data-status", "pending")
    expect(item).to_contain_text("navette le dimanche")

    other = Contribution.objects.filter(status="published").exclude(author=citizen).first()
    before = other.support_count
    page.goto(other.get_absolute_url())
    page.locator("[data-support-button]").click()
    page.locator("[data-withdraw-support-button]").wait_for()
    count = page.locator("[data-support-count]").first
    expect(count).to_have_attribute("data-support-count", str(before + 1))
    page.locator("[data-withdraw-support-button]").click()
    page.locator("[data-support-button]").wait_for()
    expect(count).to_have_attribute("data-support-count", str(before))
    other.refresh_from_db()
    assert other.support_count == before


def test_moderator_publishes_a_pending_contribution(site, page, live_server):
    belfort = TerritoryPage.objects.get(slug="grand-belfort")
    pending = ContributionFactory(
        territory=belfort, kind="reve", text=REVE, status=Contribution.Status.PENDING
    )
    count = Contribution.objects.filter(status=Contribution.Status.PENDING).count()
    sign_in(page, member_of(MODERATORS, display_name="Mona M."), second_factor=True)

    page.goto("/admin/")
    row = page.locator('[data-moderation-queue="contributions"]').first
    expect(row.locator("td")).to_have_text(str(count))
    assert_no_serious_violation(page)
    row.locator("a").click()
    expect(page).to_have_url(
        re.compile(r"/admin/snippets/consultation/contribution/\?status=pending")
    )
    page.locator(f'input[data-bulk-action-checkbox][data-object-id="{pending.pk}"]').check()
    page.locator("[data-bulk-action-footer] a, [data-bulk-action-footer] button").filter(
        has_text=re.compile(r"^\s*Publier\s*$")
    ).first.click()
    page.get_by_role("button", name="Oui, publier").click()
    expect(page.locator(".messages")).to_contain_text("publiée")
    pending.refresh_from_db()
    assert pending.status == Contribution.Status.PUBLISHED

    page.goto("/contributions/?territoire=grand-belfort&kind=reve")
    settle(page)
    item = page.locator(f'#contributions-liste [data-feature-id="contribution-{pending.pk}"]')
    expect(item).to_have_count(1)


def test_facilitator_types_two_slips_in(site, page, live_server):
    event = EventPage.objects.live().order_by("-start").first()
    page.context.add_cookies([session_cookie(live_server, member_of(FACILITATORS))])
    page.goto(f"/contributions/saisie/?evenement={event.pk}")
    expect(page.locator("[data-capture-event]")).to_have_attribute(
        "data-capture-event", str(event.pk)
    )
    assert_no_serious_violation(page)
    territory = page.locator("select[name=territory]")
    for first_name, text in (("Odile", "Plus de bancs au bourg."), ("Marc", "Un bus le soir.")):
        expect(page.locator("input[name=participant_first_name]")).to_have_value("")
        expect(page.locator("textarea[name=text]")).to_have_value("")
        page.locator("input[name=kind][value=revolte]").check()
        if not territory.input_value():
            territory.select_option(index=1)
        page.locator("textarea[name=text]").fill(text)
        page.locator("input[name=participant_first_name]").fill(first_name)
        page.locator("form[data-capture-form] button[type=submit]").click()
        page.wait_for_load_state()
    expect(page.locator("[data-capture-recent] li")).to_have_count(2)
    assert set(
        Contribution.objects.filter(event=event).values_list("participant_first_name", flat=True)
    ) >= {"Odile", "Marc"}


def test_editor_edits_a_territory_page(site, page, live_server):
    belfort = TerritoryPage.objects.get(slug="grand-belfort")
    page.context.add_cookies([session_cookie(live_server, member_of(EDITORS))])
    page.goto(f"/admin/pages/{belfort.pk}/edit/")
    intro = page.locator("textarea[name=intro]")
    expect(intro).to_be_visible()
    expect(page.locator("[id^=id_communes-]")).to_have_count(0)
    intro.fill("Le Grand Belfort, vu par ses habitants.")
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    page.locator("button[name=action-publish]").click()
    # The browser fixture cuts the admin's editing-session pings (tests/browser/conftest.py),
    # so Wagtail asks whether to publish despite the « network error »: yes.
    page.get_by_role("dialog").get_by_role("button", name="Publier").click()
    expect(page.locator(".messages")).to_contain_text("publiée")
    belfort.refresh_from_db()
    assert belfort.intro == "Le Grand Belfort, vu par ses habitants."
    page.goto(belfort.url)
    expect(page.locator("main")).to_contain_text("Le Grand Belfort, vu par ses habitants.")
    # The public page: the admin's edit form has Wagtail's own violations (Draftail's
    # unnamed textbox, the location widget's unlabelled input, the minimap's list).
    assert_no_serious_violation(page)
