"""How objects become search documents: a small registry of sources.

A plugin declares its sources in a ``search_documents`` module (found at start-up by
``autodiscover``)::

    register(Source(
        model=Contribution,
        kinds={"revolte": _("Révolte"), "reve": _("Rêve")},
        public=lambda: Contribution.objects.published(),
        document=contribution_document,
    ))

The core, which imports nothing of ``search``, describes its pages as plain data through the
``describe_search_documents`` hook (``cms_pages.extension_points.SEARCH_PAGE_DOCUMENTS``):
each description becomes a source here, read from the hooks registered at the time of asking
(so a hook registered for a while, in a test, adds its source for that while).

``public()`` is the one rule of what anyone may see: a document is written for an object only
while it is in that queryset, and removed as soon as it leaves it."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Model, QuerySet
from django.utils.module_loading import autodiscover_modules
from wagtail import hooks

from cms_pages.extension_points import SEARCH_PAGE_DOCUMENTS

from . import text


@dataclass
class Document:
    """What a source says about one object; ``search.sync`` stores it as a SearchDocument."""

    kind: str
    title: str
    url: str
    text: str = ""
    tags: Iterable[str] = ()
    territories: Iterable[int] = ()  # page ids of the territory facet's pages
    enjeux: Iterable[int] = ()  # page ids of the enjeu facet's pages
    maturity: str = ""
    date: datetime | None = None
    point: tuple[float, float] | None = None


@dataclass
class Source:
    model: type[Model]
    # kind → label, for the type facet and the result cards; a source may have several kinds
    # (a contribution is a révolte or a rêve).
    kinds: dict
    # Every object anyone may see, as a queryset (filtered by pk when one object changes).
    public: Callable[[], QuerySet]
    # The document of one object of ``public()``.
    document: Callable[[Model], Document]
    # ``public()`` ready to build many documents at once (select_related, prefetch_related).
    batch: Callable[[QuerySet], QuerySet] = lambda queryset: queryset
    # Other objects whose documents change with this one (a thread's comments when it becomes
    # members-only): (model, queryset of them). Another app adds its own with
    # ``register_dependants``.
    dependants: Callable[[Model], Iterable[tuple[type[Model], QuerySet]]] = lambda obj: ()
    # Labels of other facet values this source brings (maturity → label).
    labels: dict = field(default_factory=dict)

    def key(self, pk):
        return f"{self.model._meta.label_lower}:{pk}"


_sources: dict[type[Model], Source] = {}
# Sources made from the core's descriptions, by the hook function that described them.
_described: dict[Callable, list[Source]] = {}
# label_lower of a model → functions giving the dependants other apps declare for it.
_dependants: dict[str, list[Callable]] = {}


def register(source):
    if source.model in _sources:
        raise ValueError(f"{source.model.__name__} already has a search source")
    _sources[source.model] = source
    return source


def register_dependants(model, dependants):
    """Declare, from another app, objects whose documents change with those of ``model`` (a
    model or its ``"app_label.ModelName"``): ``dependants(obj)`` returns (model, queryset)
    pairs, like ``Source.dependants``. The enjeu's forum threads, declared by forums, leave the
    search when the enjeu does."""
    label = model if isinstance(model, str) else model._meta.label
    _dependants.setdefault(label.lower(), []).append(dependants)
    return dependants


def dependants_of(source, obj):
    """(model, queryset) of every object whose document changes with ``obj``'s: its source's
    own, then those other apps declared for its model or an ancestor."""
    found = list(source.dependants(obj))
    for klass in type(obj).__mro__:
        meta = getattr(klass, "_meta", None)
        if meta is not None and not meta.abstract:
            for dependants in _dependants.get(meta.label_lower, ()):
                found.extend(dependants(obj))
    return found


def described_source(description):
    """The source of one of the core's plain descriptions (see ``SEARCH_PAGE_DOCUMENTS``)."""
    describe = description["document"]
    optional = {name: description[name] for name in ("batch", "labels") if name in description}
    return Source(
        model=description["model"],
        kinds=description["kinds"],
        public=description["public"],
        document=lambda obj: document_of(describe(obj)),
        **optional,
    )


def document_of(values):
    """A Document from a description's plain dict: its ``text`` is a list of parts (plain
    strings, rich texts, StreamField values) read as plain words by ``search.text``."""
    values = dict(values)
    values["text"] = text.plain(values.get("text", ()))
    return Document(**values)


def _described_sources():
    found = []
    for describe in hooks.get_hooks(SEARCH_PAGE_DOCUMENTS):
        if describe not in _described:
            _described[describe] = [described_source(d) for d in describe()]
        found.extend(_described[describe])
    return found


_cache = {"key": None, "sources": {}}


def _all_sources():
    """{model: source}: the registered sources, then those the core describes (worked out
    again only when a source or a description hook came or went: every save asks)."""
    key = (tuple(_sources), tuple(hooks.get_hooks(SEARCH_PAGE_DOCUMENTS)))
    if _cache["key"] != key:
        every = dict(_sources)
        for source in _described_sources():
            if source.model in every:
                raise ValueError(f"{source.model.__name__} already has a search source")
            every[source.model] = source
        _cache.update(key=key, sources=every)
    return _cache["sources"]


def registered_sources():
    """The sources the plugins registered (those the core describes left out)."""
    return list(_sources.values())


def sources():
    return list(_all_sources().values())


def source_for(model):
    """The source of ``model`` or of its nearest registered ancestor (None if it has none)."""
    every = _all_sources()
    for klass in model.__mro__:
        if klass in every:
            return every[klass]
    return None


def kind_labels():
    return {kind: label for source in sources() for kind, label in source.kinds.items()}


def facet_labels(facet):
    """Labels of a facet's values declared by the sources (e.g. ``"maturity"``)."""
    labels = {}
    for source in sources():
        labels.update(source.labels.get(facet, {}))
    return labels


def autodiscover():
    """Load every installed app's ``search_documents`` module."""
    autodiscover_modules("search_documents")
