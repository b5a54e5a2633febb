"""The pages that carry threads (``forums.owners``): the enjeux built in, the initiatives
registered through the ``register_thread_owner`` hook as a plain dict, any other page type a
plugin registers, and forums and initiatives reaching each other through it only."""

import ast
from pathlib import Path

import pytest
from wagtail import hooks

from cms_pages.extension_points import THREAD_OWNERS
from cms_pages.models import EventPage
from forums import posting
from forums.owners import owner_of, owners
from forums.visibility import public_threads
from initiatives import forum_access
from tests import factories

from .core_helpers import enjeu_thread, world

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def build_world():
    return world()


def imported_modules(app):
    """Every module imported anywhere in ``app``'s Python files (functions included)."""
    for path in (ROOT / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                yield from ((path, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                yield path, node.module


@pytest.mark.parametrize(("app", "other"), [("forums", "initiatives"), ("initiatives", "forums")])
def test_forums_and_initiatives_never_import_each_other(app, other):
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for path, name in imported_modules(app)
        if name == other or name.startswith(f"{other}.")
    ]
    assert found == []


def test_the_enjeux_are_built_in_and_the_initiatives_registered_as_a_plain_dict():
    assert list(owners()) == ["enjeu", "initiative"]
    initiative = owners()["initiative"]
    assert type(initiative) is dict
    assert initiative["get_page"] is forum_access.get_page


def test_the_owner_of_a_plain_page_is_found_from_its_type(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    assert owner_of(thread.page)["kind"] == "enjeu"
    assert type(thread.page).__name__ == "EnjeuPage"  # given as such by start_thread
    assert owner_of(world.enjeu.page_ptr)["kind"] == "enjeu"
    assert owner_of(world.initiative.page_ptr)["kind"] == "initiative"
    assert owner_of(world.territory.page_ptr) is None


def test_a_page_without_owner_takes_no_thread(world):
    with pytest.raises(ValueError, match="No forum"):
        posting.start_thread(author=world.citizen, title="Hors sujet", body="…", page=world.home)


def test_only_a_forum_with_members_keeps_threads_to_them(world):
    with pytest.raises(ValueError, match="keeps no thread to members"):
        posting.start_thread(
            author=world.citizen, title="Secret", body="…", page=world.enjeu, members_only=True
        )


def event_owner():
    return {
        "model": EventPage,
        "kind": "event",
        "route": "evenements/<slug:slug>/",
        "url_kwargs": lambda page: {"slug": page.slug},
        "get_page": lambda request, slug: EventPage.objects.get(slug=slug),
        "can_read": lambda user, page: page.live,
        "public": lambda queryset: queryset.live(),
    }


def test_a_plugin_opens_the_forum_of_another_page_type(world):
    event = factories.EventPageFactory(parent=factories.EventIndexPageFactory(parent=world.home))
    with hooks.register_temporarily(THREAD_OWNERS, event_owner):
        thread = posting.start_thread(
            author=world.citizen, title="Covoiturage", body="…", page=event
        )
        assert thread.forum_kind == "event"
        assert not thread.allows_members_only
        assert list(public_threads()) == [thread]
        event.unpublish()
        assert list(public_threads()) == []
