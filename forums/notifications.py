"""E-mails to the followers of a thread: one e-mail per new comment, or a daily digest.

``comment_published`` runs inside the transaction that publishes a comment (``forums.posting``)
and queues ``tell_followers`` there:
each follower who can still read the thread, except the comment's author, gets an e-mail at once
or a ``DigestEntry`` for the next daily digest, as chosen on their profile
(``User.discussion_emails``). E-mails go through the project's outbox: they are stored with the
comment and leave after commit, so a mail server that is down never loses nor blocks a comment.

``send_digests`` (the ``send_discussion_digest`` command, run daily by cron) sends each citizen
one e-mail with their pending entries whose comments are still shown, grouped by thread, and
marks them sent in the same transaction as the stored e-mail (a second run sends nothing).

Every e-mail carries an unsubscribe link (a signed token naming the user and the threads) and a
``List-Unsubscribe`` header with one-click support (RFC 8058). Like the project's other e-mails,
they are written in the site's language, built from
``WAGTAILADMIN_BASE_URL``, link to public pages only, and show the message as sanitised HTML
(``Comment.body_html``) with everything else escaped, plus a plain-text part."""

import logging
import re
from html.parser import HTMLParser

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.rules import MODERATORS

from .models import Comment, DigestEntry, ThreadFollow
from .owners import allows_members_only, owner_of

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "forums.notifications.unsubscribe"
# A digest shows at most this many comments of one thread, then a link to the thread.
DIGEST_COMMENTS_PER_THREAD = 10
# Every active account may read the thread (as opposed to a set of user ids).
EVERYONE = "everyone"


# -- who may read a thread ---------------------------------------------------------------------


def audience(thread):
    """Who may read ``thread`` now: ``EVERYONE`` (every active account), or a frozenset of user
    ids. A thread is read by everyone while its page is public (its owner says, see
    ``forums.owners``) and the thread is not members-only. Otherwise: for a members-only thread,
    the page's members and the moderators; for a page not public, those its owner names as its
    ``private_readers`` and the moderators (an initiative's members and the editors), or nobody
    when the owner names none (an unpublished enjeu). See ``forums.view_thread``."""
    owner = owner_of(thread.page)
    if owner is None:
        return frozenset()
    published = owner["public"](owner["model"].objects.filter(pk=thread.page_id)).exists()
    if published and not thread.members_only:
        return EVERYONE
    if thread.members_only:
        readers = owner["members"](thread.forum_page) if allows_members_only(owner) else []
    elif "private_readers" in owner:
        readers = owner["private_readers"](thread.forum_page)
    else:
        return frozenset()
    staff = (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(groups__name=MODERATORS))
        .values_list("pk", flat=True)
    )
    return frozenset(readers) | frozenset(staff)


def may_read(user_id, readers):
    return readers == EVERYONE or user_id in readers


# -- links and tokens --------------------------------------------------------------------------


