"""A citizen asks for their data on their profile, sees it ready and downloads the ZIP
(accounts/data_export.py), in chromium, with axe on the profile's section."""

import json
import zipfile

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_serious_violation
from tests.browser.conftest import session_cookie
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_citizen_prepares_and_downloads_their_data(site, page, live_server, tmp_path):
    citizen = UserFactory(display_name="Zoé <b>Martin</b>")
    page.context.add_cookies([session_cookie(live_server, citizen)])
    page.goto("/comptes/profil/")
    section = page.locator("#vos-donnees")
    expect(section.get_by_role("heading", name="Vos données")).to_be_visible()
    assert_no_serious_violation(page)

    section.get_by_role("button", name="Préparer l'export de mes données").click()

    page.wait_for_url("**/comptes/profil/")
    expect(page.locator(".messages")).to_contain_text("Votre demande est enregistrée")
    section = page.locator("#vos-donnees")
    expect(section.locator("[data-data-export-state=ready]")).to_contain_text("prêtes")
    assert_no_serious_violation(page)
    with page.expect_download() as download_info:
        section.get_by_role("link", name="Télécharger mes données").click()
    download = download_info.value
    assert download.suggested_filename.startswith("donnees-aux-actes-citoyens-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        assert archive.testzip() is None
        data = json.loads(archive.read("donnees.json"))
        page_html = archive.read("donnees.html").decode()
    assert data["parts"]["account"]["data"]["display_name"] == "Zoé <b>Martin</b>"
    assert "Zoé &lt;b&gt;Martin&lt;/b&gt;" in page_html

    # The readable page opens in the browser from the file, standalone.
    readable = tmp_path / "donnees.html"
    readable.write_text(page_html, encoding="utf-8")
    page.goto(readable.as_uri())
    expect(page.get_by_role("heading", level=1)).to_have_text("Vos données sur Aux actes citoyens")
    expect(page.get_by_role("heading", name="Votre compte")).to_be_visible()
    assert_no_serious_violation(page)
