"""The moderators' queues, summed up on the admin dashboard.

Each queue (the core's open reports, and whatever the plugins register through
``cms_pages.extension_points.MODERATION_QUEUES``) says what it is, how many items wait for
the user and where to handle them; :class:`ModerationSummaryPanel` lists them on the Wagtail
dashboard for whoever sees at least one.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from cms_pages.extension_points import MODERATION_QUEUES


@dataclass(frozen=True)
class ModerationQueue:
    """One queue: ``label`` (lazy translation, plural: "Pending contributions"), ``count(user)``
    (items waiting, one bounded query), ``url`` (a string, or a callable returning it, so
    URLs are reversed when the panel is built), ``shown_to(user)`` and ``order``."""

    key: str
    label: str
    count: Callable
    url: object
    shown_to: Callable
    order: int = 100

    def get_url(self):
        return self.url() if callable(self.url) else self.url


def queues_for(user):
    """The queues shown to ``user``, in order (read on every call: temporary hooks work)."""
    found = []
    for register in hooks.get_hooks(MODERATION_QUEUES):
        queue = register()
        if queue is not None and queue.shown_to(user):
            found.append(queue)
    return sorted(found, key=lambda q: (q.order, q.key))


def summary(user):
    """``[{key, label, count, url}]`` of every queue shown to ``user``."""
    return [
        {"key": q.key, "label": q.label, "count": q.count(user), "url": q.get_url()}
        for q in queues_for(user)
    ]


class ModerationSummaryPanel(Component):
    """The dashboard panel: every queue with its count and a link."""

    name = "moderation_summary"
    template_name = "moderation/admin/summary_panel.html"
    # Above Wagtail's own panels (its workflow panel comes at 100 and more).
    order = 60

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {"rows": self.rows, "total": sum(row["count"] for row in self.rows)}


def reports_url():
    return reverse("wagtailsnippets_moderation_report:list") + "?status=open"
