"""The forums' part of a citizen's personal data: the threads they opened, their comments
(deleted ones too), the threads they follow and the comments they liked; nobody else's
messages."""

import json

import pytest
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG
from wagtail import hooks

from accounts.personal_data import export_personal_data
from cms_pages.extension_points import PERSONAL_DATA
from forums import posting
from forums.models import Comment
from forums.personal_data import export
from tests import factories

pytestmark = pytest.mark.django_db

MAX_QUERIES = 6


def build_world():
    home = factories.site_with_home_page()
    territory = factories.TerritoryPageFactory(
        parent=factories.TerritoryIndexPageFactory(parent=home), title="Vosges du Sud"
    )
    enjeu = factories.EnjeuPageFactory(
        parent=factories.EnjeuIndexPageFactory(parent=home), title="Mobilité"
    )
    citizen = factories.UserFactory()
    other = factories.UserFactory(display_name="Quelqu'un d'autre")
    mine = posting.start_thread(
        author=citizen,
        title="Des bus le dimanche",
        body="Qui est partant ?",
        page=enjeu,
        territory=territory,
    )
    theirs = posting.start_thread(
        author=other, title="Covoiturage", body="Le message d'ouverture d'un autre.", page=enjeu
    )
    their_comment = posting.post_comment(
        thread=theirs, author=other, text="Le commentaire d'un autre.", notify=False
    )
    reply = posting.post_comment(
        thread=theirs, author=citizen, text="Je réponds.", parent=their_comment, notify=False
    )
    deleted = posting.post_comment(
        thread=mine, author=citizen, text="Un message retiré.", notify=False
    )
    Comment.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    posting.post_comment(thread=mine, author=other, text="Une autre réponse.", notify=False)
    CommentFlag.objects.create(
        comment=their_comment, user=citizen, flag=LIKEDIT_FLAG, flag_date=timezone.now()
    )
    CommentFlag.objects.create(
        comment=reply, user=other, flag=LIKEDIT_FLAG, flag_date=timezone.now()
    )
    return {
        "citizen": citizen,
        "enjeu": enjeu,
        "mine": mine,
        "theirs": theirs,
        "their_comment": their_comment,
        "reply": reply,
        "deleted": deleted,
    }


def test_the_part_holds_the_citizens_threads_comments_follows_and_likes(world):
    data = export(world["citizen"])

    [thread] = data["threads"]
    assert thread["id"] == world["mine"].pk
    assert thread["page"] == "Mobilité"
    assert thread["territory"] == "Vosges du Sud"
    assert (thread["title"], thread["body"]) == ("Des bus le dimanche", "Qui est partant ?")
    assert (thread["members_only"], thread["closed"]) == (False, False)
    comments = {comment["id"]: comment for comment in data["comments"]}
    assert comments.keys() == {world["reply"].pk, world["deleted"].pk}
    reply = comments[world["reply"].pk]
    assert reply["text"] == "Je réponds."
    assert reply["thread"] == world["theirs"].pk
    assert reply["thread_title"] == "Covoiturage"
    assert reply["reply_to"] == world["their_comment"].pk
    assert reply["status"] == "published"
    assert reply["deleted"] is None
    deleted = comments[world["deleted"].pk]
    assert deleted["reply_to"] is None
    assert deleted["text"] == "Un message retiré."
    assert deleted["deleted"] is not None
    # Starting a thread and commenting in one follows it.
    assert {follow["thread"] for follow in data["follows"]} == {
        world["mine"].pk,
        world["theirs"].pk,
    }
    assert [(flag["comment"], flag["flag"]) for flag in data["comment_flags"]] == [
        (world["their_comment"].pk, LIKEDIT_FLAG)
    ]


def test_the_part_is_registered_and_holds_nobody_elses_messages(world):
    data = export_personal_data(world["citizen"])

    assert data["parts"]["forums"]["label"] == "Discussions"
    text = json.dumps(data, ensure_ascii=False)
    for theirs in [
        "Quelqu'un d'autre",
        "Le message d'ouverture d'un autre.",
        "Le commentaire d'un autre.",
        "Une autre réponse.",
    ]:
        assert theirs not in text
    assert any(fn.__module__ == "forums.wagtail_hooks" for fn in hooks.get_hooks(PERSONAL_DATA))


def test_the_queries_do_not_grow_with_the_data(world, django_assert_max_num_queries):
    citizen = world["citizen"]
    with django_assert_max_num_queries(MAX_QUERIES):
        export(citizen)

    for number in range(5):
        thread = posting.start_thread(
            author=citizen, title=f"Sujet {number}", body="Un message.", page=world["enjeu"]
        )
        comment = posting.post_comment(
            thread=thread, author=citizen, text="Un commentaire.", notify=False
        )
        CommentFlag.objects.create(
            comment=comment, user=citizen, flag=LIKEDIT_FLAG, flag_date=timezone.now()
        )
    with django_assert_max_num_queries(MAX_QUERIES):
        data = export(citizen)
    assert len(data["threads"]) == 6
    assert len(data["comments"]) == 7
    assert len(data["follows"]) == 7
    assert len(data["comment_flags"]) == 6
