"""Admin registration for the forums: the moderators' queue of comments (menu item and URLs)
and the labels of the forum moderation audit log."""

from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from cms_pages.extension_points import (
    CACHE_KEYS,
    DEMO_CONTENT,
    FEEDS,
    MODERATION_QUEUES,
    PAGE_PANELS,
    PERSONAL_DATA,
    REPORTABLE,
    SITEMAP_ITEMS,
)
from moderation.queues import ModerationQueue

from . import admin_views, demo, feeds, moderation, page_cache, panels, personal_data
from .rules import is_forum_moderator
from .views.moderation import CommentReportable


class ModeratorMenuItem(MenuItem):
    """Shown to moderators only."""

    def is_shown(self, request):
        return is_forum_moderator(request.user)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("forums/moderation/", admin_views.queue_view, name="forums_moderation_queue"),
        path(
            "forums/moderation/<int:comment_id>/",
            admin_views.decide_view,
            name="forums_moderation_decide",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModeratorMenuItem(
        _("Forum moderation"),
        reverse("forums_moderation_queue"),
        name="forum-moderation",
        icon_name="comment",
        order=270,
    )


class ReasonFormatter(LogFormatter):
    """Shows the moderator's reason as the entry's comment."""

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


@hooks.register("register_log_actions")
def register_forum_log_actions(actions):
    actions.register_action(moderation.HIDE)(
        type(
            "HideCommentFormatter",
            (ReasonFormatter,),
            {"label": _("Hide comment"), "message": _("Comment hidden")},
        )
    )
    for action, label, message in [
        (moderation.RESTORE, _("Restore comment"), _("Comment published")),
        (moderation.FLAG, _("Flag comment"), _("Comment hidden pending review after reports")),
        (moderation.CLOSE, _("Close thread"), _("Thread closed")),
        (moderation.REOPEN, _("Reopen thread"), _("Thread reopened")),
        (moderation.PIN, _("Pin thread"), _("Thread pinned")),
        (moderation.UNPIN, _("Unpin thread"), _("Thread unpinned")),
        (moderation.MEMBERS_ONLY, _("Keep thread to members"), _("Thread kept to members")),
        (moderation.PUBLIC, _("Open thread to everyone"), _("Thread opened to everyone")),
        (moderation.PUBLISH_THREAD, _("Publish thread"), _("Held thread published")),
    ]:
        actions.register_action(action, label, message)


hooks.register(CACHE_KEYS, page_cache.cache_keys)


@hooks.register(DEMO_CONTENT, order=300)
def load_demo_forums(stdout):
    """Discussions in the enjeux' and the initiatives' forums."""
    outcome = demo.load_demo_forums()
    stdout.write(
        _("Demo discussions: %(created)d threads created, %(existing)d already there.")
        % {"created": len(outcome.created), "existing": len(outcome.existing)}
    )


@hooks.register(PAGE_PANELS)
def register_forum_panels(slot, page, request):
    """The latest discussions of an enjeu or an initiative, the citizen's latest messages on
    their profile, the forums' styles in the header (``forums.panels``)."""
    return panels.page_panels(slot, page, request)


@hooks.register(REPORTABLE)
def register_comment_reports():
    """Comments: three distinct members hide one pending review (``FORUM_FLAGS_TO_HIDE``)."""
    return CommentReportable()


@hooks.register(PERSONAL_DATA)
def register_forum_personal_data():
    """A citizen's threads, comments, follows and comment flags."""
    return personal_data.part()


@hooks.register(SITEMAP_ITEMS)
def register_thread_sitemap():
    return {"discussions": feeds.ThreadSitemap}


@hooks.register(FEEDS)
def register_thread_feed():
    return [feeds.ThreadFeed]


@hooks.register(MODERATION_QUEUES)
def register_comment_queue():
    """Comments to review: hidden after reports, held, or published with open reports."""
    return ModerationQueue(
        key="comments",
        label=_("Comments to review"),
        count=lambda user: admin_views.queue().count(),
        url=reverse_lazy("forums_moderation_queue"),
        shown_to=is_forum_moderator,
        order=30,
    )
