"""What moderation changes on the public pages: the controls each role gets on a thread page,
hidden and members-only comments shown on no public page, and django-comments-xtd's own views
and API not exposed."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse

from forums import moderation

from . import moderation_helpers as helpers
from .core_helpers import client_for, comment, moderator

pytestmark = pytest.mark.django_db


def build_world():
    """The moderation tests' world (``reported_world()``), built once for the module."""
    return helpers.reported_world()


def page(client, thread):
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# Controls on the thread page.


def test_a_moderator_gets_the_hide_form_and_the_thread_settings(world):
    content = page(client_for(moderator()), world.enjeu_thread)

    assert f'data-hide-comment="{world.enjeu_comment.pk}"' in content
    assert "data-thread-settings" in content
    assert "data-report=" not in content


def test_a_citizen_gets_a_report_link_and_no_moderation(world):
    content = page(client_for(world.citizen), world.enjeu_thread)

    assert f'data-report="{world.enjeu_comment.pk}"' in content
    assert "data-hide-comment" not in content
    assert "data-thread-settings" not in content


def test_an_author_gets_no_report_link_on_their_own_comment(world):
    content = page(client_for(world.author), world.enjeu_thread)

    assert f'data-report="{world.enjeu_comment.pk}"' not in content


def test_an_anonymous_visitor_gets_neither_report_link_nor_moderation(world):
    content = page(Client(), world.enjeu_thread)

    assert "data-report=" not in content
    assert "data-hide-comment" not in content
    assert "data-thread-settings" not in content


def test_a_porteur_moderates_their_initiative_thread_on_its_page(world):
    content = page(client_for(world.porteur), world.initiative_thread)

    assert f'data-hide-comment="{world.initiative_comment.pk}"' in content
    assert 'value="members_only"' in content


def test_a_porteur_gets_no_moderation_on_an_enjeu_thread(world):
    content = page(client_for(world.porteur), world.enjeu_thread)

    assert "data-hide-comment" not in content
    assert "data-thread-settings" not in content


def test_a_porteur_gets_no_moderation_on_another_initiative_thread(world):
    content = page(client_for(helpers.other_initiative_porteur()), world.initiative_thread)

    assert "data-hide-comment" not in content
    assert "data-thread-settings" not in content


def test_a_moderator_sees_a_hidden_comment_with_its_reason_and_a_restore_button(world):
    mod = moderator()
    moderation.hide(world.enjeu_comment, mod, "Propos blessants.")

    content = page(client_for(mod), world.enjeu_thread)

    assert "Propos blessants." in content
    assert "data-restore-comment" in content


def test_the_author_of_a_hidden_comment_reads_the_reason(world):
    moderation.hide(world.enjeu_comment, moderator(), "Propos blessants.")

    content = page(client_for(world.author), world.enjeu_thread)

    assert "Propos blessants." in content


# Hidden and members-only comments on public pages.


def test_a_hidden_comment_is_not_on_the_thread_page_for_others(world):
    moderation.hide(world.enjeu_comment, moderator(), "Hors sujet.")

    for client in (Client(), client_for(world.citizen)):
        assert "Un message à modérer." not in page(client, world.enjeu_thread)


def test_a_flagged_comment_is_not_on_the_thread_page_for_others(world):
    for reporter in helpers.reporters(3):
        helpers.report(world.enjeu_comment, reporter)

    assert "Un message à modérer." not in page(Client(), world.enjeu_thread)


def test_a_hidden_comment_is_not_on_the_enjeu_page(world):
    moderation.hide(world.enjeu_comment, moderator(), "Hors sujet.")

    response = Client().get(world.enjeu.url)

    assert response.status_code == 200
    assert "Un message à modérer." not in response.content.decode()


def test_a_hidden_comment_is_not_on_its_author_profile(world):
    kept = comment(world.enjeu_thread, world.author, "Un message qui reste.")
    moderation.hide(world.enjeu_comment, moderator(), "Hors sujet.")

    content = client_for(world.author).get(reverse("accounts:profile")).content.decode()

    assert f"#c{kept.pk}" in content
    assert f"#c{world.enjeu_comment.pk}" not in content


def test_a_members_only_comment_is_not_on_its_author_profile(world):
    moderation.set_thread(world.initiative_thread, world.porteur, "members_only")
    secret = comment(world.initiative_thread, world.member, "Un secret entre membres.")

    content = client_for(world.member).get(reverse("accounts:profile")).content.decode()

    assert "Un secret entre membres." not in content
    assert f"#c{secret.pk}" not in content


def test_a_thread_kept_to_members_is_no_longer_readable_by_others(world):
    moderation.set_thread(world.initiative_thread, world.porteur, "members_only")

    for client in (Client(), client_for(world.citizen)):
        assert client.get(world.initiative_thread.get_absolute_url()).status_code == 404


def test_members_only_comments_are_not_on_the_initiative_page(world):
    moderation.set_thread(world.initiative_thread, world.porteur, "members_only")

    response = Client().get(world.initiative.url)

    assert response.status_code == 200
    assert "Un message d'initiative." not in response.content.decode()
    assert world.initiative_thread.title not in response.content.decode()


# django-comments-xtd's own views and API are not exposed.


@pytest.mark.parametrize(
    "name",
    [
        "comments-xtd-api-list",
        "comments-xtd-api-count",
        "comments-xtd-api-create",
        "comments-xtd-api-flag",
        "comments-xtd-api-feedback",
        "comments-xtd-like",
        "comments-xtd-reply",
        "comments-flag",
        "comments-post-comment",
        "comments-delete",
        "comments-approve",
        "comments-url-redirect",
    ],
)
def test_django_comments_url_names_do_not_reverse(name):
    resolver = get_resolver()
    assert name not in resolver.reverse_dict
    for namespace in resolver.namespace_dict:
        with pytest.raises(NoReverseMatch):
            reverse(f"{namespace}:{name}")


def test_no_django_comments_url_is_mounted():
    def patterns(resolver):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                yield from patterns(pattern)
            else:
                yield pattern

    modules = {getattr(p.callback, "__module__", "") for p in patterns(get_resolver())}

    assert not [m for m in modules if m.startswith(("django_comments", "django_comments_xtd"))]


@pytest.mark.parametrize(
    "path",
    [
        "/comments/api/{ct}/{thread}/",
        "/comments/api/{ct}/{thread}/count/",
        "/comments/api/comment/",
        "/comments/api/flag/",
        "/comments/post/",
        "/comments/flag/{comment}/",
        "/comments/like/{comment}/",
        "/comments/reply/{comment}/",
        "/comments/cr/{ctid}/{thread}/",
    ],
)
def test_django_comments_paths_answer_404(world, path):
    moderation.hide(world.enjeu_comment, moderator(), "Hors sujet.")
    url = path.format(
        ct="forums-thread", ctid=1, thread=world.enjeu_thread.pk, comment=world.enjeu_comment.pk
    )

    for method in ("get", "post"):
        response = getattr(client_for(world.citizen), method)(url)
        assert response.status_code == 404
        assert "Un message à modérer." not in response.content.decode()
