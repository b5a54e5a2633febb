"""The search's hooks: its state on the admin dashboard, for the staff who would notice it is
wrong (which engine answers, Elasticsearch's last failure, the updates waiting for the
catch-up), and the rebuild of the index that ends ``load_demo_content``."""

from dataclasses import dataclass

import rules
from django.conf import settings
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from accounts.rules import is_editor, is_moderator
from cms_pages.extension_points import DEMO_CONTENT, PAGE_PANELS

from . import panels
from .engines.elasticsearch import OPERATIONS, last_failure
from .models import PendingIndexUpdate
from .rebuild import rebuild_index

sees_search_status = rules.is_superuser | is_moderator | is_editor


@dataclass
class SearchStatus:
    engine: str
    failure: dict | None  # {"at", "operation", "error"}, see search.engines.elasticsearch
    waiting: int

    @property
    def worth_showing(self):
        """Always on Elasticsearch; on the database, only when something is left over."""
        return self.engine == "elasticsearch" or bool(self.failure) or self.waiting > 0

    @property
    def operation(self):
        return OPERATIONS.get(self.failure["operation"], self.failure["operation"])


def search_status():
    return SearchStatus(
        engine=settings.SEARCH_ENGINE,
        failure=last_failure(),
        waiting=PendingIndexUpdate.objects.count(),
    )


class SearchStatusPanel(Component):
    name = "search_status"
    template_name = "search/admin/status_panel.html"
    # Above Wagtail's own panels: a failing search concerns every visitor.
    order = 50

    def __init__(self, status):
        self.status = status

    def get_context_data(self, parent_context):
        return {"status": self.status}


@hooks.register("construct_homepage_panels")
def add_search_status_panel(request, panels):
    if not sees_search_status(request.user):
        return
    status = search_status()
    if status.worth_showing:
        panels.append(SearchStatusPanel(status))


@hooks.register(PAGE_PANELS)
def register_search_panels(slot, page, request):
    """The search box in the header of every page and the search's section of the privacy
    notice (``search.panels``)."""
    return panels.page_panels(slot, page, request)


@hooks.register(DEMO_CONTENT, order=900)
def index_demo_content(stdout):
    """The search documents of all the demo content, at once, after every other loader: the
    sync that follows each change runs after commit, which a caller's enclosing transaction
    (the tests' fixtures) delays."""
    outcome = rebuild_index()
    stdout.write(_("Search: %(outcome)s") % {"outcome": outcome})
