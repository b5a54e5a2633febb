"""What the forums show in other pages: the latest discussions of an enjeu and of an
initiative, the citizen's latest messages on their profile, and the forums' styles."""

from cms_pages.panels import PagePanel
from forums.visibility import public_comments

# The profile shows this many of the citizen's latest comments (public threads only).
RECENT_COMMENTS = 10


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


class InitiativeThreadsPanel(PagePanel):
    """The latest discussions of an initiative that the viewer may read (one query, two when
    the viewer's memberships are not read yet)."""

    template_name = "forums/panels/initiative_threads.html"
    order = 100
    query_budget = 2


class ProfileCommentsPanel(PagePanel):
    """The citizen's latest messages in public discussions (one query)."""

    template_name = "forums/panels/profile_comments.html"
    order = 200
    query_budget = 1

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["recent_comments"] = recent_comments(self.request.user)
        return context


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


PANELS = {
    "header": [HeaderPanel],
    "enjeu": [EnjeuThreadsPanel],
    "initiative": [InitiativeThreadsPanel],
    "profile": [ProfileCommentsPanel],
}


def page_panels(slot, page, request):
    return [panel(slot, page, request) for panel in PANELS.get(slot, ())]
