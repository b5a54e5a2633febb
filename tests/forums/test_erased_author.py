"""A discussion whose author deleted their account: the thread and the comments stay where
they are, signed « Ancien participant », in the thread, the forum's list and the replies."""

import pytest
from django.urls import reverse

from accounts.erasure import delete_account
from forums import moderation, posting
from forums.models import Thread
from moderation.models import Report
from tests import factories

pytestmark = pytest.mark.django_db

NAME = "Gaëtane Erasmus"


def build_world():
    home = factories.site_with_home_page()
    enjeu = factories.EnjeuPageFactory(
        parent=factories.EnjeuIndexPageFactory(parent=home), title="Mobilité"
    )
    author = factories.UserFactory(display_name=NAME)
    other = factories.UserFactory(display_name="Quelqu'un d'autre")
    thread = posting.start_thread(
        author=author, title="Des bus le dimanche", body="Qui est partant ?", page=enjeu
    )
    comment = posting.post_comment(
        thread=thread, author=author, text="Je propose le mardi.", notify=False
    )
    posting.post_comment(
        thread=thread, author=other, text="Moi aussi.", parent=comment, notify=False
    )
    return {"enjeu": enjeu, "author": author, "thread": thread, "comment": comment}


def test_the_thread_shows_a_former_participant(world, client):
    delete_account(world["author"])

    page = client.get(world["thread"].get_absolute_url())

    html = page.content.decode()
    assert page.status_code == 200
    assert NAME not in html
    assert "Je propose le mardi." in html and "Moi aussi." in html
    assert '<span class="comment__author">Ancien participant</span>' in html
    assert "Lancée par un ancien participant" in html


def test_replying_to_the_comment_names_a_former_participant(world, client):
    delete_account(world["author"])
    client.force_login(factories.UserFactory())
    comment = world["comment"]

    page = client.get(reverse("forums:comment-reply", args=[comment.pk]))

    assert page.status_code == 200
    assert "Ancien participant" in page.content.decode()
    assert NAME not in page.content.decode()


def test_the_moderators_queue_names_a_former_participant(world, client):
    """A report by a deleted account and a held thread of one, in the forums' queue."""
    reporter = factories.UserFactory(display_name="Rapporteur Parti")
    moderation.report(world["comment"], reporter, Report.Reason.SPAM)
    Thread.objects.filter(pk=world["thread"].pk).update(held=True)
    delete_account(reporter)
    delete_account(world["author"])
    factories.staff_login(client, factories.UserFactory(is_superuser=True, is_staff=True))

    page = client.get(reverse("forums_moderation_queue"))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Rapporteur Parti" not in html and NAME not in html
    assert html.count("Ancien participant") >= 3  # the thread's, the comment's, the report's
