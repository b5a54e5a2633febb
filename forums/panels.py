"""What the forums show in other pages: the latest discussions of an enjeu and of an
initiative, the citizen's latest messages on their profile, and the forums' styles."""

from django.db.models import Q

from cms_pages.panels import PagePanel
from forums.models import Thread
from forums.page_cache import forum_key
from forums.visibility import public_comments, public_pages, readable_threads

# The profile shows this many of the citizen's latest comments (public threads only).
RECENT_COMMENTS = 10
# The profile lists this many of the threads the citizen follows, most active first.
FOLLOWED_THREADS = 20


class HeaderPanel(PagePanel):
    """Nothing to show in the header: brings the forums' styles to every page."""

    order = 300

    class Media:
        css = {"all": ["forums/forums.css"]}


class EnjeuThreadsPanel(PagePanel):
    """The latest discussions of an enjeu (one query)."""

    template_name = "forums/panels/enjeu_threads.html"
    order = 300
    query_budget = 1

    def cache_keys(self):
        return (forum_key(self.page.pk),)


class InitiativeThreadsPanel(PagePanel):
    """The latest discussions of an initiative that the viewer may read (one query, two when
    the viewer's memberships are not read yet)."""

    template_name = "forums/panels/initiative_threads.html"
    order = 100
    query_budget = 2

    def cache_keys(self):
        return (forum_key(self.page.pk),)


class ProfileCommentsPanel(PagePanel):
    """The citizen's latest messages in public discussions (one query)."""

    template_name = "forums/panels/profile_comments.html"
    order = 200
    query_budget = 1

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["recent_comments"] = recent_comments(self.request.user)
        return context


class ProfileFollowedThreadsPanel(PagePanel):
    """The discussions the citizen follows and may still read, most active first (one query;
    the members-only condition reads the memberships inside it)."""

    template_name = "forums/panels/profile_followed_threads.html"
    order = 210
    query_budget = 2

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["followed_threads"] = followed_threads(self.request.user)
        return context


def followed_threads(user):
    """The threads ``user`` follows, in a published page they may read, with their page."""
    in_shown_page = Q(pk__in=[])
    for pages in public_pages():
        in_shown_page |= Q(page__in=pages)
    followed = Thread.objects.filter(in_shown_page, follows__user=user)
    return list(
        readable_threads(user, followed)
        .select_related("page")
        .order_by("-last_activity_at", "-pk")[:FOLLOWED_THREADS]
    )


def recent_comments(user):
    """The citizen's latest comments that everyone can read, with their thread and its page
    (for the thread's URL), in one query."""
    return list(
        public_comments()
        .filter(user=user)
        .select_related("forum_thread", "forum_thread__page")
        .only(
            "pk",
            "body_html",
            "submit_date",
            "forum_thread__id",
            "forum_thread__title",
            "forum_thread__slug",
            "forum_thread__page__id",
            "forum_thread__page__slug",
            "forum_thread__page__content_type_id",
        )
        .order_by("-submit_date", "-pk")[:RECENT_COMMENTS]
    )


class PrivacyPanel(PagePanel):
    """What the forums keep about people, in the privacy notice. No query."""

    template_name = "forums/panels/privacy.html"
    order = 300


PANELS = {
    "header": [HeaderPanel],
    "enjeu": [EnjeuThreadsPanel],
    "initiative": [InitiativeThreadsPanel],
    "profile": [ProfileCommentsPanel, ProfileFollowedThreadsPanel],
    "privacy": [PrivacyPanel],
}


def page_panels(slot, page, request):
    return [panel(slot, page, request) for panel in PANELS.get(slot, ())]
