"""Demo discussions for ``load_demo_content``: threads under several enjeux and demo
initiatives (one kept to the initiative's members), with replies on three levels, likes, a
comment hidden by a porteur with its reason, one deleted by its author, a pinned thread and a
closed one (texts in :mod:`forums.demo_texts`).

Threads are written through :mod:`forums.posting`, so django-comments-xtd's tree fields are
those of real comments, then dated in the past: the conversations are history, nobody is
e-mailed about them. A thread is looked up (same title in the same forum) before it is created
and never updated, so a second run writes nothing; an initiative's threads are written when the
initiatives are installed (their owner is registered, see ``forums.owners``). The demo citizens
are those of the demo initiatives, found by username (or created the same way when the
initiatives' demo did not run), plus a few of the discussions' own (no usable password)."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG

from accounts.admin_emails import mute_admin_emails
from cms_pages.models import TerritoryPage
from moderation.models import Report

from . import demo_texts, posting
from .models import Comment, Thread
from .owners import owners

# Hours between two messages of a demo thread, in turn: a conversation over a few days.
STEPS_HOURS = [3, 5, 2, 7, 4, 9, 1, 6]


@dataclass
class Outcome:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def load_demo_forums():
    """Create the demo threads that are missing; return an :class:`Outcome`."""
    outcome = Outcome()
    pages = {
        kind: {page.slug: page for page in owner["model"].objects.all()}
        for kind, owner in owners().items()
    }
    territories = {t.slug: t for t in TerritoryPage.objects.defer("boundary")}
    now = timezone.now().replace(second=0, microsecond=0)
    citizens = None
    with transaction.atomic():
        for spec in demo_texts.THREADS:
            kind, slug = spec["forum"]
            forum_page = pages.get(kind, {}).get(slug)
            if forum_page is None:
                continue
            existing = Thread.objects.filter(title=spec["title"], page=forum_page).first()
            if existing:
                outcome.existing.append(existing.title)
                continue
            citizens = citizens or demo_forum_citizens()
            create_thread(spec, forum_page, territories, citizens, now)
            outcome.created.append(spec["title"])
    return outcome


def demo_forum_citizens():
    """The demo initiatives' citizens and the discussions' own, created once."""
    users = {}
    user_model = get_user_model()
    for username, display_name in demo_texts.INITIATIVE_CITIZENS + demo_texts.CITIZENS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model(
                username=username, email=f"{username}@example.org", display_name=display_name
            )
            user.set_unusable_password()
            user.save()
        mute_admin_emails(user)
        users[username] = user
    return users


def create_thread(spec, page, territories, citizens, now):
    """One thread with its comments, dated from ``spec["days_ago"]`` days before ``now``."""
    started = now - datetime.timedelta(days=spec["days_ago"])
    thread = posting.start_thread(
        author=citizens[spec["author"]],
        title=spec["title"],
        body=spec["body"],
        territory=territories.get(spec.get("territory") or ""),
        members_only=spec.get("members_only", False),
        page=page,
    )
    clock = Clock(started, now)
    posted = []
    for item in spec["comments"]:
        post(thread, item, None, citizens, clock, posted)
    for comment, item in posted:
        apply_state(comment, item, citizens)
    shown = [c.submit_date for c, item in posted if not item.get("hidden")]
    Thread.objects.filter(pk=thread.pk).update(
        created_at=started,
        last_activity_at=max(shown, default=started),
        pinned=spec.get("pinned", False),
        closed=spec.get("closed", False),
    )
    return thread


class Clock:
    """The dates of a thread's messages: a few hours apart, never in the future."""

    def __init__(self, start, now):
        self.current, self.now, self.turn = start, now, 0

    def tick(self):
        step = STEPS_HOURS[self.turn % len(STEPS_HOURS)]
        self.turn += 1
        self.current = min(
            self.current + datetime.timedelta(hours=step, minutes=7 * self.turn),
            self.now - datetime.timedelta(minutes=5),
        )
        return self.current


def post(thread, item, parent, citizens, clock, posted):
    """Post ``item`` (and its replies, depth first: the order they are shown in)."""
    comment = posting.post_comment(
        thread=thread,
        author=citizens[item["author"]],
        text=item["text"],
        parent=parent,
        notify=False,
    )
    comment.submit_date = clock.tick()
    Comment.objects.filter(pk=comment.pk).update(submit_date=comment.submit_date)
    posted.append((comment, item))
    for reply in item.get("replies", []):
        post(thread, reply, comment, citizens, clock, posted)


def apply_state(comment, item, citizens):
    """Likes, and what happened to the comment after it was posted."""
    later = comment.submit_date + datetime.timedelta(hours=1)
    CommentFlag.objects.bulk_create(
        [
            CommentFlag(user=citizens[name], comment=comment, flag=LIKEDIT_FLAG, flag_date=later)
            for name in item.get("likes", [])
        ]
    )
    if item.get("hidden"):
        # What a porteur's "hide" leaves (see forums.moderation), set directly for the demo.
        Comment.objects.filter(pk=comment.pk).update(
            status=Comment.Status.HIDDEN,
            hidden_reason=item["hidden"],
            moderated_by=citizens[item["hidden_by"]],
            hidden_by_role=Comment.HiddenBy.PORTEUR,
        )
    if item.get("deleted"):
        Comment.objects.filter(pk=comment.pk).update(deleted_at=later)
    if item.get("held"):
        Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.HELD)
    reporters = item.get("reported_by", [])
    Report.objects.bulk_create(
        [
            Report(
                content_type=ContentType.objects.get_for_model(Comment),
                object_id=comment.pk,
                reporter=citizens[name],
                reason=Report.Reason.OFFENSIVE,
            )
            for name in reporters
        ]
    )
    if len(reporters) >= settings.FORUM_FLAGS_TO_HIDE:
        Comment.objects.filter(pk=comment.pk).update(
            status=Comment.Status.FLAGGED, hidden_by_role=Comment.HiddenBy.AUTOMATIC
        )
