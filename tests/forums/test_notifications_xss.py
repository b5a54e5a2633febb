"""The XSS corpus in e-mails: titles and messages with scripts, ``javascript:`` links and raw
HTML reach the HTML part escaped (or dropped by the sanitiser) and the text part as plain
text, never as markup."""

from io import StringIO

import pytest
from django.core.management import call_command

from .core_helpers import comment, enjeu_thread, old_account
from .core_helpers import world as make_world
from .notifications_helpers import (
    XSS_MESSAGES,
    XSS_TITLE,
    emails_to,
    follower,
    last_email_to,
    live_markup_problems,
)

pytestmark = pytest.mark.django_db


def build_world():
    return make_world()


def assert_no_live_markup(html):
    assert live_markup_problems(html) == []


@pytest.mark.parametrize("text", XSS_MESSAGES)
def test_a_hostile_message_is_inert_in_the_html_part(world, text):
    thread = enjeu_thread(world.enjeu, world.citizen)
    comment(thread, old_account(), text)
    assert_no_live_markup(last_email_to(world.citizen).html_body)


def test_a_hostile_title_is_escaped_in_the_html_part(world):
    thread = enjeu_thread(world.enjeu, world.citizen, title=XSS_TITLE)
    comment(thread, old_account())
    html = last_email_to(world.citizen).html_body
    assert_no_live_markup(html)
    assert "&lt;script&gt;alert(&quot;titre&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_hostile_author_name_is_escaped_in_the_html_part(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    comment(thread, old_account(display_name="<img src=x onerror=alert(1)>"))
    html = last_email_to(world.citizen).html_body
    assert_no_live_markup(html)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_raw_html_in_a_message_shows_as_text_in_both_parts(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    comment(thread, old_account(), "<b>gras</b> et <script>alert(1)</script>")
    email = last_email_to(world.citizen)
    assert "&lt;b&gt;gras&lt;/b&gt;" in email.html_body
    # text/plain is never read as markup: the reader sees what was typed
    assert "<b>gras</b> et <script>alert(1)</script>" in email.body


def test_a_javascript_link_never_becomes_a_link_in_either_part(world):
    thread = enjeu_thread(world.enjeu, world.citizen)
    comment(thread, old_account(), "[x](javascript:alert(1)) et [y](https://ok.example)")
    email = last_email_to(world.citizen)
    assert 'href="javascript' not in email.html_body
    assert "(javascript:alert(1))" not in email.body.replace("[x](javascript:alert(1))", "")
    assert "y (https://ok.example)" in email.body
    assert 'rel="nofollow ugc noopener"' in email.html_body


def test_a_title_with_line_breaks_cannot_inject_mail_headers(world):
    thread = enjeu_thread(
        world.enjeu, world.citizen, title="Bus\r\nBcc: victime@example.org\nX-Injected: oui"
    )
    comment(thread, old_account())
    subject = last_email_to(world.citizen).subject
    assert "\n" not in subject and "\r" not in subject


def test_hostile_content_in_the_digest_is_inert(world):
    thread = enjeu_thread(world.enjeu, old_account(), title=XSS_TITLE)
    reader = follower(thread, "daily")
    for text in XSS_MESSAGES:
        comment(thread, old_account(), text)
    call_command("send_discussion_digest", stdout=StringIO())
    [digest] = emails_to(reader)
    assert_no_live_markup(digest.html_body)
    assert "&lt;script&gt;" in digest.html_body


def test_the_markup_check_itself_catches_live_markup():
    assert live_markup_problems('<img src="x" onerror="alert(1)">')
    assert live_markup_problems('<a href="javascript:alert(1)">x</a>')
    assert live_markup_problems("<script>alert(1)</script>")
    assert live_markup_problems("&lt;script&gt;alert(1)&lt;/script&gt;") == []
