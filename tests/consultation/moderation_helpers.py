"""People, places and contributions shared by the moderation, admin and demo tests."""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from accounts.rules import EDITORS, FACILITATORS, MODERATORS
from consultation.models import Contribution
from moderation.models import Report
from tests import factories

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def member_of(group_name, **fields):
    user = factories.UserFactory(**fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def moderator(**fields):
    return member_of(MODERATORS, **fields)


def editor():
    return member_of(EDITORS)


def facilitator():
    return member_of(FACILITATORS)


def territories(home_page):
    index = factories.TerritoryIndexPageFactory(parent=home_page)
    return (
        factories.TerritoryPageFactory(parent=index, title="Nord", slug="nord"),
        factories.TerritoryPageFactory(parent=index, title="Sud", slug="sud"),
    )


def enjeu(home_page, **fields):
    index = factories.EnjeuIndexPageFactory(parent=home_page)
    return factories.EnjeuPageFactory(parent=index, **fields)


def event(home_page, **fields):
    index = factories.EventIndexPageFactory(parent=home_page)
    return factories.EventPageFactory(parent=index, **fields)


def pending(territory, **fields):
    return factories.ContributionFactory(
        territory=territory, status=Contribution.Status.PENDING, **fields
    )


def report(contribution, **fields):
    return Report.objects.create(
        content_type=ContentType.objects.get_for_model(Contribution),
        object_id=contribution.pk,
        reporter=fields.pop("reporter", None) or factories.UserFactory(),
        reason=fields.pop("reason", Report.Reason.SPAM),
        **fields,
    )


def non_moderators():
    """One account of each kind that is not a moderator, for the tables of who may not."""
    return {"citizen": factories.UserFactory(), "editor": editor(), "facilitator": facilitator()}
