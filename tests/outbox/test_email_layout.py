"""Every e-mail of the platform, read as its recipient would: French, in the one layout (text
and HTML) with the platform's name and a footer saying why it was sent, never « example.com »
nor anybody's username."""

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import User
from outbox.layout import html_from_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-solide-2026"


@pytest.fixture
def example_site():
    """The Sites framework's row as ``migrate`` leaves it without our receiver: the mails must
    not depend on it."""
    Site.objects.update_or_create(pk=1, defaults={"domain": "example.com", "name": "example.com"})
    Site.objects.clear_cache()


def assert_reads_well(text, *, username=None, footer="Vous recevez ce message parce qu"):
    assert "example.com" not in text
    assert "Aux actes citoyens" in text
    assert footer in text
    for english in ("Hello", "Thank you", "You receive", "This e-mail", "Click"):
        assert english not in text
    if username:
        assert username not in text


def delivered_html(message):
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def test_signup_verification_mail_names_the_platform_not_example_com(
    client, example_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "email": "claire.citoyenne@example.org",
                "display_name": "Claire",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    username = User.objects.get(email="claire.citoyenne@example.org").username
    (message,) = mail.outbox
    assert "example.com" not in message.subject
    assert_reads_well(message.body, username=username)
    assert "Bonjour," in message.body
    assert "/comptes/confirm-email/" in message.body
    assert "Pour confirmer votre adresse, ouvrez ce lien" in message.body
    html = delivered_html(message)
    assert_reads_well(html, username=username)
    assert '<html lang="fr">' in html
    assert "/comptes/confirm-email/" in html


def test_password_reset_mail_shows_no_username(
    client, example_site, django_capture_on_commit_callbacks
):
    user = UserFactory(email="connu@example.org", username="claire.citoyenne")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    (message,) = mail.outbox
    assert_reads_well(message.body, username="claire.citoyenne")
    assert "/comptes/password/reset/key/" in message.body
    assert "mot de passe" in message.body
    assert_reads_well(delivered_html(message), username="claire.citoyenne")


def test_a_text_only_mail_gets_the_html_layout(django_capture_on_commit_callbacks):
    body = render_to_string(
        "initiatives/email/membership_refused.txt",
        {"requester_name": "Karim <b>", "title": "Covoit'Sud", "page_url": "http://x/i/"},
    ).strip()
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Sujet", body, None, ["karim@example.org"])
    (message,) = mail.outbox
    html = delivered_html(message)
    assert "Karim &lt;b&gt;" in html
    assert '<a href="http://x/i/"' in html
    assert "Vous recevez ce message parce que vous avez demandé à rejoindre" in html
    assert "Aux actes citoyens" in html


PLUGIN_MAILS = [
    (
        "consultation/email/moderation_decision.txt",
        {
            "author_name": "Camille",
            "decision": "publish",
            "kind": "rêve",
            "excerpt": "…",
            "url": "http://testserver/c/1/",
        },
        "parce que vous avez partagé cette contribution",
    ),
    (
        "initiatives/email/contact_message.txt",
        {
            "porteur_name": "Ana",
            "sender_name": "Léo",
            "title": "Covoit'Sud",
            "subject": "Bonjour",
            "message": "Un message",
            "shared": False,
            "page_url": "http://testserver/i/",
        },
        "parce que vous êtes porteur ou porteuse de cette initiative",
    ),
    (
        "initiatives/email/membership_request.txt",
        {
            "porteur_name": "Ana",
            "requester_name": "Léo",
            "title": "Covoit'Sud",
            "members_url": "http://testserver/i/membres/",
        },
        "parce que vous êtes porteur ou porteuse de cette initiative",
    ),
    (
        "initiatives/email/membership_accepted.txt",
        {
            "requester_name": "Léo",
            "title": "Covoit'Sud",
            "page_url": "http://testserver/i/",
            "edit_url": "http://testserver/i/modifier/",
        },
        "parce que vous avez demandé à rejoindre cette initiative",
    ),
    (
        "initiatives/email/membership_refused.txt",
        {"requester_name": "Léo", "title": "Covoit'Sud", "page_url": "http://testserver/i/"},
        "parce que vous avez demandé à rejoindre cette initiative",
    ),
    (
        "initiatives/email/moderation_outcome.txt",
        {
            "name": "Ana",
            "outcome": "approved",
            "title": "Covoit'Sud",
            "page_url": "http://testserver/i/",
            "status_url": "http://testserver/s/",
        },
        "parce que vous avez proposé cette initiative",
    ),
]


@pytest.mark.parametrize(("template", "context", "reason"), PLUGIN_MAILS)
def test_every_plugin_mail_is_in_the_layout(template, context, reason):
    text = render_to_string(template, context).strip()
    assert_reads_well(text, footer=reason)
    assert "Bonjour" in text
    assert "L'équipe Aux actes citoyens" in text
    assert "\n-- \nAux actes citoyens · http://testserver\n" in text
    html = html_from_text("Sujet", text)
    assert_reads_well(html, footer=reason)
    assert '<html lang="fr">' in html


@pytest.mark.parametrize("extension", ["txt", "html"])
def test_wagtail_workflow_mails_greet_by_display_name_in_the_layout(extension):
    user = UserFactory(username="admin@example.org", display_name="Claire")
    page = {"get_admin_display_title": "Accueil", "full_url": "http://testserver/"}
    text = render_to_string(
        f"wagtailadmin/notifications/approved.{extension}",
        {"user": user, "revision": {"content_object": page}},
    )
    assert "Bonjour Claire," in text
    assert "admin@example.org" not in text
    assert "Accueil" in text
    assert_reads_well(text, footer="parce que vous participez au travail éditorial")
