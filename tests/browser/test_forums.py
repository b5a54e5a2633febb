"""Forums in a browser: a member opens a thread, another citizen replies without a reload, the
first one gets the reply e-mail and follows its link, a moderator hides the reply with a reason;
axe finds no serious violation on a forum index and a thread."""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone

from cms_pages.models import EnjeuPage
from forums.models import Comment, Thread
from tests.browser.conftest import session_cookie
from tests.factories import UserFactory
from tests.initiatives.core_helpers import moderator

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


def sign_in(page, live_server, user):
    page.context.clear_cookies()
    page.context.add_cookies([session_cookie(live_server, user)])


def citizen(name):
    return UserFactory(display_name=name, date_joined=timezone.now() - timedelta(days=90))


def open_a_thread(page, enjeu):
    page.goto(f"/enjeux/{enjeu.slug}/discussions/")
    page.locator("a[href$='/discussions/nouvelle/']").first.click()
    page.locator("input[name=title]").fill("Un bus le dimanche vers Giromagny")
    page.locator("textarea[name=body]").fill("Qui serait partant pour le **demander** ensemble ?")
    page.locator("form[data-new-thread-form] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/discussions/\d+-un-bus-le-dimanche-vers-giromagny/$"))
    return Thread.objects.get(title="Un bus le dimanche vers Giromagny")


def test_a_reply_reaches_the_author_by_e_mail_and_a_moderator_hides_it(site, page, live_server):
    enjeu = EnjeuPage.objects.get(slug="mobilite")
    anna, bastien = citizen("Anna Ouvre"), citizen("Bastien Répond")

    sign_in(page, live_server, anna)
    thread = open_a_thread(page, enjeu)
    assert page.locator("[data-thread-body] strong").inner_text() == "demander"

    sign_in(page, live_server, bastien)
    page.goto(thread.get_absolute_url())
    page.locator("form[data-comment-form] textarea[name=comment]").fill("Moi aussi, le matin.")
    page.locator("form[data-comment-form] [data-comment-submit]").click()
    reply = page.locator("[data-comment]", has_text="Moi aussi, le matin.")
    reply.wait_for()
    posted = Comment.objects.get(forum_thread=thread)
    # Swapped in by htmx: the address never changed, there was no reload.
    assert page.url.endswith(thread.get_absolute_url())

    [email] = [m for m in mail.outbox if anna.email in m.to]
    link = re.search(r"https?://\S+#c\d+", email.body).group(0)
    assert link.endswith(f"#c{posted.pk}")

    sign_in(page, live_server, anna)
    page.goto(link.replace("http://testserver", live_server.url))
    page.locator(f"[data-comment='{posted.pk}']", has_text="Moi aussi").wait_for()

    sign_in(page, live_server, moderator())
    page.goto(thread.get_absolute_url())
    page.locator(f"#moderation-c{posted.pk} summary").click()
    hide = page.locator(f"form[data-hide-comment='{posted.pk}']")
    hide.locator("textarea[name=reason]").fill("Message hors sujet.")
    hide.locator("button[type=submit]").click()
    page.locator(f"#moderation-c{posted.pk}[data-moderation-state=hidden]").wait_for()
    posted.refresh_from_db()
    assert (posted.status, posted.hidden_reason) == ("hidden", "Message hors sujet.")

    page.context.clear_cookies()
    page.goto(thread.get_absolute_url())
    assert page.get_by_text("Moi aussi, le matin.").count() == 0


def test_a_reply_to_a_comment_opens_in_place_and_nests_under_it(site, page, live_server):
    thread = Thread.objects.filter(page__in=EnjeuPage.objects.values("pk"), closed=False).first()
    parent = Comment.objects.filter(forum_thread=thread, level=0, status="published").first()
    sign_in(page, live_server, citizen("Chloé Niche"))
    page.goto(thread.get_absolute_url())

    page.locator(f"[data-reply='{parent.pk}']").click()
    form = page.locator(f"form[data-reply-form='{parent.pk}']")
    form.locator("textarea[name=comment]").fill("Je réponds juste en dessous.")
    form.locator("[data-comment-submit]").click()
    # Swapped in among the parent's replies.
    page.locator(f"#replies-{parent.pk} [data-comment]", has_text="juste en dessous").wait_for()

    reply = Comment.objects.get(comment="Je réponds juste en dessous.")
    assert (reply.parent_id, reply.level) == (parent.pk, parent.level + 1)


@pytest.mark.parametrize("where", ["forum", "thread"])
def test_forum_pages_have_no_serious_accessibility_violation(site, page, live_server, where):
    thread = Thread.objects.filter(page__slug="mobilite").first()
    sign_in(page, live_server, citizen("Dora Lit"))
    page.goto("/enjeux/mobilite/discussions/" if where == "forum" else thread.get_absolute_url())

    results = Axe().run(page)

    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()


def test_the_reply_count_follows_a_comment_posted_without_a_reload(site, page, live_server):
    thread = Thread.objects.filter(members_only=False, closed=False, page__live=True).first()
    before = Comment.objects.published().filter(forum_thread=thread).count()
    sign_in(page, live_server, citizen("Chloé Compte"))
    page.goto(thread.get_absolute_url())
    heading = page.locator("#comments-title")
    assert heading.get_attribute("data-reply-count") == str(before)
    page.locator("form[data-comment-form] textarea[name=comment]").fill("Je compte aussi.")
    page.locator("form[data-comment-form] [data-comment-submit]").click()
    page.locator("[data-comment]", has_text="Je compte aussi.").wait_for()
    page.locator(f"#comments-title[data-reply-count='{before + 1}']").wait_for()
    assert heading.inner_text() == f"{before + 1} réponses"
    assert page.url.endswith(thread.get_absolute_url())
