"""What citizens and porteurs do with memberships: join, leave, accept, refuse, promote,
step down, remove.

Each operation runs in one transaction and first locks every membership row of the initiative
(``select_for_update``), so that two requests at once are applied one after the other: the
second one counts the porteurs as the first one left them, and an initiative never loses its
last porteur — but when that porteur deletes their account (``initiatives.personal_data``): a
moderator then promotes a member, as a porteur would. Permissions are asked again under the
lock, on fresh rows. E-mails are plain text (no HTML part: nothing a citizen typed can become
markup), link to public pages only, and leave through the outbox once the transaction commits.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from cms_pages.extension_points import objects_changed
from outbox.links import absolute_url

from .models import InitiativePage, Membership, PorteurVacancy
from .rules import remember_membership

MESSAGE_MAX_LENGTH = Membership._meta.get_field("message").max_length


class MembershipRefused(Exception):
    """An operation that cannot be done; ``message`` tells the citizen why, in plain words,
    and ``code`` names the case for callers and tests."""

    def __init__(self, message, code):
        super().__init__(str(message))
        self.message = message
        self.code = code


def _refused(code):
    return MembershipRefused(REFUSALS[code], code)


REFUSALS = {
    "already_member": gettext_lazy("You are already a member of this initiative."),
    "already_requested": gettext_lazy(
        "You have already asked to join this initiative; a porteur will answer."
    ),
    "not_published": gettext_lazy("Only a published initiative can be joined."),
    "without_porteur": gettext_lazy(
        "This initiative is looking for a new porteur: nobody can answer a request to join it "
        "for now. To take it over, write to the team."
    ),
    "not_member": gettext_lazy("You are not a member of this initiative."),
    "last_porteur": gettext_lazy(
        "An initiative always keeps at least one porteur, and you are the last one. "
        "Promote another member to porteur first, then you can leave."
    ),
    "remove_last_porteur": gettext_lazy(
        "This person is the last porteur of the initiative and cannot be removed. "
        "Promote another member to porteur first."
    ),
    "gone": gettext_lazy("This membership no longer exists; the list has been updated."),
    "not_pending": gettext_lazy("This request has already been answered."),
    "not_active": gettext_lazy("Accept or refuse this request first."),
    "already_porteur": gettext_lazy("This member is already a porteur."),
    "not_porteur": gettext_lazy("This member is not a porteur."),
    "forbidden": gettext_lazy("Only a porteur of the initiative can do this."),
}


def join(page, user, message=""):
    """Join ``page`` at once (open policy) or ask to join it (on request: the porteurs are
    e-mailed). Returns the new Membership."""
    if not page.live:
        raise _refused("not_published")
    if PorteurVacancy.objects.filter(initiative_id=page.pk).exists():
        raise _refused("without_porteur")
    is_open = page.membership_policy == InitiativePage.MembershipPolicy.OPEN
    message = "" if is_open else (message or "").strip()[:MESSAGE_MAX_LENGTH]
    with transaction.atomic():
        existing = Membership.objects.filter(initiative=page, user=user).first()
        if existing is not None:
            raise _refused(
                "already_member"
                if existing.status == Membership.Status.ACTIVE
                else "already_requested"
            )
        try:
            # Its own savepoint: a parallel click loses on the unique constraint, cleanly.
            with transaction.atomic():
                membership = Membership.objects.create(
                    initiative=page,
                    user=user,
                    role=Membership.Role.MEMBRE,
                    status=Membership.Status.ACTIVE if is_open else Membership.Status.PENDING,
                    message=message,
                    joined_at=timezone.now() if is_open else None,
                )
        except IntegrityError:
            raise _refused("already_member") from None
        if not is_open:
            _notify_porteurs_of_request(page, membership)
    remember_membership(user, page, membership)
    return membership


def leave(page, user):
    """Leave ``page``, or cancel one's pending request. The last porteur cannot leave.
    Returns the membership as it was."""
    with transaction.atomic():
        rows = _lock(page)
        own = next((row for row in rows if row.user_id == user.pk), None)
        if own is None:
            raise _refused("not_member")
        if own.is_porteur and _porteur_count(rows) <= 1:
            raise _refused("last_porteur")
        own.delete()
    remember_membership(user, page, None)
    return own


def accept(page, membership_id, actor):
    """Accept a pending request: the requester becomes a member and is e-mailed."""
    with transaction.atomic():
        target, _rows = _locked_target(page, membership_id, actor)
        if target.status != Membership.Status.PENDING:
            raise _refused("not_pending")
        target.status = Membership.Status.ACTIVE
        target.joined_at = timezone.now()
        target.save(update_fields=["status", "joined_at"])
        _notify_requester(page, target, accepted=True)
    return target


def refuse(page, membership_id, actor):
    """Refuse a pending request: it is deleted and the requester is e-mailed."""
    with transaction.atomic():
        target, _rows = _locked_target(page, membership_id, actor)
        if target.status != Membership.Status.PENDING:
            raise _refused("not_pending")
        _notify_requester(page, target, accepted=False)
        target.delete()
    return target


def promote(page, membership_id, actor):
    """Make an accepted member a porteur."""
    with transaction.atomic():
        target, _rows = _locked_target(page, membership_id, actor)
        if target.status != Membership.Status.ACTIVE:
            raise _refused("not_active")
        if target.role == Membership.Role.PORTEUR:
            raise _refused("already_porteur")
        target.role = Membership.Role.PORTEUR
        target.save(update_fields=["role"])
        # A porteur again: back on the public lists (the search too), out of the moderators'
        # queue.
        ended, _deleted = PorteurVacancy.objects.filter(initiative_id=page.pk).delete()
        if ended:
            objects_changed.send(sender=InitiativePage, pks=[page.pk])
    return target


def step_down(page, membership_id, actor):
    """Make a porteur a plain member again, provided another porteur remains."""
    with transaction.atomic():
        target, rows = _locked_target(page, membership_id, actor)
        if not target.is_porteur:
            raise _refused("not_porteur")
        if _porteur_count(rows) <= 1:
            raise _refused("last_porteur" if target.user_id == actor.pk else "remove_last_porteur")
        target.role = Membership.Role.MEMBRE
        target.save(update_fields=["role"])
    return target


def remove(page, membership_id, actor):
    """Remove an accepted member (a porteur too, yourself included, provided another porteur
    remains). A pending request is refused instead, which tells the requester."""
    with transaction.atomic():
        target, rows = _locked_target(page, membership_id, actor)
        if target.status != Membership.Status.ACTIVE:
            raise _refused("not_active")
        if target.is_porteur and _porteur_count(rows) <= 1:
            raise _refused("last_porteur" if target.user_id == actor.pk else "remove_last_porteur")
        target.delete()
    return target


# Locking and checks.


def _lock(page):
    """Every membership row of ``page``, locked until the end of the transaction, in a fixed
    order so that concurrent callers queue instead of deadlocking."""
    return list(Membership.objects.select_for_update().filter(initiative_id=page.pk).order_by("pk"))


def _porteur_count(rows):
    return sum(1 for row in rows if row.is_porteur)


def _locked_target(page, membership_id, actor):
    """The membership ``membership_id`` of ``page`` (never another initiative's) and every row,
    locked; refused if ``actor`` may not manage it, judged on the locked rows."""
    rows = _lock(page)
    target = next((row for row in rows if row.pk == membership_id), None)
    if target is None:
        raise _refused("gone")
    target.initiative = page
    remember_membership(actor, page, next((row for row in rows if row.user_id == actor.pk), None))
    if not actor.has_perm("initiatives.manage_membership", target):
        raise _refused("forbidden")
    return target, rows


# E-mails.


def members_url(page):
    return absolute_url(reverse("initiatives:members", args=[page.pk]))


def page_url(page):
    return absolute_url(page.get_url() or reverse("initiatives:status", args=[page.pk]))


SUBJECTS = {
    "request": gettext_lazy("New request to join “%(title)s”"),
    "accepted": gettext_lazy("You are now a member of “%(title)s”"),
    "refused": gettext_lazy("Your request to join “%(title)s”"),
}


def _send(kind, page, recipient, context):
    """The e-mail ``initiatives/email/membership_<kind>.txt`` to ``recipient``, in the site's
    language."""
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(f"initiatives/email/membership_{kind}.txt", context).strip()
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + str(SUBJECTS[kind]) % {
            "title": page.title
        }
    send_mail(subject, body, None, [recipient.email])


def _notify_porteurs_of_request(page, membership):
    """One e-mail per porteur, so that no porteur sees another's address."""
    porteur_ids = Membership.objects.porteurs().filter(initiative=page).values("user_id")
    requester = membership.user
    for porteur in get_user_model().objects.filter(pk__in=porteur_ids).exclude(email=""):
        _send(
            "request",
            page,
            porteur,
            {
                "porteur_name": porteur.display_name,
                "requester_name": requester.public_name,
                "title": page.title,
                "message": membership.message,
                "members_url": members_url(page),
            },
        )


def _notify_requester(page, membership, accepted):
    requester = membership.user
    if not requester.email:
        return
    _send(
        "accepted" if accepted else "refused",
        page,
        requester,
        {
            "requester_name": requester.display_name,
            "title": page.title,
            # A refused requester cannot open a draft's status page.
            "page_url": page_url(page) if accepted or page.live else "",
            "edit_url": absolute_url(reverse("initiatives:edit", args=[page.pk])),
        },
    )
