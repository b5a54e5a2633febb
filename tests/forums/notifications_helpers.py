"""Helpers of the notification tests: followers with a preference, the e-mails they got, a mail
transport that is down, and the XSS corpus."""

from html.parser import HTMLParser

from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from forums import notifications, posting
from forums.forms import CommentForm
from outbox.models import OutgoingEmail

from .core_helpers import old_account

# What a citizen might type in a title or a message to attack a reader's mail client.
XSS_TITLE = '<script>alert("titre")</script> <img src=x onerror=alert(1)> Bus'
XSS_MESSAGES = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    '<a href="javascript:alert(2)">clic</a>',
    '<img src="x" onerror="alert(3)">',
    "![image](javascript:alert(4))",
    '<iframe src="https://evil.example"></iframe>',
    "<b onmouseover=alert(5)>gras</b>",
    "[lien](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
]
# Elements that must never come out of a message as markup (the layout has none of them).
FORBIDDEN_TAGS = {"script", "img", "iframe", "object", "embed", "svg", "style", "form", "input"}


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)


def live_markup_problems(html):
    """What in ``html`` could run or load something: forbidden elements, event handlers,
    links or sources that are not web, mail or page-anchor addresses."""
    parser = _Markup()
    parser.feed(html)
    problems = [f"<{tag}>" for tag in parser.tags if tag in FORBIDDEN_TAGS]
    for tag, name, value in parser.attributes:
        if name.startswith("on"):
            problems.append(f"<{tag} {name}>")
        if name in ("href", "src", "action", "formaction") and not value.startswith(
            ("http://", "https://", "mailto:", "#")
        ):
            problems.append(f"<{tag} {name}={value!r}>")
    return problems


def follower(thread, preference="each", **fields):
    """An old account that follows ``thread`` and chose ``preference`` (each / daily)."""
    user = old_account(discussion_emails=preference, **fields)
    posting.follow(thread, user)
    return user


def emails_to(user):
    """The e-mails stored in the outbox for ``user`` (oldest first)."""
    return [e for e in OutgoingEmail.objects.order_by("pk") if user.email in e.to]


def last_email_to(user):
    emails = emails_to(user)
    assert emails, f"no e-mail to {user.email}"
    return emails[-1]


class DeadServerBackend(BaseEmailBackend):
    """A mail transport whose server is down: every delivery raises."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("[Errno 111] Connection refused (test)")


DEAD_SERVER = "tests.forums.notifications_helpers.DeadServerBackend"


def follow_url(thread):
    return reverse("forums:thread-follow", args=[thread.pk])


def unsubscribe_path(user, thread_ids):
    token = notifications.unsubscribe_token(user, thread_ids)
    return reverse("forums:unsubscribe", kwargs={"token": token})


def comment_data(thread, text):
    """What the thread page's comment form sends (signed over the thread)."""
    form = CommentForm(thread)
    data = {name: str(value) for name, value in form.generate_security_data().items()}
    data.update({"comment": text, "honeypot": "", "reply_to": ""})
    return data


def post_through_the_page(client, thread, text):
    return client.post(reverse("forums:comment-post", args=[thread.pk]), comment_data(thread, text))
