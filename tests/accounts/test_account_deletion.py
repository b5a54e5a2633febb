"""Deleting an account (the right to erasure): ``accounts.erasure.delete_account``, the
citizen's own page at /comptes/supprimer/ and the admin's deletion of a user.

The world gives one citizen, with a name, two addresses and an IP address that nothing else
carries, a trace in every part of the platform; after the deletion the whole database is
searched for them."""

import ipaddress

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage, send_mail
from django.db import connection, models
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry, Revision
from wagtail.users.models import UserProfile

from accounts.erasure import DELETE_ACCOUNT, delete_account
from accounts.models import AccountAction
from accounts.sessions import AccountSession
from consultation.models import Contribution, Support
from forums import posting
from forums.models import Comment, Thread, ThreadFollow
from initiatives.models import Membership, PorteurVacancy
from moderation.models import Report
from outbox.models import OutgoingEmail
from tests import factories
from tests.initiatives import membership_helpers as members

pytestmark = pytest.mark.django_db

NAME = "Brunehilde Oyarzábal"
EMAIL = "brunehilde.oyarzabal@example.org"
SECOND_EMAIL = "b.oyarzabal.secours@example.net"
IP = "203.0.113.77"
PASSWORD = "motdepasse-solide-42"
DELETE_URL = "/comptes/supprimer/"

# The whole erasure with every plugin installed, whatever the amount of data.
MAX_QUERIES = 75


def build_world():
    home = factories.site_with_home_page()
    enjeu = factories.EnjeuPageFactory(
        parent=factories.EnjeuIndexPageFactory(parent=home), title="Mobilité"
    )
    index = factories.InitiativeIndexPageFactory(parent=home)
    territory = factories.TerritoryPageFactory(
        parent=factories.TerritoryIndexPageFactory(parent=home)
    )
    citizen = factories.UserFactory(email=EMAIL, display_name=NAME)
    EmailAddress.objects.create(user=citizen, email=EMAIL, verified=True, primary=True)
    EmailAddress.objects.create(user=citizen, email=SECOND_EMAIL, verified=True)
    other = factories.UserFactory(display_name="Quelqu'un d'autre")

    contribution = factories.ContributionFactory(
        author=citizen, text="Des bus le dimanche.", territory=territory
    )
    theirs = factories.ContributionFactory(author=other, support_count=1, territory=territory)
    Support.objects.create(contribution=theirs, user=citizen)
    Report.objects.create(
        target=theirs, reporter=citizen, reason=Report.Reason.SPAM, details="Publicité."
    )

    thread = posting.start_thread(
        author=citizen, title="Covoiturer vers Belfort", body="Qui est partant ?", page=enjeu
    )
    comment = posting.post_comment(
        thread=thread, author=citizen, text="Je propose le mardi.", notify=False
    )
    Comment.objects.filter(pk=comment.pk).update(ip_address=IP, user_email=EMAIL)
    answer = posting.post_comment(
        thread=thread, author=other, text="Moi aussi.", parent=comment, notify=False
    )

    alone = members.initiative(index, porteur=False, title="Jardin partagé")
    alone.location = "SRID=4326;POINT(6.8638 47.6397)"
    alone.save()
    members.add(alone, citizen, role="porteur")
    helper = members.add(alone, role="membre")
    revision = alone.save_revision(user=citizen)
    log(instance=alone, action="wagtail.edit", user=citizen)
    shared = members.initiative(index, title="Repair café")
    members.add(shared, citizen, role="porteur")

    AccountAction.objects.create(user=citizen, action="initiatives.contact", scope="1")
    factories.totp_device(citizen)
    log(instance=citizen, action="wagtail.edit", user=other)
    send_mail("Pour vous", "Bonjour.", None, [EMAIL])
    send_mail("Un message", f"{NAME} vous écrit.", None, ["autre@example.org"])
    EmailMessage(
        "Contact", "Réponse.", None, ["porteur@example.org"], reply_to=[SECOND_EMAIL]
    ).send()
    return {
        "citizen": citizen,
        "other": other,
        "contribution": contribution,
        "theirs": theirs,
        "thread": thread,
        "comment": comment,
        "answer": answer,
        "alone": alone,
        "helper": helper,
        "shared": shared,
        "revision": revision,
        "enjeu": enjeu,
        "territory": territory,
    }


def sign_in(client, email=EMAIL):
    """A real login, with the second factor if the account has one (allauth records the
    password: it is not asked again for a few minutes)."""
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    if response["Location"] == reverse("mfa_authenticate"):
        response = client.post(response["Location"], {"code": factories.totp_code()})
        assert response.status_code == 302, response.content[:500]
    assert "_auth_user_id" in client.session
    return client


