"""E-mails to the porteurs of an initiative about its moderation.

Wagtail's own admin e-mails are switched off for citizens (``accounts.admin_emails``); the
porteurs get these e-mails instead, in the site's language, linking to public pages only (the
initiative, its status page, its edit page), built from ``WAGTAILADMIN_BASE_URL``.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from outbox.links import absolute_url

from .models import Membership

APPROVED = "approved"
CHANGES_APPROVED = "changes_approved"
REJECTED = "rejected"

SUBJECTS = {
    APPROVED: lambda title: _("Your initiative “%(title)s” is published") % {"title": title},
    CHANGES_APPROVED: lambda title: (
        _("The changes to “%(title)s” are published") % {"title": title}
    ),
    REJECTED: lambda title: _("Your initiative “%(title)s” needs changes") % {"title": title},
}


def public_page_url(page):
    """The initiative's public address, or "" when it is not routable."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    return absolute_url(parts[2])


def recipients(page, also=None):
    """The active porteurs of ``page`` (and ``also``, if an active member), with an e-mail."""
    users = {
        m.user for m in Membership.objects.porteurs().filter(initiative=page).select_related("user")
    }
    if also is not None:
        member = (
            Membership.objects.active()
            .filter(initiative=page, user=also)
            .select_related("user")
            .first()
        )
        if member:
            users.add(member.user)
    return sorted((u for u in users if u.is_active and u.email), key=lambda u: u.pk)


def notify_porteurs(page, outcome, comment="", requested_by=None, exclude=None):
    """One plain-text e-mail per porteur (no HTML part: nothing a moderator typed becomes
    markup). Returns the number of e-mails sent."""
    sent = 0
    for user in recipients(page, also=requested_by):
        if exclude is not None and user.pk == exclude.pk:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "outcome": outcome,
                "name": user.display_name,
                "title": page.title,
                "comment": comment.strip(),
                "page_url": public_page_url(page) if page.live else "",
                "status_url": absolute_url(reverse("initiatives:status", args=[page.pk])),
                "edit_url": absolute_url(reverse("initiatives:edit", args=[page.pk])),
            }
            subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + SUBJECTS[outcome](page.title)
            body = render_to_string("initiatives/email/moderation_outcome.txt", context).strip()
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent
