"""No serious or critical axe-core violation on the main public pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/territoires/grand-belfort/",
        "/enjeux/mobilite/",
        "/evenements/",
        "/comptes/signup/",
        "/cette-page-n-existe-pas/",  # the theme's 404 page
    ],
)
def test_page_has_no_serious_accessibility_violation(site, page, path):
    page.goto(path)
    # Check the page as people meet it: with the map drawn, when it has one.
    if page.locator("[data-map]").count():
        page.wait_for_selector("[data-map][data-map-state=ready]")

    results = Axe().run(page)

    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()
