"""Writing to the porteurs through the platform: no address shown, Reply-To only with the
sender's consent, plain text, limited per account."""

import pytest
from django.urls import reverse

from initiatives.ratelimit import initiative_contacts
from tests.factories import UserFactory
from tests.initiatives import membership_helpers as helpers

pytestmark = pytest.mark.django_db

MESSAGE = "Bonjour, je peux prêter une camionnette pour vos collectes."


def build_world():
    """A site with the initiative index and the initiative ``page`` (see ``make_page``),
    built once for the module."""
    index = helpers.index_page()
    return {"index": index, "page": make_page(index)}


@pytest.fixture
def index(world):
    return world["index"]


@pytest.fixture
def page(world):
    return world["page"]


def make_page(index):
    page = helpers.initiative(index, porteur=False, title="Recyclerie du Lion")
    helpers.add(page, UserFactory(email="porteur1@example.org"), role="porteur")
    helpers.add(page, UserFactory(email="porteur2@example.org"), role="porteur")
    helpers.add(page, UserFactory(email="simple-membre@example.org"))
    return page


@pytest.fixture
def sender(client):
    user = UserFactory(display_name="Nadia", email="nadia@example.org")
    client.force_login(user)
    return user


def url(page):
    return reverse("initiatives:contact", args=[page.pk])


def write(client, page, subject="Proposition d'aide", message=MESSAGE, share=False):
    data = {"subject": subject, "message": message}
    if share:
        data["share_email"] = "on"
    return client.post(url(page), data)


def test_message_is_emailed_to_each_porteur_separately(client, page, sender):
    write(client, page)
    sent = helpers.mails()
    assert sorted(mail.to for mail in sent) == [["porteur1@example.org"], ["porteur2@example.org"]]
    assert all(mail.cc == [] and mail.bcc == [] for mail in sent)


def test_message_is_not_sent_to_plain_members(client, page, sender):
    write(client, page)
    assert helpers.mails("simple-membre@example.org") == []


def test_mail_carries_the_message_and_the_senders_display_name(client, page, sender):
    write(client, page)
    mail = helpers.mails("porteur1@example.org")[0]
    assert MESSAGE in mail.body and "Nadia" in mail.body
    assert "Proposition d'aide" in mail.subject and "Recyclerie du Lion" in mail.subject


def test_without_consent_there_is_no_reply_to_nor_sender_address(client, page, sender):
    write(client, page, share=False)
    for mail in helpers.mails():
        assert mail.reply_to == []
        assert "nadia@example.org" not in mail.body + mail.subject + str(mail.headers)


def test_with_consent_reply_to_is_the_sender(client, page, sender):
    write(client, page, share=True)
    assert [mail.reply_to for mail in helpers.mails()] == [["nadia@example.org"]] * 2


def test_mail_keeps_markup_as_typed_and_escapes_it_in_its_html_layout(client, page, sender):
    write(client, page, message='<a href="https://piège.example">clique</a> <script>x</script>')
    mail = helpers.mails()[0]
    assert '<a href="https://piège.example">clique</a> <script>x</script>' in mail.body
    assert "<script>x</script>" not in mail.html_body
    assert "&lt;script&gt;x&lt;/script&gt;" in mail.html_body


def test_line_breaks_in_the_subject_cannot_add_headers(client, page, sender):
    response = write(client, page, subject="Bonjour\r\nBcc: victime@example.org")
    assert response.status_code == 302
    for mail in helpers.mails():
        assert "\n" not in mail.subject and "\r" not in mail.subject
        assert mail.bcc == [] and "Bcc" not in str(mail.headers)


def test_form_shows_no_email_address(client, page, sender):
    html = client.get(url(page)).content.decode()
    assert "@example.org" not in html
    assert 'name="share_email"' in html


def test_sending_leads_back_to_the_initiative(client, page, sender):
    assert write(client, page).url == page.url


@pytest.mark.parametrize(
    ("field", "data", "code"),
    [
        ("subject", {"subject": "", "message": MESSAGE}, "required"),
        ("subject", {"subject": "x" * 121, "message": MESSAGE}, "max_length"),
        ("message", {"subject": "Objet", "message": "court"}, "min_length"),
        ("message", {"subject": "Objet", "message": "x" * 3001}, "max_length"),
    ],
)
def test_invalid_form_is_sent_back_with_an_error_and_nothing_sent(
    client, page, sender, field, data, code
):
    response = client.post(url(page), data)
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()[field][0].code == code
    assert helpers.mails() == []


def test_rate_limit_refuses_the_sixth_message_in_an_hour(client, page, sender):
    for _ in range(5):
        assert write(client, page).status_code == 302
    response = write(client, page)
    assert response.status_code == 429
    assert response.context["form"].errors.as_data()["__all__"][0].code == "rate_limited"
    assert len(helpers.mails()) == 10


def test_rate_limit_is_per_account(client, page, sender):
    for _ in range(5):
        write(client, page)
    client.force_login(UserFactory())
    assert write(client, page).status_code == 302
    # Six messages, each to the two porteurs.
    assert len(helpers.mails()) == 12


def test_invalid_forms_do_not_count_against_the_limit(client, page, sender):
    for _ in range(6):
        client.post(url(page), {"subject": "", "message": MESSAGE})
    assert write(client, page).status_code == 302
    assert len(helpers.mails()) == 2


def test_rate_limit_comes_from_the_setting(client, page, sender, settings):
    settings.INITIATIVE_CONTACT_RATE_LIMIT = (1, 3600)
    write(client, page)
    assert write(client, page).status_code == 429
    assert initiative_contacts.exhausted(sender)


def test_porteur_writing_does_not_mail_themself(client, page):
    porteur = page.memberships.porteurs().first().user
    client.force_login(porteur)
    write(client, page)
    assert [mail.to for mail in helpers.mails()] == [
        [email]
        for email in ["porteur1@example.org", "porteur2@example.org"]
        if email != porteur.email
    ]


def test_contacting_a_draft_is_not_found(client, index, sender):
    draft = helpers.initiative(index, live=False)
    assert client.get(url(draft)).status_code == 404
    assert write(client, draft).status_code == 404
    assert helpers.mails() == []


def test_visitor_is_sent_to_log_in(client, page):
    assert client.get(url(page)).url.startswith(reverse("account_login"))
