"""The pages that carry discussion threads ("thread owners"), and their access policy.

A thread belongs to one page (``Thread.page``). Which pages have a forum, where it lives and
who may do what there is told by their owner: the enjeux (a page type of the core) are built
in; a plugin adds its own pages with the ``register_thread_owner`` hook
(:data:`cms_pages.extension_points.THREAD_OWNERS`), whose function returns a plain dict, so the
plugin never imports forums:

``model`` (required)
    The page model (a ``wagtail.models.Page`` subclass).
``kind`` (required)
    A short name: the forum's URLs are named ``forums:<kind>-forum``, ``<kind>-new-thread`` and
    ``<kind>-thread``, and the templates receive it as ``forum_kind``.
``route`` (required)
    The URL prefix of the forum, before ``discussions/`` (a Django route:
    ``"initiatives/<int:pk>/"``).
``url_kwargs`` (required)
    ``fn(page) -> dict``: the route's arguments for ``page`` (a plain ``Page`` is enough).
``get_page`` (required)
    ``fn(request, **route kwargs) -> page``: the page of a forum URL, as the request may see it
    (``Http404`` otherwise).
``can_read`` (required)
    ``fn(user, page) -> bool``: the page, hence its forum, is shown to ``user``.
``public`` (required)
    ``fn(queryset) -> queryset``: the pages of ``queryset`` that anyone may see (their public
    threads are then public: search, profiles, e-mails to everyone).
``can_post``
    ``fn(user, page) -> bool``: an active ``user`` may start a thread there (forum moderators
    always may). Absent: every active account.
``can_moderate``
    ``fn(user, page) -> bool``: ``user`` moderates the page's threads besides the forum
    moderators (an initiative's porteurs). Absent: nobody else.
``is_member``, ``member_pages``, ``members``
    Members-only threads, offered when the three are given: ``is_member(user, page) -> bool``;
    ``member_pages(user) -> queryset of page ids`` where ``user`` is a member;
    ``members(page) -> iterable of user ids``.
``private_readers``
    ``fn(page) -> iterable of user ids`` who see the page while it is not public (besides the
    forum moderators). Absent: nobody, not even the moderators.
``private_url``
    ``fn(page) -> str``: where the forum's breadcrumb leads while the page is not live.
``with_territory``
    ``True`` when a new thread there names one of the territories (an enjeu's forum spans them).
``places``, ``prefetch``
    For the search: ``places(page) -> (territory ids, enjeu ids)`` of the page's threads, and
    ``prefetch(queryset) -> queryset`` of owner pages loading what ``places`` reads.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import reverse
from wagtail import hooks

from cms_pages.extension_points import THREAD_OWNERS
from cms_pages.models import EnjeuPage
from cms_pages.visibility import without_restricted

REQUIRED = ("model", "kind", "route", "url_kwargs", "get_page", "can_read", "public")
MEMBERS_ONLY = ("is_member", "member_pages", "members")


def published_enjeux():
    return without_restricted(EnjeuPage.objects.live())


def _published_enjeu(request, enjeu_slug):
    enjeu = published_enjeux().filter(slug=enjeu_slug).first()
    if enjeu is None:
        raise Http404
    return enjeu


ENJEU = {
    "model": EnjeuPage,
    "kind": "enjeu",
    "route": "enjeux/<slug:enjeu_slug>/",
    "url_kwargs": lambda page: {"enjeu_slug": page.slug},
    "get_page": _published_enjeu,
    "can_read": lambda user, page: published_enjeux().filter(pk=page.pk).exists(),
    "public": lambda queryset: without_restricted(queryset.live()),
    "places": lambda page: (set(), {page.pk}),
    "with_territory": True,
}


def _checked(owner):
    missing = [key for key in REQUIRED if key not in owner]
    if missing:
        raise ValueError(f"Thread owner {owner!r} lacks {', '.join(missing)}")
    return owner


def owners():
    """Every thread owner: the enjeux, then those the plugins register, by ``kind``."""
    found = [ENJEU] + [fn() for fn in hooks.get_hooks(THREAD_OWNERS)]
    return {owner["kind"]: _checked(owner) for owner in found}


def owner(kind):
    return owners()[kind]


def owner_of_model(model):
    """The owner of pages of ``model`` (or of a parent class), or None."""
    for candidate in owners().values():
        if issubclass(model, candidate["model"]):
            return candidate
    return None


def owner_of(page):
    """The owner of ``page`` (a specific page or a plain ``Page``), or None when no installed
    plugin owns pages of its type."""
    if page is None:
        return None
    model = type(page)
    if model._meta.label_lower == "wagtailcore.page":
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        if model is None:
            return None
    return owner_of_model(model)


def allows_members_only(owner):
    return owner is not None and all(key in owner for key in MEMBERS_ONLY)


def forum_url(page, view="forum"):
    """The URL of ``page``'s forum (``view``: "forum", "new-thread")."""
    found = owner_of(page)
    return reverse(f"forums:{found['kind']}-{view}", kwargs=found["url_kwargs"](page))
