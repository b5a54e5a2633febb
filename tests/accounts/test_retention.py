"""``manage.py apply_retention``: what is kept past its period goes (stored e-mails, rate-limit
records, expired sessions and exports), inactive accounts are warned once, then deleted if
still unused; staff are spared, a login keeps the account, ``--dry-run`` changes nothing, and
a second run (or two at once) does nothing more."""

import io
import os
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.models import AccountAction, PersonalDataExport
from accounts.sessions import AccountSession
from outbox.models import OutgoingEmail
from tests.factories import UserFactory
from tests.parallel import run_together

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)
PASSWORD = "motdepasse-solide-42"  # tests.factories.UserFactory's


@pytest.fixture(autouse=True)
def backup_dir(settings, tmp_path):
    """The command prunes BACKUP_DIR: a folder of the test's own, never the project's."""
    settings.BACKUP_DIR = tmp_path / "sauvegardes"
    return settings.BACKUP_DIR


def days_ago(days):
    return NOW - timedelta(days=days)


def apply_retention(*args):
    """Run the command at ``NOW``; its output."""
    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def line_about(output, start):
    return next(line for line in output.splitlines() if line.startswith(start))


def stored_email(created, status=OutgoingEmail.Status.SENT):
    with time_machine.travel(created, tick=False):
        return OutgoingEmail.objects.create(
            subject="Objet",
            body="Texte",
            from_email="a@example.org",
            to=["b@example.org"],
            status=status,
        )


def citizen(last_login=None, joined=None, **fields):
    """An account that signed up on ``joined`` (long ago by default), last logged in at
    ``last_login`` (never if None)."""
    return UserFactory(date_joined=joined or days_ago(2000), last_login=last_login, **fields)


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            OutgoingEmail,
            AccountAction,
            AccountSession,
            PersonalDataExport,
            get_user_model(),
        )
    } | {"warned": get_user_model().objects.exclude(inactivity_warned_at=None).count()}


def warnings_to(user):
    return OutgoingEmail.objects.filter(to=[user.email], subject__contains="supprimé")


# Stored e-mails.


def test_emails_past_the_retention_period_go_whatever_their_status():
    old = [
        stored_email(days_ago(91), status)
        for status in (OutgoingEmail.Status.SENT, OutgoingEmail.Status.FAILED)
    ]
    recent = stored_email(days_ago(89))

    output = apply_retention()

    assert not OutgoingEmail.objects.filter(pk__in=[email.pk for email in old]).exists()
    assert OutgoingEmail.objects.filter(pk=recent.pk).exists()
    assert line_about(output, "e-mails") == (
        "e-mails older than 90 days: 2 deleted (of which 0 never sent)"
    )


def test_an_email_never_sent_goes_too_and_is_counted_apart():
    stored_email(days_ago(91), OutgoingEmail.Status.PENDING)
    stored_email(days_ago(95), OutgoingEmail.Status.SENT)

    output = apply_retention()

    assert not OutgoingEmail.objects.exists()
    assert line_about(output, "e-mails").endswith("2 deleted (of which 1 never sent)")


def test_the_emails_retention_follows_its_setting(settings):
    settings.OUTBOX_RETENTION_DAYS = 10
    stored_email(days_ago(11))

    output = apply_retention()

    assert not OutgoingEmail.objects.exists()
    assert line_about(output, "e-mails").startswith("e-mails older than 10 days: 1 deleted")


# Rate-limit records, sessions, exports.


def test_rate_limit_records_older_than_thirty_days_go(user):
    AccountAction.objects.create(user=user, action="contact", created_at=days_ago(31))
    kept = AccountAction.objects.create(user=user, action="contact", created_at=days_ago(29))

    output = apply_retention()

    assert list(AccountAction.objects.all()) == [kept]
    assert line_about(output, "rate-limit records") == "rate-limit records: 1 deleted"


def test_expired_sessions_go(user):
    AccountSession.objects.create(
        session_key="a" * 32, session_data="", expire_date=days_ago(1), account_id=user.pk
    )
    AccountSession.objects.create(
        session_key="b" * 32, session_data="", expire_date=NOW + timedelta(days=1)
    )

    output = apply_retention()

    assert list(AccountSession.objects.values_list("session_key", flat=True)) == ["b" * 32]
    assert line_about(output, "expired sessions") == "expired sessions: 1 deleted"


def test_expired_personal_data_exports_go(user):
    PersonalDataExport.objects.create(user=user, expires_at=days_ago(1))
    kept = PersonalDataExport.objects.create(user=user, expires_at=NOW + timedelta(days=1))

    output = apply_retention()

    assert list(PersonalDataExport.objects.all()) == [kept]
    assert line_about(output, "expired personal data exports") == (
        "expired personal data exports: 1 deleted"
    )


