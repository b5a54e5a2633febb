"""The forums' part of a citizen's personal data (``PERSONAL_DATA``): the threads they opened,
the comments they wrote (deleted and hidden ones too: the platform still holds them), the
threads they follow and the comments they marked. Other people's messages stay out; the
e-mails a citizen chose about followed threads are part of the account (``accounts``)."""

from django.utils.translation import gettext_lazy as _
from django_comments.models import CommentFlag

from accounts.erasure import former_participant
from accounts.personal_data import PersonalDataPart, iso, title_of

from .models import Comment, DigestEntry, Thread, ThreadFollow


def export(user):
    threads = (
        Thread.objects.filter(author=user)
        .select_related("page", "territory")
        .defer("body_html")
        .order_by("created_at", "pk")
    )
    comments = (
        Comment.objects.filter(user=user)
        .select_related("forum_thread")
        .order_by("submit_date", "pk")
    )
    follows = (
        ThreadFollow.objects.filter(user=user).select_related("thread").order_by("created_at", "pk")
    )
    flags = CommentFlag.objects.filter(user=user).order_by("flag_date", "pk")
    return {
        "threads": [
            {
                "id": thread.pk,
                "page": title_of(thread.page),
                "territory": title_of(thread.territory),
                "title": thread.title,
                "body": thread.body,
                "members_only": thread.members_only,
                "closed": thread.closed,
                "created": iso(thread.created_at),
            }
            for thread in threads
        ],
        "comments": [
            {
                "id": comment.pk,
                "thread": comment.forum_thread_id,
                "thread_title": comment.forum_thread.title,
                "reply_to": comment.parent_id if comment.parent_id != comment.pk else None,
                "text": comment.comment,
                "status": comment.status,
                "hidden_reason": comment.hidden_reason,
                "posted": iso(comment.submit_date),
                "edited": iso(comment.edited_at),
                "deleted": iso(comment.deleted_at),
            }
            for comment in comments
        ],
        "follows": [
            {
                "thread": follow.thread_id,
                "thread_title": follow.thread.title,
                "since": iso(follow.created_at),
            }
            for follow in follows
        ],
        "comment_flags": [
            {"comment": flag.comment_id, "flag": flag.flag, "date": iso(flag.flag_date)}
            for flag in flags
        ],
    }


def erase(user):
    """The threads and comments stay where they are in the discussions, by « Ancien
    participant » (every copy of the name, address and IP the comments framework keeps goes);
    the follows, the digest's waiting lines and the marks on comments go."""
    Thread.objects.filter(author=user).update(author=None)
    Comment.objects.filter(user=user).update(
        user=None, user_name=former_participant(), user_email="", user_url="", ip_address=None
    )
    Comment.objects.filter(moderated_by=user).update(moderated_by=None)
    ThreadFollow.objects.filter(user=user).delete()
    DigestEntry.objects.filter(user=user).delete()
    CommentFlag.objects.filter(user=user).delete()


def part():
    return PersonalDataPart(key="forums", label=_("Discussions"), export=export, erase=erase)
