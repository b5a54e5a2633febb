"""Communes: plain rows outside the territories' revisions, their own admin listing with the
map widget, and ``manage.py import_communes`` (official centres by INSEE code)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cms_pages.models import Commune, TerritoryPage
from tests.consultation.capture_helpers import user_in
from tests.factories import TerritoryIndexPageFactory, TerritoryPageFactory, staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def territory(home_page):
    page = TerritoryPageFactory(
        parent=TerritoryIndexPageFactory(parent=home_page), title="Grand Belfort", seat="Belfort"
    )
    page.save_revision().publish()
    return page


def communes(territory, count):
    return Commune.objects.bulk_create(
        Commune(territory=territory, name=f"Commune {n}", insee_code=f"90{n:03d}", sort_order=n)
        for n in range(count)
    )


def test_publishing_an_older_revision_keeps_the_communes_and_their_points(territory):
    old = territory.get_latest_revision()
    Commune.objects.create(
        territory=territory,
        name="Belfort",
        insee_code="90010",
        location="SRID=4326;POINT(6.86 47.64)",
    )
    territory.intro = "Nouvelle introduction."
    territory.save_revision().publish()
    old.publish()
    territory.refresh_from_db()
    commune = Commune.objects.get(insee_code="90010")
    assert commune.territory_id == territory.pk
    assert (commune.latitude, commune.longitude) == (47.64, 6.86)


def test_the_territory_edit_page_carries_no_commune_panel(admin_client, territory):
    communes(territory, 52)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[territory.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "id_communes-TOTAL_FORMS" not in html
    assert "Commune 51" not in html
    assert len(html) < 250_000


def test_the_communes_have_their_own_listing_filtered_by_territory(admin_client, territory):
    communes(territory, 60)
    url = reverse("communes:index")
    response = admin_client.get(url, {"territory": territory.pk, "q": "Commune 5"})
    assert response.status_code == 200
    assert "Commune 59" in response.content.decode()
    first = admin_client.get(url)
    assert first.status_code == 200
    assert "Commune 59" not in first.content.decode()  # paginated by 50


def test_a_commune_is_edited_with_the_local_map_widget(admin_client, territory):
    (commune,) = communes(territory, 1)
    url = reverse("communes:edit", args=[commune.pk])
    html = admin_client.get(url).content.decode()
    assert 'data-controller="leaflet-field"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    response = admin_client.post(
        url,
        {
            "territory": territory.pk,
            "name": "Belfort",
            "insee_code": "90010",
            "location": "SRID=4326;POINT(6.8628 47.6379)",
        },
    )
    assert response.status_code == 302
    commune.refresh_from_db()
    assert (commune.latitude, commune.longitude) == (47.6379, 6.8628)


# import_communes ------------------------------------------------------------------------


def run(path):
    out = StringIO()
    call_command("import_communes", str(path), stdout=out)
    return out.getvalue()


@pytest.fixture
def known(territory):
    belfort = Commune.objects.create(territory=territory, name="Belfort", insee_code="90010")
    andelnans = Commune.objects.create(territory=territory, name="Andelnans", insee_code="90001")
    return belfort, andelnans


def test_import_from_geojson_by_insee_code(tmp_path, known):
    path = tmp_path / "centres.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"INSEE_COM": "90010", "NOM": "Belfort"},
                        "geometry": {"type": "Point", "coordinates": [6.8628, 47.6379]},
                    },
                    {
                        "type": "Feature",
                        "properties": {"INSEE_COM": "75056"},
                        "geometry": {"type": "Point", "coordinates": [2.35, 48.85]},
                    },
                ],
            }
        )
    )
    output = run(path)
    belfort, andelnans = known
    belfort.refresh_from_db()
    andelnans.refresh_from_db()
    assert (belfort.latitude, belfort.longitude) == (47.6379, 6.8628)
    assert andelnans.latitude is None  # not in the file: nothing invented
    assert not Commune.objects.filter(insee_code="75056").exists()
    assert "1 communes ont reçu un nouveau point" in output
    assert "1 communes n'ont toujours pas de point" in output


def test_import_from_csv_with_semicolons_and_decimal_commas(tmp_path, known):
    path = tmp_path / "centres.csv"
    path.write_text("codgeo;latitude;longitude\n90001;47,6000;6,8600\n", encoding="utf-8")
    run(path)
    andelnans = Commune.objects.get(insee_code="90001")
    assert (andelnans.latitude, andelnans.longitude) == (47.6, 6.86)


def test_a_territory_without_centre_takes_its_seat_communes_point(tmp_path, known, territory):
    TerritoryPage.objects.filter(pk=territory.pk).update(location="", latitude=None, longitude=None)
    path = tmp_path / "centres.csv"
    path.write_text("code,lat,lon\n90010,47.6379,6.8628\n", encoding="utf-8")
    output = run(path)
    territory.refresh_from_db()
    assert (territory.latitude, territory.longitude) == (47.6379, 6.8628)
    assert territory.get_latest_revision().content["location"] == territory.location
    assert "centré sur son siège, Belfort" in output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("code;nom\n90010;Belfort\n", "aucune colonne"),
        ("code,lat,lon\n90010,147.6,6.8\n", "WGS84"),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"code": "90010"}, "geometry": {"type": "Polygon", "coordinates": []}}]}',
            "Point",
        ),
        ("{not json", "GeoJSON"),
    ],
    ids=["missing columns", "latitude out of range", "not a point", "broken json"],
)
def test_a_bad_file_writes_nothing(tmp_path, known, content, message):
    path = tmp_path / "centres.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(path)
    assert not Commune.objects.filter(latitude__isnull=False).exists()


def test_editors_can_edit_the_communes_in_their_listing(client, territory):
    (commune,) = communes(territory, 1)
    staff_login(client, user_in("Éditeurs"))
    assert client.get(reverse("communes:index")).status_code == 200
    assert client.get(reverse("communes:edit", args=[commune.pk])).status_code == 200


def test_a_territory_without_centre_takes_its_seat_point_when_saved(territory):
    Commune.objects.create(
        territory=territory,
        name="Belfort",
        insee_code="90010",
        location="SRID=4326;POINT(6.86 47.64)",
    )
    territory.location = ""
    territory.save_revision().publish()
    territory.refresh_from_db()
    assert (territory.latitude, territory.longitude) == (47.64, 6.86)


def test_the_pages_api_still_gives_a_territorys_communes(client, territory):
    Commune.objects.create(territory=territory, name="Belfort", insee_code="90010")
    response = client.get(f"/api/v2/pages/{territory.pk}/")
    assert response.status_code == 200
    assert response.json()["communes"] == [
        {"name": "Belfort", "insee_code": "90010", "latitude": None, "longitude": None}
    ]
