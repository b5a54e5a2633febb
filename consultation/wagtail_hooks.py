"""Admin registration for révoltes and rêves: the "Révoltes et rêves" menu (contributions),
the moderation bulk actions and the labels of the moderation audit log; contributions as a
reportable (``moderation.registry``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

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
from consultation import (
    admin_import,  # noqa: F401  (registers the import view's hooks)
    demo,
    feeds,
    moderation,
    page_cache,
    panels,
    personal_data,
)
from consultation.admin_bulk_actions import BULK_ACTIONS
from consultation.admin_views import ConsultationAdminGroup, pending_contributions_queue
from consultation.models import Contribution
from consultation.views.contribute import ContributionReportable
from moderation.admin_views import NoCreationPolicy

# Before the viewsets: Wagtail refuses a policy registered after its fallback was created.
register_permission_policy(Contribution, NoCreationPolicy(Contribution))

register_snippet(ConsultationAdminGroup)

for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


class ReasonFormatter(LogFormatter):
    """Shows the moderator's reason as the entry's comment."""

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    for action, label, message in [
        (moderation.PUBLISH, _("Publish contribution"), _("Contribution published")),
        (moderation.HIDE, _("Hide contribution"), _("Contribution hidden")),
        (moderation.REJECT, _("Reject contribution"), _("Contribution rejected")),
    ]:
        actions.register_action(action)(
            type("Formatter", (ReasonFormatter,), {"label": label, "message": message})
        )

    @actions.register_action(moderation.LINK_ENJEU)
    class LinkEnjeuFormatter(LogFormatter):
        label = _("Link contribution to an enjeu")

        def format_message(self, log_entry):
            title = ((log_entry.data or {}).get("enjeu") or {}).get("title", "")
            return _("Linked to the enjeu “%(enjeu)s”") % {"enjeu": title}


hooks.register(CACHE_KEYS, page_cache.cache_keys)


@hooks.register(DEMO_CONTENT, order=100)
def load_demo_contributions(stdout):
    """Invented révoltes and rêves (tagged "exemple") once the territories exist."""
    created = demo.load_demo_contributions()
    stdout.write(_("Demo révoltes and rêves: %(created)d created.") % {"created": created})


@hooks.register(PAGE_PANELS)
def register_consultation_panels(slot, page, request):
    """A territory's révoltes and rêves, the header's and the profile's links, the map in the
    main menu (``consultation.panels``)."""
    return panels.page_panels(slot, page, request)


@hooks.register(SITEMAP_ITEMS)
def register_contribution_sitemap():
    return {"contributions": feeds.ContributionSitemap}


@hooks.register(FEEDS)
def register_contribution_feed():
    return [feeds.ContributionFeed]


@hooks.register(REPORTABLE)
def register_contribution_reports():
    return ContributionReportable()


@hooks.register(PERSONAL_DATA)
def register_consultation_personal_data():
    """The révoltes and rêves a citizen wrote and their « moi aussi »."""
    return personal_data.part()


@hooks.register(MODERATION_QUEUES)
def register_contribution_queue():
    """Révoltes and rêves waiting for a decision (the dashboard's moderation summary)."""
    return pending_contributions_queue()
