"""A citizen's personal data: the core's part (account, e-mail addresses, reports), the parts
plugins register (``PERSONAL_DATA``) and ``manage.py export_personal_data``."""

import datetime
import json
from io import StringIO

import pytest
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail import hooks
from wagtail.users.models import UserProfile

from accounts.models import AccountAction
from accounts.personal_data import PersonalDataPart, export_personal_data
from cms_pages.extension_points import PERSONAL_DATA
from cms_pages.models import TerritoryPage
from moderation.models import Report
from tests import factories

pytestmark = pytest.mark.django_db

# Every query of the export with every plugin installed, whatever the amount of data.
MAX_QUERIES = 20


def build_world():
    home = factories.site_with_home_page()
    index = factories.TerritoryIndexPageFactory(parent=home)
    territory = factories.TerritoryPageFactory(parent=index, title="Vosges du Sud")
    other_territory = factories.TerritoryPageFactory(parent=index)
    citizen = factories.UserFactory(
        email="élise@example.org",
        display_name="Élise",
        home_territory=territory,
        discussion_emails="daily",
        last_login=timezone.make_aware(datetime.datetime(2025, 3, 1, 9, 30)),
    )
    EmailAddress.objects.create(user=citizen, email=citizen.email, verified=True, primary=True)
    other = factories.UserFactory(email="autre@example.org", display_name="Quelqu'un d'autre")
    EmailAddress.objects.create(user=other, email=other.email, verified=True, primary=True)
    page_type = ContentType.objects.get_for_model(TerritoryPage)
    Report.objects.create(
        content_type=page_type,
        object_id=other_territory.pk,
        reporter=citizen,
        reason=Report.Reason.SPAM,
        details="De la publicité déguisée.",
    )
    Report.objects.create(
        content_type=page_type,
        object_id=territory.pk,
        reporter=other,
        reason=Report.Reason.OTHER,
        details="Le signalement de quelqu'un d'autre.",
    )
    return {"citizen": citizen, "other": other, "territory": territory}


def test_the_core_part_holds_the_account_and_the_reports(world):
    data = export_personal_data(world["citizen"])

    assert list(data["parts"])[:2] == ["account", "reports"]
    assert data["parts"]["account"]["label"] == "Votre compte"
    account = data["parts"]["account"]["data"]
    assert account["email"] == "élise@example.org"
    assert account["display_name"] == "Élise"
    assert account["home_territory"] == "Vosges du Sud"
    assert account["discussion_emails"] == "daily"
    assert account["last_login"].startswith("2025-03-01T")
    assert account["date_joined"] == world["citizen"].date_joined.isoformat()
    assert account["email_addresses"] == [
        {"email": "élise@example.org", "verified": True, "primary": True}
    ]
    assert data["parts"]["reports"]["label"] == "Signalements"
    [report] = data["parts"]["reports"]["data"]
    assert report["reason"] == "spam"
    assert report["details"] == "De la publicité déguisée."
    assert report["kind"] == str(TerritoryPage._meta.verbose_name)
    assert report["status"] == "open"
    datetime.datetime.fromisoformat(report["created"])


def test_the_actions_kept_for_the_limits_are_exported(world):
    AccountAction.objects.create(user=world["citizen"], action="join-request", scope="42")
    AccountAction.objects.create(user=world["other"], action="contact", scope="7")

    part = export_personal_data(world["citizen"])["parts"]["limited_actions"]

    assert part["label"] == "Actions comptées par les limites"
    [action] = part["data"]
    assert (action["action"], action["scope"]) == ("join-request", "42")
    datetime.datetime.fromisoformat(action["created"])


