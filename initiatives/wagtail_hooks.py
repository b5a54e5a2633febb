"""Admin registration of initiatives: the "Initiatives" listing for editors and moderators."""

import rules
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import WorkflowState

from accounts.rules import is_moderator
from cms_pages.extension_points import (
    CACHE_KEYS,
    DEMO_CONTENT,
    FEEDS,
    MODERATION_QUEUES,
    PAGE_PANELS,
    PERSONAL_DATA,
    REPORTABLE,
    THREAD_OWNERS,
    UNLISTED_PAGES,
)
from moderation.queues import ModerationQueue

from . import demo, feeds, forum_access, page_cache, panels, personal_data
from .admin_views import (
    IN_MODERATION,
    WITHOUT_PORTEUR,
    InitiativeListingViewSet,
    _pages_in_workflow,
)
from .models import InitiativePage, PorteurVacancy
from .views.membership import InitiativeReportable


@hooks.register("register_admin_viewset")
def register_initiative_listing():
    return InitiativeListingViewSet("initiative_pages")


hooks.register(CACHE_KEYS, page_cache.cache_keys)


@hooks.register(DEMO_CONTENT, order=200)
def load_demo_initiatives(stdout):
    """Initiatives on the planisphère, inspired by the demo révoltes and rêves."""
    outcome = demo.load_demo_initiatives()
    stdout.write(
        _("Demo initiatives: %(created)d created, %(existing)d already there.")
        % {"created": len(outcome.created), "existing": len(outcome.existing)}
    )


@hooks.register(PAGE_PANELS)
def register_initiative_panels(slot, page, request):
    """The initiatives of a territory, an enjeu or a contribution (lineage), the header's and
    the profile's links (``initiatives.panels``)."""
    return panels.page_panels(slot, page, request)


@hooks.register(UNLISTED_PAGES)
def register_initiatives_without_porteur():
    """Those waiting for a new porteur leave the sitemap and the API's listing, as they leave
    the initiatives' own lists (``initiatives.public``); their page stays readable."""
    return PorteurVacancy.objects.values("initiative_id")


@hooks.register(FEEDS)
def register_initiative_feed():
    return [feeds.InitiativeFeed]


@hooks.register(THREAD_OWNERS)
def register_initiative_forum():
    """Initiatives have a forum (members-only threads, porteurs moderating): a plain dict read
    by the ``forums`` plugin (``initiatives.forum_access``)."""
    return forum_access.thread_owner()


@hooks.register(REPORTABLE)
def register_initiative_reports():
    return InitiativeReportable()


@hooks.register(PERSONAL_DATA)
def register_initiative_personal_data():
    """A citizen's places in initiatives, the initiatives they created, the versions they
    saved."""
    return personal_data.part()


@hooks.register(MODERATION_QUEUES)
def register_initiative_queue():
    """Initiatives waiting for the Modérateurs' validation (the workflow in progress)."""
    return ModerationQueue(
        key="initiatives",
        label=_("Initiatives awaiting validation"),
        count=lambda user: InitiativePage.objects.filter(
            pk__in=_pages_in_workflow([WorkflowState.STATUS_IN_PROGRESS])
        ).count(),
        url=lambda: f"{reverse('initiative_pages:index')}?workflow={IN_MODERATION}",
        shown_to=(is_moderator | rules.is_superuser).test,
        order=40,
    )


@hooks.register(MODERATION_QUEUES)
def register_initiatives_without_porteur_queue():
    """Initiatives whose last porteur deleted their account: off the public lists until a
    moderator names a new porteur on their members' page."""
    return ModerationQueue(
        key="initiatives_without_porteur",
        label=_("Initiatives without a porteur"),
        count=lambda user: PorteurVacancy.objects.count(),
        url=lambda: f"{reverse('initiative_pages:index')}?porteur={WITHOUT_PORTEUR}",
        shown_to=(is_moderator | rules.is_superuser).test,
        order=45,
    )
