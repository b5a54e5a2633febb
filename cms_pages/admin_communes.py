"""The communes' own admin listing: searchable, filtered by territory, paginated, each with
its point on the local map widget. Outside the territory pages and their revisions."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Commune


class CommuneViewSet(ModelViewSet):
    model = Commune
    icon = "site"
    menu_label = _("Communes")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "insee_code", "territory", "location"]
    list_filter = ["territory"]
    search_fields = ["name", "insee_code"]
    ordering = ["territory__title", "sort_order", "name"]
    list_per_page = 50
    inspect_view_enabled = False
    copy_view_enabled = False


commune_viewset = CommuneViewSet("communes")