def test_the_mails_kept_for_them_their_files_and_admin_profile_are_exported(world):
    citizen = world["citizen"]
    send_mail("Votre révolte est publiée", "Bonjour Élise.", None, ["Élise <élise@EXAMPLE.org>"])
    send_mail("Pour un autre", "Bonjour.", None, ["xélise@example.org"])
    wagtail_factories.ImageFactory(title="Affiche de l'atelier", uploaded_by_user=citizen)
    wagtail_factories.ImageFactory(title="Image d'un autre", uploaded_by_user=world["other"])
    UserProfile.objects.create(user=citizen, preferred_language="fr")
    get_user_model().objects.filter(pk=citizen.pk).update(inactivity_warned_at=timezone.now())
    citizen.refresh_from_db()

    parts = export_personal_data(citizen)["parts"]

    [mail] = parts["emails"]["data"]
    assert (mail["subject"], mail["body"]) == ("Votre révolte est publiée", "Bonjour Élise.")
    assert [upload["title"] for upload in parts["uploads"]["data"]] == ["Affiche de l'atelier"]
    account = parts["account"]["data"]
    assert account["admin_profile"]["preferred_language"] == "fr"
    assert account["inactivity_warned_at"] == citizen.inactivity_warned_at.isoformat()


def test_the_export_holds_no_other_persons_data(world):
    text = json.dumps(export_personal_data(world["citizen"]), ensure_ascii=False)

    assert "autre@example.org" not in text
    assert "Quelqu'un d'autre" not in text
    assert "Le signalement de quelqu'un d'autre." not in text


def test_a_new_account_exports_empty_parts(world):
    data = export_personal_data(factories.UserFactory(last_login=None))

    assert data["parts"]["account"]["data"]["last_login"] is None
    assert data["parts"]["account"]["data"]["home_territory"] is None
    assert data["parts"]["reports"]["data"] == []
    json.dumps(data)


def test_a_registered_part_is_exported_after_the_core(world):
    def registered():
        return PersonalDataPart(
            key="badges",
            label="Badges",
            export=lambda user: [{"owner": user.display_name, "since": None}],
        )

    with hooks.register_temporarily(PERSONAL_DATA, registered):
        data = export_personal_data(world["citizen"])

    assert list(data["parts"])[-1] == "badges"
    assert data["parts"]["badges"] == {
        "label": "Badges",
        "data": [{"owner": "Élise", "since": None}],
    }


def test_two_parts_may_not_share_a_key(world):
    def clashing():
        return PersonalDataPart(key="reports", label="Reports", export=lambda user: [])

    with hooks.register_temporarily(PERSONAL_DATA, clashing), pytest.raises(ValueError):
        export_personal_data(world["citizen"])


def test_the_queries_do_not_grow_with_the_data(world, django_assert_max_num_queries):
    citizen = world["citizen"]
    with django_assert_max_num_queries(MAX_QUERIES):
        export_personal_data(citizen)

    page_type = ContentType.objects.get_for_model(TerritoryPage)
    for _ in range(8):
        territory = factories.TerritoryPageFactory(parent=world["territory"].get_parent())
        Report.objects.create(
            content_type=page_type, object_id=territory.pk, reporter=citizen, reason="spam"
        )
        EmailAddress.objects.create(user=citizen, email=f"{territory.slug}@example.org")
    with django_assert_max_num_queries(MAX_QUERIES):
        data = export_personal_data(citizen)
    assert len(data["parts"]["reports"]["data"]) == 9
    assert len(data["parts"]["account"]["data"]["email_addresses"]) == 9


def test_the_command_writes_the_json_to_a_file(world, tmp_path):
    output = tmp_path / "export.json"
    stdout = StringIO()

    call_command("export_personal_data", "élise@EXAMPLE.org", output=str(output), stdout=stdout)

    text = output.read_text(encoding="utf-8")
    assert '\n  "parts": {' in text  # indented by two spaces
    assert "Élise" in text  # UTF-8, not \u escapes
    data = json.loads(text)
    assert data["parts"]["account"]["data"]["email"] == "élise@example.org"
    assert str(output) in stdout.getvalue()
    assert output.stat().st_mode & 0o077 == 0


def test_the_command_writes_to_standard_output_without_a_file(world):
    stdout = StringIO()

    call_command("export_personal_data", "élise@example.org", stdout=stdout)

    assert json.loads(stdout.getvalue())["parts"]["account"]["data"]["display_name"] == "Élise"


def test_an_unknown_address_is_an_error_and_writes_nothing(world, tmp_path):
    output = tmp_path / "export.json"

    with pytest.raises(CommandError, match="No account has the e-mail address"):
        call_command("export_personal_data", "personne@example.org", output=str(output))

    assert not output.exists()
