"""Demo révoltes and rêves (load_demo_content) and the benchmark seeding command."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from cms_pages.areas import other_territories, territory_contains
from consultation.demo import MARKER_TAG
from consultation.models import Contribution

pytestmark = pytest.mark.django_db

FIVE_TERRITORIES = {
    "grand-belfort",
    "pays-de-montbeliard-agglomeration",
    "pays-d-hericourt",
    "sud-territoire",
    "vosges-du-sud",
}


def test_demo_publishes_contributions_in_all_five_territories(shared_demo):
    territories = set(
        Contribution.objects.published().values_list("territory__slug", flat=True).distinct()
    )
    assert territories == FIVE_TERRITORIES


def test_demo_has_about_sixty_published_contributions(shared_demo):
    assert 50 <= Contribution.objects.published().count() <= 70


def test_demo_has_both_kinds_in_every_territory(shared_demo):
    pairs = set(Contribution.objects.published().values_list("territory__slug", "kind"))
    assert len(pairs) == 2 * len(FIVE_TERRITORIES)


def test_demo_leaves_a_queue_for_the_moderators(shared_demo):
    counts = dict(
        Contribution.objects.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    assert counts.get("pending", 0) >= 3
    assert counts.get("hidden") == 1


def test_demo_has_points_and_commune_only_contributions(shared_demo):
    published = Contribution.objects.published()
    assert published.filter(latitude__isnull=False).exists()
    assert published.filter(latitude__isnull=True, commune__isnull=False).exists()


def test_every_demo_point_is_one_the_contribution_form_accepts(shared_demo):
    located = Contribution.objects.exclude(latitude=None).select_related("territory")
    assert located.exists()
    for contribution in located:
        territory = contribution.territory
        assert territory_contains(
            territory, contribution.latitude, contribution.longitude, other_territories(territory)
        ), (contribution.pk, territory.slug)


def test_demo_points_show_revoltes_and_reves_alike(shared_demo):
    located = Contribution.objects.published().exclude(latitude=None)
    assert set(located.values_list("kind", flat=True)) == {"revolte", "reve"}


def test_a_territory_without_a_known_position_gets_commune_placed_contributions(shared_demo):
    vosges = Contribution.objects.filter(territory__slug="vosges-du-sud")
    assert vosges.exists()
    assert not vosges.exclude(latitude=None).exists()
    assert not vosges.filter(commune=None).exists()


def test_demo_contributions_are_marked_as_examples(shared_demo):
    demo = Contribution.objects.all()
    assert demo.exclude(tags__name=MARKER_TAG).count() == 0
    assert not demo.exclude(participant_first_name="").exists()
    assert not demo.filter(author__isnull=False).exists()


def test_demo_links_some_contributions_to_enjeux(shared_demo):
    assert Contribution.objects.published().filter(enjeux__isnull=False).exists()


def test_demo_points_are_near_their_territory(shared_demo):
    for contribution in Contribution.objects.filter(latitude__isnull=False).select_related(
        "territory"
    ):
        centre = (
            contribution.territory.latitude or 47.7425,
            contribution.territory.longitude or 6.8275,
        )
        assert abs(contribution.latitude - centre[0]) < 0.1
        assert abs(contribution.longitude - centre[1]) < 0.1


def test_loading_the_demo_twice_adds_no_contribution(shared_demo):
    before = Contribution.objects.count()
    call_command("load_demo_content", verbosity=0)
    assert Contribution.objects.count() == before


def test_the_demo_is_the_same_on_every_run(shared_demo):
    first = list(Contribution.objects.order_by("import_key").values_list("import_key", "latitude"))
    Contribution.objects.all().delete()
    call_command("load_demo_content", verbosity=0)
    second = list(Contribution.objects.order_by("import_key").values_list("import_key", "latitude"))
    assert first == second


# Seeding for the benchmark.


def seed(count, **options):
    call_command("seed_contributions", count=count, verbosity=0, **options)


def test_seed_creates_the_requested_number_of_published_contributions(shared_demo):
    before = Contribution.objects.published().count()
    seed(50)
    assert Contribution.objects.published().count() - before == 50


def test_seed_adds_pending_and_hidden_ones_on_top(shared_demo):
    seed(60)
    seeded = Contribution.objects.filter(import_key__startswith="seed:")
    assert seeded.filter(status="pending").count() == 6
    assert seeded.filter(status="hidden").count() == 3


def test_seed_spreads_over_every_territory(shared_demo):
    seed(50)
    seeded = Contribution.objects.filter(import_key__startswith="seed:")
    territories = set(seeded.values_list("territory__slug", flat=True))
    assert territories == FIVE_TERRITORIES


def test_seeded_points_stay_around_their_territory(shared_demo):
    seed(50)
    for contribution in Contribution.objects.filter(
        import_key__startswith="seed:", latitude__isnull=False
    ).select_related("territory"):
        centre = (
            contribution.territory.latitude or 47.7425,
            contribution.territory.longitude or 6.8275,
        )
        assert abs(contribution.latitude - centre[0]) <= 0.15
        assert abs(contribution.longitude - centre[1]) <= 0.15


def test_seed_twice_adds_nothing(shared_demo):
    seed(20)
    before = Contribution.objects.count()
    seed(20)
    assert Contribution.objects.count() == before


def test_seed_is_deterministic(shared_demo):
    seed(20)
    rows = "import_key", "latitude", "longitude", "kind"
    first = list(Contribution.objects.filter(import_key__startswith="seed:").values_list(*rows))
    seed(20, clear=True)
    second = list(Contribution.objects.filter(import_key__startswith="seed:").values_list(*rows))
    assert sorted(first) == sorted(second)


def test_seeded_contributions_have_tags(shared_demo):
    seed(20)
    seeded = Contribution.objects.filter(import_key__startswith="seed:")
    assert seeded.filter(tags__isnull=True).count() == 0