def absolute_url(path):
    """``path`` on the public site."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def comment_url(comment):
    return absolute_url(comment.forum_thread.get_absolute_url() + f"#c{comment.pk}")


def unsubscribe_token(user, thread_ids):
    """A signed token that stops ``user`` following the threads ``thread_ids``: whoever holds
    the e-mail may unsubscribe, signed in or not (and nothing else)."""
    payload = {"u": user.pk, "t": sorted(set(thread_ids))}
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(payload)


def read_unsubscribe_token(token):
    """``(user_id, [thread ids])`` from a token; ``signing.BadSignature`` if it was not made
    here or was altered."""
    data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    user_id, thread_ids = (data.get("u"), data.get("t")) if isinstance(data, dict) else (None, None)
    if (
        not isinstance(user_id, int)
        or not isinstance(thread_ids, list)
        or not thread_ids
        or not all(isinstance(pk, int) for pk in thread_ids)
    ):
        raise signing.BadSignature("Unexpected unsubscribe token content")
    return user_id, thread_ids


def unsubscribe_url(user, thread_ids):
    return absolute_url(
        reverse("forums:unsubscribe", kwargs={"token": unsubscribe_token(user, thread_ids)})
    )


def unfollow(user_id, thread_ids):
    """Stop ``user_id`` following ``thread_ids`` and drop their pending digest entries there.
    Returns the number of follows removed."""
    removed, _details = ThreadFollow.objects.filter(
        user_id=user_id, thread_id__in=thread_ids
    ).delete()
    DigestEntry.objects.filter(
        user_id=user_id, sent_at__isnull=True, comment__forum_thread_id__in=thread_ids
    ).delete()
    return removed


# -- plain text of a message -------------------------------------------------------------------


class _TextOfHtml(HTMLParser):
    """The text of a sanitised message (``formatting.ALLOWED_TAGS``) for a text/plain part:
    paragraphs apart, list items on their own lines, quotes behind "> ", a link's address
    after its text. Whitespace in the HTML source collapses as a browser would."""

    BLOCKS = {"p", "ul", "ol", "blockquote"}
    QUOTE = "\ue000"  # marks a quoted line until the lines are put together

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.href = None
        self.link_text = []
        self.depth = 0

    def newline(self, count=1):
        self.parts.append(("\n" + self.QUOTE * self.depth) * count)

    def handle_starttag(self, tag, attrs):
        if tag == "blockquote":
            self.depth += 1
        if tag in self.BLOCKS:
            self.newline(2)
        elif tag == "br":
            self.newline()
        elif tag == "li":
            self.newline()
            self.parts.append("- ")
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""
            self.link_text = []

    def handle_endtag(self, tag):
        if tag == "a" and self.href is not None:
            text = "".join(self.link_text).strip()
            if self.href and self.href not in (text, f"http://{text}", f"mailto:{text}"):
                self.parts.append(f" ({self.href})")
            self.href = None
        elif tag in self.BLOCKS:
            if tag == "blockquote":
                self.depth -= 1
            self.newline(2)

    def handle_data(self, data):
        data = re.sub(r"\s+", " ", data)
        if self.href is not None:
            self.link_text.append(data)
        self.parts.append(data)

    def text(self):
        lines, blank = [], False
        for raw in "".join(self.parts).split("\n"):
            depth = len(raw) - len(raw.lstrip(self.QUOTE))
            line = raw.lstrip(self.QUOTE).strip()
            if not line:
                blank = bool(lines)
                continue
            if blank:
                lines.append("")
            lines.append("> " * depth + line)
            blank = False
        return "\n".join(lines)


def plain_text(html):
    """The text of ``html`` (a message's sanitised HTML), as a reader would see it."""
    parser = _TextOfHtml()
    parser.feed(html or "")
    parser.close()
    return parser.text()


# -- building and sending ----------------------------------------------------------------------


def one_line(text):
    """A title fit for a mail header (no line breaks)."""
    return " ".join(str(text).splitlines())


def author_name(comment):
    return str(comment.user.public_name) if comment.user_id else comment.user_name


def _send(user, subject, template, context, thread_ids):
    """Render ``template`` (.txt and .html) for ``user`` and send it through the outbox."""
    link = unsubscribe_url(user, thread_ids)
    context = {
        **context,
        "name": str(user.public_name),
        "unsubscribe_url": link,
        "profile_url": absolute_url(reverse("accounts:profile")),
        "site_url": absolute_url("/"),
    }
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + one_line(subject),
        body=render_to_string(f"forums/email/{template}.txt", context).strip() + "\n",
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(
        render_to_string(f"forums/email/{template}.html", context), "text/html"
    )
    message.send()


def comment_context(comment):
    return {
        "comment": comment,
        "author": author_name(comment),
        "text": plain_text(comment.body_html),
        "url": comment_url(comment),
    }


def send_comment_email(user, comment):
    thread = comment.forum_thread
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New reply in “%(title)s”") % {"title": one_line(thread.title)}
        item = comment_context(comment)
        context = {
            "item": item,
            "author": item["author"],
            "thread": thread,
            "thread_url": absolute_url(thread.get_absolute_url()),
            "forum_title": thread.forum_page.title,
        }
        _send(user, subject, "new_comment", context, [thread.pk])


def followers_to_tell(comment):
    """The follows of ``comment``'s thread whose user is told about it: active accounts with
    an e-mail address that may read the thread, except the author."""
    readers = audience(comment.forum_thread)
    follows = (
        ThreadFollow.objects.filter(thread_id=comment.forum_thread_id, user__is_active=True)
        .exclude(user_id=comment.user_id)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    if readers != EVERYONE:
        follows = follows.filter(user_id__in=readers)
    return [follow.user for follow in follows]


def comment_published(comment):
    """Tell the thread's followers (except the author) about ``comment``: an e-mail, or a
    digest entry, following each follower's preference.

    Called inside the transaction that stores the comment, it queues :func:`tell_followers`
    in that transaction: with the database queue (production) the request stores one row and
    a worker writes the e-mails, so a thread of a hundred followers no longer holds the
    request (a fan-out of ~3 ms per follower); the row commits or rolls back with the comment,
    so nobody is told of a comment that was not stored, and no comment goes untold. The
    immediate backend (development, tests) runs it at once, in the same transaction."""
    tell_followers.enqueue(comment.pk)


@task()
def tell_followers(comment_id):
    """The e-mails and digest entries for comment ``comment_id``, if it is still shown (it may
    have been hidden since it was queued): ``(e-mails, digest entries)``. A failure is logged
    and never undoes the comment: the work runs in a savepoint rolled back on its own."""
    comment = Comment.objects.select_related("forum_thread", "user").filter(pk=comment_id).first()
    if comment is None:
        return (0, 0)
    try:
        with transaction.atomic():
            return _comment_published(comment)
    except Exception:
        logger.exception(
            "Followers of thread %s not told about comment %s", comment.forum_thread_id, comment.pk
        )
        return (0, 0)


def _comment_published(comment):
    if not comment.is_visible:
        return (0, 0)
    daily = get_user_model().DiscussionEmails.DAILY
    emails, entries = 0, []
    for user in followers_to_tell(comment):
        if user.discussion_emails == daily:
            entries.append(DigestEntry(user=user, comment_id=comment.pk))
        else:
            send_comment_email(user, comment)
            emails += 1
    DigestEntry.objects.bulk_create(entries, ignore_conflicts=True)
    return (emails, len(entries))


# -- daily digest ------------------------------------------------------------------------------


def send_digests(now=None):
    """One digest e-mail per citizen with pending entries. Returns ``(e-mails sent, entries
    dropped)``; each citizen's digest is stored and marked sent in its own transaction."""
    now = now or timezone.now()
    user_ids = (
        DigestEntry.objects.filter(sent_at__isnull=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    readers = {}  # thread id -> audience, shared by every citizen of this run
    sent = dropped = 0
    for user_id in list(user_ids):
        with transaction.atomic():
            mailed, gone = send_digest(user_id, now, readers)
        sent += mailed
        dropped += gone
    return sent, dropped


def send_digest(user_id, now, readers=None):
    """The digest of one citizen, inside the caller's transaction: their pending entries are
    locked (a parallel run waits, then finds them sent). Entries of comments no longer shown,
    of threads they no longer follow or may no longer read, are dropped. Returns
    ``(1 if an e-mail was sent else 0, entries dropped)``."""
    readers = {} if readers is None else readers
    locked = list(
        DigestEntry.objects.select_for_update()
        .filter(user_id=user_id, sent_at__isnull=True)
        .values_list("pk", flat=True)
    )
    if not locked:
        return (0, 0)
    entries = list(
        DigestEntry.objects.filter(pk__in=locked)
        .select_related(
            "user",
            "comment__user",
            "comment__forum_thread__page",
        )
        .order_by("comment__submit_date", "comment_id")
    )
    user = entries[0].user
    followed = set(ThreadFollow.objects.filter(user_id=user_id).values_list("thread_id", flat=True))
    keep, drop = [], []
    for entry in entries:
        comment = entry.comment
        thread = comment.forum_thread
        if thread.pk not in readers:
            readers[thread.pk] = audience(thread)
        shown = (
            user.is_active
            and user.email
            and comment.is_visible
            and thread.pk in followed
            and may_read(user_id, readers[thread.pk])
        )
        (keep if shown else drop).append(entry)
    if drop:
        DigestEntry.objects.filter(pk__in=[e.pk for e in drop]).delete()
    if not keep:
        return (0, len(drop))
    send_digest_email(user, [entry.comment for entry in keep])
    DigestEntry.objects.filter(pk__in=[e.pk for e in keep]).update(sent_at=now)
    return (1, len(drop))


def send_digest_email(user, comments):
    """One e-mail with ``comments`` (oldest first) grouped by thread, threads in the order of
    their first new comment."""
    groups = {}
    for comment in comments:
        groups.setdefault(comment.forum_thread_id, []).append(comment)
    with translation.override(settings.LANGUAGE_CODE):
        threads = []
        for thread_comments in groups.values():
            thread = thread_comments[0].forum_thread
            shown = thread_comments[:DIGEST_COMMENTS_PER_THREAD]
            threads.append(
                {
                    "thread": thread,
                    "forum_title": thread.forum_page.title,
                    "url": absolute_url(thread.get_absolute_url()),
                    "comments": [comment_context(c) for c in shown],
                    "more": len(thread_comments) - len(shown),
                    "count": len(thread_comments),
                    "unsubscribe_url": unsubscribe_url(user, [thread.pk]),
                }
            )
        count = len(comments)
        subject = translation.ngettext(
            "%(count)s new reply in the discussions you follow",
            "%(count)s new replies in the discussions you follow",
            count,
        ) % {"count": count}
        _send(user, subject, "digest", {"threads": threads, "count": count}, list(groups))
