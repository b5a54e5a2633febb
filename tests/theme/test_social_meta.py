"""Every public page has a description and Open Graph tags, escaped."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode().split("</head>")[0]


def test_a_page_describes_itself_from_its_own_text(client):
    home = factories.site_with_home_page()
    enjeux = factories.EnjeuIndexPageFactory(parent=home)
    enjeu = factories.EnjeuPageFactory(
        parent=enjeux,
        title="Mobilité & « transports »",
        short_description='Se "déplacer" & <b>vivre</b>',
    )
    head = head_of(client, enjeu.url)
    assert '<meta property="og:title" content="Mobilité &amp; « transports »">' in head
    description = "Se &quot;déplacer&quot; &amp; &lt;b&gt;vivre&lt;/b&gt;"
    assert f'<meta name="description" content="{description}">' in head
    assert f'<meta property="og:url" content="http://testserver{enjeu.url}">' in head
    assert "og:image" not in head


def test_a_page_without_text_of_its_own_gets_the_sites_description(client):
    home = factories.site_with_home_page()
    head = head_of(client, home.url)
    assert '<meta name="description" content="' in head
    assert '<meta property="og:type" content="website">' in head
    assert '<meta property="og:site_name" content="Aux actes citoyens">' in head


def test_a_contribution_page_describes_the_contribution(client):
    home = factories.site_with_home_page()
    territories = factories.TerritoryIndexPageFactory(parent=home)
    territory = factories.TerritoryPageFactory(parent=territories)
    contribution = factories.ContributionFactory(
        territory=territory, title="Des bus <le> dimanche", text="Il n'y a aucun bus " * 30
    )
    head = head_of(client, contribution.get_absolute_url())
    assert '<meta property="og:title" content="Des bus &lt;le&gt; dimanche">' in head
    description = head.split('<meta name="description" content="')[1].split('"')[0]
    assert description.startswith("Il n&#x27;y a aucun bus")
    assert len(description) < 260
    assert description.endswith("…")
