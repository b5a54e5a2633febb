"""Build the demo page tree once; on later runs, find every page already there and leave it.

A page is looked up before it is created (index pages by type, territories by SIREN, the
others by slug under their parent) and never updated, so editors' changes survive
``make run`` and a second run writes nothing: no page, no revision.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import Page, Site

from cms_pages.geo import format_point
from cms_pages.models import (
    Commune,
    EnjeuIndexPage,
    EnjeuPage,
    EventIndexPage,
    EventPage,
    HomePage,
    StandardPage,
    TerritoryIndexPage,
    TerritoryPage,
)

from . import content, texts


@dataclass
class Outcome:
    """What a run did: titles of pages created and of pages found already there."""

    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    site_changed: bool = False
    welcome_page_removed: bool = False


class DemoTreeBuilder:
    def __init__(self):
        self.outcome = Outcome()

    @transaction.atomic
    def build(self):
        """Create what is missing of the demo tree and return an :class:`Outcome`."""
        home = self.home()
        self.point_default_site_at(home)
        self.remove_welcome_page()

        territory_index = self.index(TerritoryIndexPage, home, content.TERRITORY_INDEX)
        territories = {
            spec["siren"]: self.territory(territory_index, spec) for spec in content.TERRITORIES
        }

        enjeu_index = self.index(EnjeuIndexPage, home, content.ENJEU_INDEX)
        for spec in content.ENJEUX:
            self.child(
                enjeu_index,
                EnjeuPage,
                spec["slug"],
                title=spec["title"],
                short_description=spec["short_description"],
                colour=spec["colour"],
                body=[texts.paragraph(content.ENJEU_BODY.format(title=spec["title"]))],
            )

        event_index = self.index(EventIndexPage, home, content.EVENT_INDEX)
        for spec in content.events():
            self.child(
                event_index,
                EventPage,
                spec["slug"],
                title=spec["title"],
                kind=spec["kind"],
                start=spec["start"],
                end=spec["end"],
                place=spec["place"],
                description=spec["description"],
                territories=[territories[siren] for siren in spec["territories"]],
            )

        pages = {"enjeux": enjeu_index, "evenements": event_index}
        for make_page in texts.STANDARD_PAGES:
            spec = make_page(pages)
            slug = spec.pop("slug")
            pages[slug] = self.child(home, StandardPage, slug, **spec)
        return self.outcome

    # The tree.

    def home(self):
        home = HomePage.objects.first()
        if home:
            self.outcome.existing.append(home.title)
            return home
        return self.create(
            Page.get_first_root_node(),
            HomePage,
            slug=content.HOME["slug"],
            title=content.HOME["title"],
            intro=content.HOME["intro"],
            phases=[{"type": "phase", "value": phase} for phase in content.PHASES],
            body=texts.home_body(),
        )

    def index(self, model, home, spec):
        # Index pages exist once (max_count = 1): find them by type, wherever an editor put them.
        page = model.objects.first()
        if page:
            self.outcome.existing.append(page.title)
            return page
        return self.create(home, model, show_in_menus=True, **spec)

    def territory(self, index, spec):
        # Found by SIREN, which is unique, so a renamed slug does not lead to a duplicate.
        page = TerritoryPage.objects.filter(siren=spec["siren"]).first()
        if page:
            self.outcome.existing.append(page.title)
        else:
            page = self.create(
                index,
                TerritoryPage,
                slug=spec["slug"],
                title=spec["title"],
                kind=spec["kind"],
                siren=spec["siren"],
                seat=spec["seat"],
                location=format_point(*spec["point"]) if spec["point"] else "",
                intro=spec["intro"],
                body=[texts.paragraph(content.TERRITORY_BODY)],
            )
        self.communes(page, content.communes_by_siren()[spec["siren"]])
        return page

    def communes(self, territory, communes):
        """The member communes (plain rows, outside the page's revisions), added when
        missing; those already there, and the points they were given, are kept. The demo
        gives them no point: its source carries no coordinates (import_communes does)."""
        existing = set(territory.communes.values_list("insee_code", flat=True))
        Commune.objects.bulk_create(
            [
                Commune(
                    territory=territory,
                    name=commune["name"],
                    insee_code=commune["insee_code"],
                    sort_order=n,
                )
                for n, commune in enumerate(communes)
                if commune["insee_code"] not in existing
            ]
        )

    def child(self, parent, model, slug, **fields):
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page:
            self.outcome.existing.append(page.title)
            return page
        return self.create(parent, model, slug=slug, **fields)

    def create(self, parent, model, **fields):
        """Add a page under ``parent`` and publish it through a revision, as the admin does."""
        page = model(live=False, **fields)
        parent.add_child(instance=page)
        log(instance=page, action="wagtail.create")
        page.save_revision().publish()
        self.outcome.created.append(page.title)
        return page

    # The site.

    def point_default_site_at(self, home):
        """Make ``home`` the root of the default site, which answers on every host name."""
        site = Site.objects.filter(is_default_site=True).first()
        if site and site.root_page_id == home.pk:
            return
        if site is None:
            site = Site(is_default_site=True, hostname=content.SITE_HOSTNAME)
            site.port = content.SITE_PORT
        elif (site.hostname, site.port) == ("localhost", 80):
            # Wagtail's stock site: give it the address the dev server listens on.
            taken = Site.objects.filter(
                hostname=content.SITE_HOSTNAME, port=content.SITE_PORT
            ).exists()
            if not taken:
                site.hostname, site.port = content.SITE_HOSTNAME, content.SITE_PORT
        site.root_page = home
        site.site_name = site.site_name or content.SITE_NAME
        site.save()
        self.outcome.site_changed = True

    def remove_welcome_page(self):
        """Delete Wagtail's "Welcome to your new Wagtail site!" page if it is still there."""
        welcome = Page.objects.filter(
            depth=2,
            slug="home",
            numchild=0,
            content_type=ContentType.objects.get_for_model(Page),
        ).exclude(sites_rooted_here__isnull=False)
        for page in welcome:
            page.delete()
            self.outcome.welcome_page_removed = True
