"""Shared set-up of the editing, history and presence tests: a published initiative with its
first revision, its members, and the edit form's data as a member's browser would post it."""

from django.urls import reverse

from cms_pages.geo import parse_point
from initiatives import publication
from initiatives.editing import needs_of
from tests import factories
from tests.initiatives.core_helpers import client_for, editor, fresh, moderator, tree  # noqa: F401

__all__ = ["tree"]


def initiative(index, territories, enjeux=(), *, live=True, porteur=None, **fields):
    """An initiative with a first revision (published when ``live``) and an active porteur."""
    porteur = porteur or factories.UserFactory(display_name="Porteuse Alice")
    page = factories.InitiativePageFactory(parent=index, live=live, **fields)
    page.territories.set(territories)
    page.enjeux.set(enjeux)
    page.tags.set(["jardin"])
    page.needs = [("need", "Un local")]
    revision = page.save_revision(user=porteur)
    if live:
        revision.publish(user=porteur, skip_permission_checks=True)
    factories.MembershipFactory(initiative=page, user=porteur)
    return fresh(page)


def member(page, role="membre", **fields):
    user = factories.UserFactory(**fields)
    factories.MembershipFactory(initiative=page, user=user, role=role)
    return user


def edit_url(page):
    return reverse("initiatives:edit", args=[page.pk])


def presence_url(page):
    return reverse("initiatives:presence", args=[page.pk])


def history_url(page):
    return reverse("initiatives:history", args=[page.pk])


def revision_url(page, revision):
    return reverse("initiatives:revision", args=[page.pk, revision.pk])


def restore_url(page, revision):
    return reverse("initiatives:restore", args=[page.pk, revision.pk])


def edit_data(page, **changes):
    """The edit form as shown for the latest revision, with ``changes`` typed in."""
    page = fresh(page)
    latest = page.get_latest_revision_as_object()
    point = parse_point(latest.location)
    data = {
        "title": latest.title,
        "summary": latest.summary,
        "description": latest.description,
        "territories": [t.pk for t in latest.territories.all()],
        "commune": latest.commune_id or "",
        "enjeux": [e.pk for e in latest.enjeux.all()],
        "tags_text": ", ".join(t.name for t in latest.tags.all()),
        "needs_text": "\n".join(needs_of(latest.needs)),
        "inspired_by": ", ".join(str(c.pk) for c in latest.inspired_by.all()),
        "latitude": point[0] if point else "",
        "longitude": point[1] if point else "",
        "maturity": latest.maturity,
        "economic_purpose": latest.economic_purpose,
        "organisation_mode": latest.organisation_mode,
        "membership_policy": latest.membership_policy,
        "image_alt": latest.image.title if latest.image_id else "",
        "base_revision": str(page.latest_revision_id or 0),
    }
    data.update(changes)
    return data


def approve(page, user=None):
    """A moderator approves the pending check, as the admin's workflow button does."""
    state = publication.open_workflow_state(page)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user or moderator(), "approve")


def revisions_of(page):
    return list(fresh(page).revisions.order_by("pk"))
