"""Initiatives, their members and the staff roles, for the membership tests."""

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.rules import EDITORS, MODERATORS
from outbox.models import OutgoingEmail
from tests import factories


def index_page():
    """A site with the initiative index under its home page."""
    return factories.InitiativeIndexPageFactory(parent=factories.site_with_home_page())


def initiative(index, *, live=True, policy="open", porteur=True, **fields):
    """An initiative under ``index`` (a draft with ``live=False``), with one porteur unless
    ``porteur=False``."""
    page = factories.InitiativePageFactory(
        parent=index, live=live, membership_policy=policy, **fields
    )
    if porteur:
        add(page, role="porteur")
    return page


def add(page, user=None, *, role="membre", status="active", **fields):
    """A membership of ``user`` (a new citizen by default) in ``page``."""
    return factories.MembershipFactory(
        initiative=page,
        user=user or factories.UserFactory(),
        role=role,
        status=status,
        joined_at=None if status == "pending" else timezone.now(),
        **fields,
    )


def porteur_of(page):
    return page.memberships.porteurs().select_related("user").first().user


def in_group(name, **fields):
    user = factories.UserFactory(**fields)
    user.groups.add(Group.objects.get(name=name))
    return user


def moderator():
    return in_group(MODERATORS)


def editor():
    return in_group(EDITORS)


def superuser():
    return factories.UserFactory(is_superuser=True, is_staff=True)


def action_url(page, membership, action):
    return reverse("initiatives:membership-action", args=[page.pk, membership.pk, action])


def mails(to=None):
    """E-mails stored in the outbox (optionally to one address), oldest first."""
    queryset = OutgoingEmail.objects.order_by("pk")
    return list(queryset.filter(to=[to]) if to else queryset)


def message_codes(response):
    """The ``extra_tags`` of the messages left for the next page (the refusal codes)."""
    return [message.extra_tags for message in response.wsgi_request._messages]
