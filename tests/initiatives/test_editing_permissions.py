"""Who reaches the edit, history, restore and presence views, through the views themselves:
members and porteurs (and superusers) edit and restore; moderators read the history; others
get a 403 on a published initiative and a 404 on a draft, and nothing is saved."""

import pytest
from django.conf import settings

from tests import factories
from tests.initiatives import editing_helpers as helpers

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "citizen", "requester", "member", "porteur", "moderator", "editor", "admin"]
EDITORS_OF_THE_PAGE = {"member", "porteur", "admin"}
HISTORY_READERS = EDITORS_OF_THE_PAGE | {"moderator"}
# Who may see a draft at all (others get a 404, so a draft never reveals that it exists).
DRAFT_READERS = EDITORS_OF_THE_PAGE | {"moderator", "editor"}
LOGIN_REQUIRED = {"edit", "edit-post", "history", "revision", "restore", "restore-post"}
WRITES = {"edit-post", "restore-post"}

ACTIONS = {
    "edit": EDITORS_OF_THE_PAGE,
    "edit-post": EDITORS_OF_THE_PAGE,
    "history": HISTORY_READERS,
    "revision": HISTORY_READERS,
    "restore": EDITORS_OF_THE_PAGE,
    "restore-post": EDITORS_OF_THE_PAGE,
    "presence": EDITORS_OF_THE_PAGE,
}


def user_for(role, page):
    if role == "visitor":
        return None
    if role in ("member", "porteur"):
        return helpers.member(page, role="membre" if role == "member" else "porteur")
    if role == "requester":
        user = factories.UserFactory()
        factories.MembershipFactory(initiative=page, user=user, role="membre", status="pending")
        return user
    if role == "moderator":
        return helpers.moderator()
    if role == "editor":
        return helpers.editor()
    if role == "admin":
        return factories.UserFactory(is_superuser=True, is_staff=True)
    return factories.UserFactory()


def request(client, action, page):
    first = helpers.revisions_of(page)[0]
    if action == "edit":
        return client.get(helpers.edit_url(page))
    if action == "edit-post":
        return client.post(helpers.edit_url(page), helpers.edit_data(page, summary="Changé."))
    if action == "history":
        return client.get(helpers.history_url(page))
    if action == "revision":
        return client.get(helpers.revision_url(page, first))
    if action == "restore":
        return client.get(helpers.restore_url(page, first))
    if action == "restore-post":
        return client.post(
            helpers.restore_url(page, first),
            {"base_revision": str(helpers.fresh(page).latest_revision_id)},
        )
    return client.post(helpers.presence_url(page))


def build_world():
    """A published and a draft initiative (one tree), each with a second revision, so that
    restoring the first one changes something."""
    index, territories, _enjeux = helpers.tree()
    pages = {}
    for state in ("published", "draft"):
        page = helpers.initiative(index, territories[:1], live=state == "published")
        draft = page.get_latest_revision_as_object()
        draft.summary = "Deuxième version."
        draft.save_revision(user=page.latest_revision.user)
        pages[state] = helpers.fresh(page)
    return pages


@pytest.mark.parametrize("state", ["published", "draft"])
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_role_by_action(client, world, role, action, state):
    page = world[state]
    assert len(helpers.revisions_of(page)) == 2
    user = user_for(role, page)
    if user is not None:
        client.force_login(user)
    revisions_before = len(helpers.revisions_of(page))

    response = request(client, action, page)

    if role in ACTIONS[action]:
        assert response.status_code in (200, 302)
        if action in WRITES:
            revisions = helpers.revisions_of(page)
            assert len(revisions) == revisions_before + 1
            # The new revision is the user's, with the content they asked for.
            assert revisions[-1].user == user
            expected = "Changé." if action == "edit-post" else revisions[0].content["summary"]
            assert revisions[-1].content["summary"] == expected
        return
    if role == "visitor" and action in LOGIN_REQUIRED:
        assert response.status_code == 302
        assert response.url.startswith(settings.LOGIN_URL) or "login" in response.url
    elif state == "draft" and role not in DRAFT_READERS:
        assert response.status_code == 404
    else:
        assert response.status_code == 403
    assert len(helpers.revisions_of(page)) == revisions_before