def backup_at(folder, name, modified):
    archive = folder / name
    archive.write_bytes(b"archive")
    checksum = folder / f"{name}.sha256"
    checksum.write_text(f"0  {name}\n")
    for path in (archive, checksum):
        os.utime(path, (modified.timestamp(), modified.timestamp()))
    return archive


def test_backups_past_their_retention_period_go(backup_dir, settings):
    settings.BACKUP_RETENTION_DAYS = 14
    backup_dir.mkdir()
    old = backup_at(backup_dir, "aux-actes-citoyens-20270225T021500Z.tar.gz", days_ago(15))
    recent = backup_at(backup_dir, "aux-actes-citoyens-20270305T021500Z.tar.gz", days_ago(10))
    # Named by the operator (--output): theirs to keep.
    named = backup_at(backup_dir, "avant-mise-a-jour.tar.gz", days_ago(60))

    assert line_about(apply_retention("--dry-run"), "backups") == (
        "backups older than 14 days in BACKUP_DIR: 1 would be deleted"
    )
    assert old.exists()
    output = apply_retention()

    assert line_about(output, "backups") == "backups older than 14 days in BACKUP_DIR: 1 deleted"
    assert sorted(path.name for path in backup_dir.iterdir()) == sorted(
        [recent.name, f"{recent.name}.sha256", named.name, f"{named.name}.sha256"]
    )


# Inactive accounts: the warning.


def test_an_account_unused_for_the_limit_minus_the_warning_is_warned_once():
    sleeper = citizen(last_login=days_ago(1095 - 30 + 1), display_name="Camille Martin")
    active = citizen(last_login=days_ago(1095 - 30 - 1))

    output = apply_retention()

    sleeper.refresh_from_db()
    assert sleeper.inactivity_warned_at == NOW
    assert warnings_to(sleeper).count() == 1
    assert not warnings_to(active).exists()
    assert get_user_model().objects.filter(pk=active.pk, inactivity_warned_at=None).exists()
    assert line_about(output, "inactive accounts:") == "inactive accounts: 1 warned"


def test_an_account_that_never_logged_in_counts_from_its_sign_up():
    never_came = citizen(joined=days_ago(1095 - 30 + 1))
    newcomer = citizen(joined=days_ago(1095 - 30 - 1))

    apply_retention()

    assert warnings_to(never_came).count() == 1
    assert not warnings_to(newcomer).exists()


def test_a_second_run_warns_nobody_again():
    sleeper = citizen(last_login=days_ago(1100))

    apply_retention()
    output = apply_retention()

    assert warnings_to(sleeper).count() == 1
    assert line_about(output, "inactive accounts:") == "inactive accounts: 0 warned"


