"""``manage.py load_demo_content``: the French demo tree of the brochure, idempotent."""

import io

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Site

from cms_pages.demo.builder import DemoTreeBuilder
from cms_pages.extension_points import DEMO_CONTENT


class Command(BaseCommand):
    # Like Django's own commands, the --help text is not translated.
    help = (
        "Create the demo page tree (home, territories, enjeux, events, editorial pages) "
        "where it is missing; pages already there are left untouched."
    )

    def handle(self, *args, **options):
        outcome = DemoTreeBuilder().build()
        verbosity = options["verbosity"]
        if verbosity >= 2:
            for title in outcome.created:
                self.stdout.write(_("  created: %(title)s") % {"title": title})
            for title in outcome.existing:
                self.stdout.write(_("  already there: %(title)s") % {"title": title})
        if verbosity >= 1:
            if outcome.welcome_page_removed:
                self.stdout.write(_("Wagtail's welcome page removed."))
            site = Site.objects.get(is_default_site=True)
            if outcome.site_changed:
                self.stdout.write(
                    _("Default site %(url)s now serves the home page.") % {"url": site.root_url}
                )
            self.stdout.write(
                self.style.SUCCESS(
                    _("Demo content: %(created)d pages created, %(existing)d already there.")
                    % {"created": len(outcome.created), "existing": len(outcome.existing)}
                )
            )
        # Then each installed plugin's demo content, in the order the plugins registered.
        out = self.stdout if verbosity >= 1 else io.StringIO()
        for load_plugin_demo in hooks.get_hooks(DEMO_CONTENT):
            load_plugin_demo(out)
