"""factory_boy factories for accounts and pages."""

import datetime
import time

import factory
import wagtail_factories
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Page, Site

from accounts.models import User
from cms_pages import models as pages


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"citoyen{n}")
    email = factory.Sequence(lambda n: f"citoyen{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Citoyen {n}")
    password = factory.PostGenerationMethodCall("set_password", "motdepasse-solide-42")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = pages.HomePage

    title = "Aux actes citoyens"
    slug = "accueil"


class TerritoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = pages.TerritoryIndexPage

    title = "Territoires"
    slug = "territoires"


class TerritoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = pages.TerritoryPage

    title = factory.Sequence(lambda n: f"Territoire {n}")
    slug = factory.Sequence(lambda n: f"territoire-{n}")
    kind = pages.TerritoryPage.Kind.CC
    siren = factory.Sequence(lambda n: f"{200000000 + n:09d}")
    location = "SRID=4326;POINT(6.8638 47.6397)"


class EnjeuIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = pages.EnjeuIndexPage

    title = "Enjeux"
    slug = "enjeux"


class EnjeuPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = pages.EnjeuPage

    title = factory.Sequence(lambda n: f"Enjeu {n}")
    slug = factory.Sequence(lambda n: f"enjeu-{n}")
    short_description = "Un enjeu du territoire."


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = pages.EventIndexPage

    title = "Événements"
    slug = "evenements"


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = pages.EventPage

    title = factory.Sequence(lambda n: f"Événement {n}")
    slug = factory.Sequence(lambda n: f"evenement-{n}")
    kind = pages.EventPage.Kind.CAPITALISATION
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = pages.StandardPage

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")


def site_with_home_page():
    """A site whose root is a fresh HomePage (Wagtail's welcome page removed)."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": home, "hostname": "localhost", "port": 80, "site_name": "AAC"},
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


class ContributionFactory(factory.django.DjangoModelFactory):
    """A published online révolte by a citizen, without a point (pass territory=...)."""

    class Meta:
        model = "consultation.Contribution"

    kind = "revolte"
    text = factory.Sequence(lambda n: f"Contribution numéro {n} sur le territoire.")
    author = factory.SubFactory(UserFactory)
    status = "published"


class InitiativeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = "initiatives.InitiativeIndexPage"

    title = "Initiatives"
    slug = "initiatives"


class InitiativePageFactory(wagtail_factories.PageFactory):
    """A live initiative (pass parent=an InitiativeIndexPage; add porteurs with
    MembershipFactory)."""

    class Meta:
        model = "initiatives.InitiativePage"

    title = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    summary = "Une initiative citoyenne du territoire."
    economic_purpose = "non_lucratif"
    organisation_mode = "association"


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active porteur (pass initiative=...; role="membre" or status="pending" otherwise)."""

    class Meta:
        model = "initiatives.Membership"

    user = factory.SubFactory(UserFactory)
    role = "porteur"
    status = "active"
    joined_at = factory.LazyFunction(timezone.now)


# Staff sessions and two-factor authentication (accounts/middleware.py).


def mark_second_factor(client, user):
    """Record in the client's session that ``user`` gave a second factor, as allauth's MFA
    login stage does (``record_authentication`` with the method ``mfa``)."""
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    record_authentication(request, user, "mfa", type="totp")
    session.save()


def staff_login(client, user):
    """``force_login`` plus a second factor: what the admin asks of Éditeurs, Modérateurs and
    superusers. Returns the client."""
    client.force_login(user)
    mark_second_factor(client, user)
    return client


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_device(user, secret=TOTP_SECRET):
    """An activated authenticator app for ``user`` (allauth's own ``TOTP.activate``)."""
    return TOTP.activate(user, secret).instance


def totp_code(secret=TOTP_SECRET, at=None):
    """The code an authenticator app shows for ``secret`` now (RFC 6238, 30 s, 6 digits),
    computed with allauth's HOTP helpers: its test bypass refuses to run with DEBUG off."""
    counter = int(time.time() if at is None else at) // 30
    return format_hotp_value(hotp_value(secret, counter))