def reauthenticate(client, password=PASSWORD):
    """Give the password again, as allauth asks before the deletion."""
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302, response.content[:500]
    return client


def is_ip_address(text):
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def remnants(*needles):
    """``[(model label, field, needle)]`` of every text of every model that still contains
    one of ``needles`` (case-insensitive)."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [
            field
            for field in model._meta.concrete_fields
            if isinstance(
                field,
                models.CharField
                | models.TextField
                | models.JSONField
                | models.GenericIPAddressField,
            )
        ]
        for field in fields:
            for needle in needles:
                lookup = "icontains"
                if isinstance(field, models.GenericIPAddressField):
                    if not is_ip_address(needle):
                        continue
                    lookup = "exact"
                if model._default_manager.filter(Q(**{f"{field.name}__{lookup}": needle})).exists():
                    found.append((model._meta.label, field.name, needle))
    return found


def test_nothing_names_or_identifies_the_person_afterwards(world, client):
    sign_in(client)
    # Another session half-way through the login: the second factor is awaited.
    client.__class__().post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD})
    assert AccountSession.objects.filter(account_id=world["citizen"].pk).count() == 2
    assert remnants(EMAIL, SECOND_EMAIL, NAME, IP)  # the search finds them before

    delete_account(world["citizen"])

    assert remnants(EMAIL, SECOND_EMAIL, NAME, IP) == []
    for session in AccountSession.objects.all():
        assert EMAIL not in str(session.get_decoded())
    assert not get_user_model().objects.filter(email=EMAIL).exists()


def test_what_they_posted_stays_anonymised(world):
    delete_account(world["citizen"])

    contribution = Contribution.objects.get(pk=world["contribution"].pk)
    assert contribution.author_id is None and contribution.status == "published"
    thread = Thread.objects.get(pk=world["thread"].pk)
    assert thread.author_id is None
    comment = Comment.objects.get(pk=world["comment"].pk)
    assert (comment.user_id, comment.user_name) == (None, "Ancien participant")
    assert (comment.user_email, comment.user_url, comment.ip_address) == ("", "", None)
    assert comment.comment == "Je propose le mardi."
    assert Comment.objects.filter(pk=world["answer"].pk, parent_id=comment.pk).exists()


def test_what_was_only_theirs_is_deleted(world):
    citizen = world["citizen"]
    delete_account(citizen)

    assert not Support.objects.filter(user_id=citizen.pk).exists()
    assert Contribution.objects.get(pk=world["theirs"].pk).support_count == 0
    assert not ThreadFollow.objects.filter(user_id=citizen.pk).exists()
    assert not Membership.objects.filter(user_id=citizen.pk).exists()
    assert not EmailAddress.objects.filter(user_id=citizen.pk).exists()
    assert not Authenticator.objects.filter(user_id=citizen.pk).exists()
    assert not AccountAction.objects.filter(user_id=citizen.pk).exists()
    assert not OutgoingEmail.objects.filter(subject="Pour vous").exists()
    assert not OutgoingEmail.objects.filter(subject="Contact").exists()


def test_other_peoples_mails_stay_without_the_person(world):
    """A waiting mail to someone else is kept, the person's name replaced; a mail to an address
    that merely contains theirs, or naming someone whose name contains theirs, is untouched;
    a sent copy that names them goes."""
    send_mail("Lien", "Bonjour Brunehilde Oyarzábalès.", None, [f"x{EMAIL}"])
    sent = OutgoingEmail.objects.get(subject="Lien")
    send_mail("Ancien", f"{NAME} a répondu.", None, ["lecteur@example.org"])
    OutgoingEmail.objects.filter(subject="Ancien").update(status=OutgoingEmail.Status.SENT)

    delete_account(world["citizen"])

    waiting = OutgoingEmail.objects.get(subject="Un message")
    assert waiting.to == ["autre@example.org"]
    assert waiting.body == "Ancien participant vous écrit."
    assert OutgoingEmail.objects.get(pk=sent.pk).body == "Bonjour Brunehilde Oyarzábalès."
    assert not OutgoingEmail.objects.filter(subject="Ancien").exists()


def test_their_reports_stay_from_nobody(world):
    delete_account(world["citizen"])

    report = Report.objects.get(object_id=world["theirs"].pk)
    assert report.reporter_id is None
    assert (report.reason, report.details, report.status) == ("spam", "Publicité.", "open")


def test_the_audit_log_and_the_revisions_lose_the_link_not_the_history(world):
    citizen, other = world["citizen"], world["other"]
    pk = citizen.pk
    delete_account(citizen, by=other)

    assert not PageLogEntry.objects.filter(user_id=pk).exists()
    assert PageLogEntry.objects.filter(page=world["alone"], action="wagtail.edit").exists()
    assert Revision.objects.get(pk=world["revision"].pk).user_id is None
    user_type = ContentType.objects.get_for_model(get_user_model())
    entry = ModelLogEntry.objects.get(
        content_type=user_type, object_id=str(pk), action=DELETE_ACCOUNT
    )
    assert entry.user_id == other.pk
    assert entry.label.startswith("Ancien participant #")
    assert ModelLogEntry.objects.filter(content_type=user_type, object_id=str(pk)).count() == 2


def test_pages_they_owned_or_locked_keep_no_link_to_them(world):
    citizen, page = world["citizen"], world["alone"]
    page.owner = citizen
    page.locked, page.locked_by, page.locked_at = True, citizen, timezone.now()
    page.save()
    revision = page.save_revision()
    assert revision.content["owner"] == citizen.pk

    delete_account(citizen)

    page.refresh_from_db()
    assert (page.owner_id, page.locked, page.locked_by_id) == (None, False, None)
    revision.refresh_from_db()
    assert (revision.content["owner"], revision.content["locked_by"]) == (None, None)
    assert revision.content["title"] == page.title


def test_their_admin_picture_is_deleted_after_commit(world, django_capture_on_commit_callbacks):
    citizen = world["citizen"]
    profile = UserProfile.get_for_user(citizen)
    profile.avatar.save("portrait.png", ContentFile(b"\x89PNG portrait"), save=True)
    name = profile.avatar.name
    assert default_storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(citizen)

    assert not default_storage.exists(name)


def test_an_initiative_losing_its_last_porteur_waits_for_the_moderators(world, client):
    delete_account(world["citizen"])

    assert list(PorteurVacancy.objects.values_list("initiative_id", flat=True)) == [
        world["alone"].pk
    ]
    # The other initiative keeps its other porteur.
    assert world["shared"].memberships.porteurs().count() == 1


def test_all_sessions_of_the_person_end(world, client):
    Authenticator.objects.filter(user=world["citizen"]).delete()  # one code per login
    other_device = sign_in(client.__class__())
    sign_in(client)
    assert AccountSession.objects.filter(account_id=world["citizen"].pk).count() == 2

    delete_account(world["citizen"])

    assert not AccountSession.objects.filter(account_id=world["citizen"].pk).exists()
    assert not other_device.get(reverse("accounts:profile")).wsgi_request.user.is_authenticated


def test_a_user_deleted_any_other_way_is_erased_once(world):
    citizen = world["citizen"]
    pk = citizen.pk
    get_user_model().objects.filter(pk=pk).delete()  # the admin's bulk deletion does this

    assert Comment.objects.get(pk=world["comment"].pk).user_name == "Ancien participant"
    assert Report.objects.get(object_id=world["theirs"].pk).reporter_id is None
    assert remnants(EMAIL, NAME) == []
    user_type = ContentType.objects.get_for_model(get_user_model())
    assert (
        ModelLogEntry.objects.filter(
            content_type=user_type, object_id=str(pk), action=DELETE_ACCOUNT
        ).count()
        == 1
    )


def test_an_account_without_any_data_is_deleted(world):
    lonely = factories.UserFactory()
    delete_account(lonely)
    assert not get_user_model().objects.filter(pk=lonely.pk).exists()


def erasure_queries(world, user, amount):
    """The queries of deleting ``user`` after they posted ``amount`` contributions and
    comments and followed as many threads."""
    for number in range(amount):
        factories.ContributionFactory(author=user, territory=world["territory"])
        thread = posting.start_thread(
            author=user, title=f"Sujet {number}", body="Bonjour.", page=world["enjeu"]
        )
        posting.post_comment(thread=thread, author=user, text=f"Encore {number}.", notify=False)
    with CaptureQueriesContext(connection) as queries:
        delete_account(user)
    return len(queries)


def test_the_queries_do_not_grow_with_the_data(world):
    few = erasure_queries(world, factories.UserFactory(), 1)
    many = erasure_queries(world, factories.UserFactory(), 6)
    assert many == few <= MAX_QUERIES


# The citizen's own page.


def test_the_page_asks_for_the_password_again(world, client):
    client.force_login(world["citizen"])  # no authentication recorded in this session

    response = client.get(DELETE_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(DELETE_URL, {"confirm": "on"})
    assert response.status_code == 302
    assert get_user_model().objects.filter(pk=world["citizen"].pk).exists()


def test_visitors_are_sent_to_the_login_page(world, client):
    response = client.get(DELETE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_page_explains_and_offers_the_export_first(world, client):
    reauthenticate(sign_in(client))

    response = client.get(DELETE_URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "ne peut pas être annulée" in page
    assert "Ancien participant" in page
    assert f'href="{reverse("accounts:profile")}#vos-donnees"' in page
    assert 'name="confirm"' in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_the_profile_links_to_the_page(world, client):
    reauthenticate(sign_in(client))
    assert f'href="{DELETE_URL}"' in client.get(reverse("accounts:profile")).content.decode()


def test_without_the_confirmation_nothing_changes(world, client):
    reauthenticate(sign_in(client))

    response = client.post(DELETE_URL, {})

    assert response.status_code == 200
    assert "Cochez la case" in response.content.decode()
    assert get_user_model().objects.filter(pk=world["citizen"].pk).exists()
    assert Comment.objects.get(pk=world["comment"].pk).user_id == world["citizen"].pk


def test_confirming_deletes_logs_out_and_says_goodbye_by_mail(
    world, client, django_capture_on_commit_callbacks, mailoutbox
):
    reauthenticate(sign_in(client))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE_URL, {"confirm": "on"})

    assert response.status_code == 302 and response["Location"] == "/"
    assert not get_user_model().objects.filter(pk=world["citizen"].pk).exists()
    home = client.get("/", follow=True)
    assert not home.wsgi_request.user.is_authenticated
    [farewell] = [mail for mail in mailoutbox if mail.to == [EMAIL]]
    assert "supprimé" in farewell.subject
    # Sent, then forgotten: the outbox keeps no trace of the address.
    assert remnants(EMAIL, NAME) == []


def test_the_deletion_is_refused_on_get(world, client):
    reauthenticate(sign_in(client))
    client.get(DELETE_URL, {"confirm": "on"})
    assert get_user_model().objects.filter(pk=world["citizen"].pk).exists()


def test_only_the_signed_in_person_is_deleted(world, client):
    """The page acts on whoever is signed in: nothing names another account to delete."""
    other = world["other"]
    EmailAddress.objects.create(user=other, email=other.email, verified=True, primary=True)
    reauthenticate(sign_in(client, email=other.email))

    client.post(DELETE_URL, {"confirm": "on", "user": world["citizen"].pk})

    assert get_user_model().objects.filter(pk=world["citizen"].pk).exists()
    assert not get_user_model().objects.filter(pk=other.pk).exists()


def test_staff_are_told_to_ask_an_administrator(world, client):
    moderator = members.moderator()
    moderator.is_staff = True
    moderator.save()
    reauthenticate(factories.staff_login(client, moderator))

    page = client.get(DELETE_URL)
    assert page.status_code == 200
    assert "data-staff-account" in page.content.decode()
    assert 'name="confirm"' not in page.content.decode()
    assert client.post(DELETE_URL, {"confirm": "on"}).status_code == 403
    assert get_user_model().objects.filter(pk=moderator.pk).exists()


# The admin.


def test_deleting_a_user_in_the_admin_erases_them(world, client):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    factories.staff_login(client, admin)
    url = reverse("wagtailusers_users:delete", args=[world["citizen"].pk])

    assert client.get(url).status_code == 200
    response = client.post(url)

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=world["citizen"].pk).exists()
    assert remnants(EMAIL, SECOND_EMAIL, NAME, IP) == []
    assert Comment.objects.get(pk=world["comment"].pk).user_name == "Ancien participant"
    entry = ModelLogEntry.objects.get(action=DELETE_ACCOUNT)
    assert entry.user_id == admin.pk


def test_the_reports_queue_names_a_deleted_reporter(world, client):
    delete_account(world["citizen"])
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    factories.staff_login(client, admin)

    listing = client.get(reverse("wagtailsnippets_moderation_report:list"))
    report = Report.objects.get(object_id=world["theirs"].pk)
    inspect = client.get(reverse("wagtailsnippets_moderation_report:inspect", args=[report.pk]))

    assert listing.status_code == 200 and "Ancien participant" in listing.content.decode()
    assert inspect.status_code == 200 and "Ancien participant" in inspect.content.decode()