def test_the_warning_says_when_and_how_to_keep_the_account(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://agir.example.fr"
    sleeper = citizen(
        last_login=datetime(2023, 5, 2, 10, 0, tzinfo=UTC),
        display_name="Camille <Martin>",
        username="identifiant-interne",
    )

    apply_retention()

    email = warnings_to(sleeper).get()
    # Warned on 15 March 2027: deleted 30 days later.
    assert email.subject == "[Aux actes citoyens] Votre compte sera supprimé le 14 avril 2027"
    assert email.to == [sleeper.email]
    body = email.body
    assert body.startswith("Bonjour Camille <Martin>,")
    assert "depuis le 2 mai 2023" in body
    assert "le 14 avril 2027" in body
    assert "connectez-vous" in body.lower()
    assert "https://agir.example.fr/comptes/login/" in body
    assert "https://agir.example.fr/confidentialite/" in body
    assert "identifiant-interne" not in body
    assert "example.com" not in body
    # The HTML version escapes the display name.
    assert "Camille &lt;Martin&gt;" in email.html_body


def test_the_warning_period_follows_its_settings(settings):
    settings.INACTIVE_ACCOUNT_DAYS = 400
    settings.INACTIVE_ACCOUNT_WARNING_DAYS = 10
    sleeper = citizen(last_login=days_ago(391))
    spared = citizen(last_login=days_ago(389))

    apply_retention()

    email = warnings_to(sleeper).get()
    assert email.subject.endswith("le 25 mars 2027")
    assert not warnings_to(spared).exists()


def test_a_warning_period_not_shorter_than_the_limit_is_refused(settings):
    settings.INACTIVE_ACCOUNT_WARNING_DAYS = settings.INACTIVE_ACCOUNT_DAYS
    citizen(last_login=days_ago(5000))

    with pytest.raises(CommandError):
        apply_retention()
    assert not OutgoingEmail.objects.exists()


# Inactive accounts: the deletion.


def test_an_account_still_unused_after_the_warning_period_is_deleted():
    gone = citizen(last_login=days_ago(1200), inactivity_warned_at=days_ago(30))
    waiting = citizen(last_login=days_ago(1200), inactivity_warned_at=days_ago(29))

    output = apply_retention()

    assert not get_user_model().objects.filter(pk=gone.pk).exists()
    assert get_user_model().objects.filter(pk=waiting.pk).exists()
    assert line_about(output, "inactive accounts warned") == (
        "inactive accounts warned and still unused: 1 deleted"
    )


def test_an_account_is_never_deleted_without_a_warning_first():
    forgotten = citizen(last_login=days_ago(5000))

    apply_retention()

    assert get_user_model().objects.filter(pk=forgotten.pk).exists()
    assert warnings_to(forgotten).count() == 1


def test_an_account_used_since_its_warning_is_not_deleted():
    """Even if the login's signal was missed (a login recorded by a script)."""
    came_back = citizen(last_login=days_ago(10), inactivity_warned_at=days_ago(40))

    apply_retention()

    assert get_user_model().objects.filter(pk=came_back.pk).exists()


def test_the_deletion_erases_the_persons_data():
    gone = citizen(last_login=days_ago(1200), inactivity_warned_at=days_ago(31))
    AccountAction.objects.create(user=gone, action="contact", created_at=days_ago(1))

    apply_retention()

    assert not AccountAction.objects.exists()
    assert not warnings_to(gone).exists()


@pytest.mark.parametrize("rank", [{"is_staff": True}, {"is_superuser": True}])
def test_staff_are_neither_warned_nor_deleted(rank):
    old_hand = citizen(last_login=days_ago(5000), **rank)
    warned_before = citizen(last_login=days_ago(5000), inactivity_warned_at=days_ago(60), **rank)

    apply_retention()

    assert not OutgoingEmail.objects.exists()
    assert get_user_model().objects.filter(pk__in=[old_hand.pk, warned_before.pk]).count() == 2


def test_deactivated_accounts_are_left_alone():
    banned = citizen(last_login=days_ago(5000), is_active=False)

    apply_retention()

    assert get_user_model().objects.filter(pk=banned.pk).exists()
    assert not OutgoingEmail.objects.exists()


def test_logging_in_clears_the_warning(client):
    sleeper = citizen(last_login=days_ago(1100), inactivity_warned_at=days_ago(20))
    EmailAddress.objects.create(user=sleeper, email=sleeper.email, verified=True, primary=True)

    response = client.post(reverse("account_login"), {"login": sleeper.email, "password": PASSWORD})

    assert response.status_code == 302
    sleeper.refresh_from_db()
    assert sleeper.inactivity_warned_at is None
    # …so that the next runs neither delete it nor warn it again.
    apply_retention()
    assert get_user_model().objects.filter(pk=sleeper.pk, inactivity_warned_at=None).exists()
    assert not warnings_to(sleeper).exists()


# Dry run, and everything at once.


def fill_everything():
    stored_email(days_ago(100))
    stored_email(days_ago(100), OutgoingEmail.Status.PENDING)
    user = citizen(last_login=days_ago(1100))
    citizen(last_login=days_ago(1200), inactivity_warned_at=days_ago(40))
    AccountAction.objects.create(user=user, action="contact", created_at=days_ago(40))
    AccountSession.objects.create(session_key="c" * 32, session_data="", expire_date=days_ago(2))
    PersonalDataExport.objects.create(user=user, expires_at=days_ago(1))


def test_a_dry_run_says_what_would_go_and_changes_nothing():
    fill_everything()
    before = row_counts()

    output = apply_retention("--dry-run")

    assert row_counts() == before
    assert output.splitlines() == [
        "e-mails older than 90 days: 2 would be deleted (of which 1 never sent)",
        "rate-limit records: 1 would be deleted",
        "expired sessions: 1 would be deleted",
        "expired personal data exports: 1 would be deleted",
        "backups older than 14 days in BACKUP_DIR: 0 would be deleted",
        "inactive accounts: 1 would be warned",
        "inactive accounts warned and still unused: 1 would be deleted",
    ]


def test_a_real_run_does_what_the_dry_run_said_and_a_second_one_nothing():
    fill_everything()
    dry = apply_retention("--dry-run")

    first = apply_retention()
    second = apply_retention()

    assert first == dry.replace("would be ", "")
    assert all(" 0 " in line for line in second.splitlines())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_warn_and_delete_once():
    sleepers = [citizen(last_login=days_ago(1100)) for _ in range(3)]
    gone = citizen(last_login=days_ago(1200), inactivity_warned_at=days_ago(40))
    outputs = []

    def run():
        out = io.StringIO()
        call_command("apply_retention", stdout=out)
        outputs.append(out.getvalue())

    with time_machine.travel(NOW, tick=False):
        outcomes = run_together(run, run)

    assert outcomes == [None, None]
    for sleeper in sleepers:
        assert warnings_to(sleeper).count() == 1
    assert not get_user_model().objects.filter(pk=gone.pk).exists()
    assert sum(count_in(out, "inactive accounts:") for out in outputs) == 3
    assert sum(count_in(out, "inactive accounts warned") for out in outputs) == 1


def count_in(output, start):
    """The count that the output's line starting with ``start`` gives."""
    return int(line_about(output, start).rpartition(": ")[2].split()[0])
