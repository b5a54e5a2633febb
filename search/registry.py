"""How each app's objects become search documents: a small registry of sources.

Each app declares its sources in a ``search_documents`` module (found at start-up by
``autodiscover``)::

    register(Source(
        model=Contribution,
        kinds={"revolte": _("Révolte"), "reve": _("Rêve")},
        public=lambda: Contribution.objects.published(),
        document=contribution_document,
    ))

``public()`` is the one rule of what anyone may see: a document is written for an object only
while it is in that queryset, and removed as soon as it leaves it."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Model, QuerySet
from django.utils.module_loading import autodiscover_modules


@dataclass
class Document:
    """What a source says about one object; ``search.sync`` stores it as a SearchDocument."""

    kind: str
    title: str
    url: str
    text: str = ""
    tags: Iterable[str] = ()
    territories: Iterable[int] = ()  # page ids of TerritoryPage
    enjeux: Iterable[int] = ()  # page ids of EnjeuPage
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
    # members-only, an enjeu's threads when it is unpublished): (model, queryset of them).
    dependants: Callable[[Model], Iterable[tuple[type[Model], QuerySet]]] = lambda obj: ()
    # Labels of other facet values this source brings (maturity → label).
    labels: dict = field(default_factory=dict)

    def key(self, pk):
        return f"{self.model._meta.label_lower}:{pk}"


_sources: dict[type[Model], Source] = {}


def register(source):
    if source.model in _sources:
        raise ValueError(f"{source.model.__name__} already has a search source")
    _sources[source.model] = source
    return source


def sources():
    return list(_sources.values())


def source_for(model):
    """The source of ``model`` or of its nearest registered ancestor (None if it has none)."""
    for klass in model.__mro__:
        if klass in _sources:
            return _sources[klass]
    return None


def kind_labels():
    return {kind: label for source in _sources.values() for kind, label in source.kinds.items()}


def facet_labels(facet):
    """Labels of a facet's values declared by the sources (e.g. ``"maturity"``)."""
    labels = {}
    for source in _sources.values():
        labels.update(source.labels.get(facet, {}))
    return labels


def autodiscover():
    """Load every app's ``search_documents`` module, then watch the registered models."""
    from . import signals

    autodiscover_modules("search_documents")
    signals.connect()
