"""``manage.py load_demo_content``: the French demo tree of the brochure, idempotent."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms_pages.demo.builder import DemoTreeBuilder
from consultation.demo import load_demo_contributions
from forums.demo import load_demo_forums
from initiatives.demo import load_demo_initiatives
from search.rebuild import rebuild_index


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
        # Invented révoltes and rêves (tagged "exemple") once the territories exist.
        contributions = load_demo_contributions()
        if verbosity >= 1:
            self.stdout.write(
                _("Demo révoltes and rêves: %(created)d created.") % {"created": contributions}
            )
        # Initiatives on the planisphère, inspired by those révoltes and rêves.
        initiatives = load_demo_initiatives()
        if verbosity >= 1:
            self.stdout.write(
                _("Demo initiatives: %(created)d created, %(existing)d already there.")
                % {"created": len(initiatives.created), "existing": len(initiatives.existing)}
            )
        # Discussions in the enjeux' and the initiatives' forums.
        threads = load_demo_forums()
        if verbosity >= 1:
            self.stdout.write(
                _("Demo discussions: %(created)d threads created, %(existing)d already there.")
                % {"created": len(threads.created), "existing": len(threads.existing)}
            )
        # The search documents of all of it, at once: the sync that follows each change runs
        # after commit, which a caller's enclosing transaction (the tests' fixtures) delays.
        search = rebuild_index()
        if verbosity >= 1:
            self.stdout.write(_("Search: %(outcome)s") % {"outcome": search})
