"""E-mails about an initiative's moderation: the porteurs hear from us with public links; no
citizen ever gets one of Wagtail's admin e-mails; the moderators still do."""

import pytest
from django.core import mail

from initiatives import publication
from initiatives.models import InitiativePage
from tests.factories import InitiativePageFactory, MembershipFactory, UserFactory
from tests.initiatives import create_helpers as helpers

pytestmark = pytest.mark.django_db


def build_world():
    """The tree (home, territories, enjeux, the initiative index), built once for the module."""
    return helpers.tree()


@pytest.fixture
def setup(world):
    return world


@pytest.fixture
def citizen():
    return UserFactory(email="porteuse@example.org", display_name="Camille")


@pytest.fixture
def moderator():
    return helpers.moderator()


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run an action and return the e-mails delivered once its transaction commits."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            action(*args, **kwargs)
        return list(mail.outbox)

    return run


def create(citizen, territories):
    helpers.client_for(citizen).post("/initiatives/nouvelle/", helpers.form_data(territories))
    return InitiativePage.objects.get(owner=citizen)


def to(messages, address):
    return [m for m in messages if address in m.to]


def everything_in(message):
    return message.subject + message.body + "".join(c for c, _ in message.alternatives)


def test_approval_e_mails_the_porteur_a_link_to_the_public_page(setup, citizen, moderator, sent):
    page = create(citizen, setup[1])
    outbox = sent(helpers.decide, page, "approve", user=moderator)
    [message] = to(outbox, citizen.email)
    assert "Le Repair café de Giromagny" in message.subject
    assert "http://testserver" + helpers.fresh(page).url in message.body
    assert "/admin/" not in everything_in(message)


def test_rejection_e_mails_the_comment_and_the_status_page(setup, citizen, moderator, sent):
    page = create(citizen, setup[1])
    outbox = sent(helpers.decide, page, "reject", comment="Ajoutez une photo.", user=moderator)
    [message] = to(outbox, citizen.email)
    assert "Ajoutez une photo." in message.body
    assert f"http://testserver/initiatives/{page.pk}/statut/" in message.body
    assert f"http://testserver/initiatives/{page.pk}/modifier/" in message.body
    assert "/admin/" not in everything_in(message)


def test_every_porteur_is_told_but_not_plain_members(setup, citizen, moderator, sent):
    page = create(citizen, setup[1])
    other_porteur = MembershipFactory(initiative=page, user=UserFactory()).user
    member = MembershipFactory(initiative=page, role="membre").user
    outbox = sent(helpers.decide, page, "approve", user=moderator)
    assert to(outbox, other_porteur.email)
    assert not to(outbox, member.email)


def test_a_citizen_mailbox_never_gets_an_admin_link(setup, citizen, moderator, sent):
    page = create(citizen, setup[1])
    sent(helpers.decide, page, "reject", comment="Précisez le lieu.", user=moderator)
    draft = page.get_latest_revision_as_object()
    draft.summary = "Au local de la MJC."
    sent(publication.save_member_revision, helpers.fresh(page), draft, citizen)
    outbox = sent(helpers.decide, page, "approve", user=moderator)
    mine = to(outbox, citizen.email)
    assert len(mine) == 2
    assert not [m for m in mine if "/admin/" in everything_in(m)]


def test_a_member_whose_change_is_rechecked_gets_no_admin_e_mail(setup, moderator, sent):
    page = InitiativePageFactory(parent=setup[0], title="Ancien nom")
    MembershipFactory(initiative=page)
    member = MembershipFactory(initiative=page, role="membre").user
    draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
    draft.title = "Nouveau nom"
    sent(publication.save_member_revision, helpers.fresh(page), draft, member)
    outbox = sent(helpers.decide, page, "approve", user=moderator)
    mine = to(outbox, member.email)
    assert len(mine) == 1
    assert "/admin/" not in everything_in(mine[0])
    assert "Nouveau nom" in mine[0].subject


def test_moderators_still_get_wagtails_submission_e_mail(setup, citizen, moderator, sent):
    outbox = sent(create, citizen, setup[1])
    assert to(outbox, moderator.email)
