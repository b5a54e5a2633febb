"""Which changes refresh a search document: connected for every registered source."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import registry, sync


def _object_changed(sender, instance, **kwargs):
    sync.schedule(type(instance), [instance.pk])


def _relation_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # instance is the other side: pk_set holds the objects whose relation changed
        if pk_set is not None:
            sync.schedule(model, pk_set)
    else:
        sync.schedule(type(instance), [instance.pk])


def schedule_subtree(page):
    """Refresh every page under ``page`` (included): its view restriction, slug or place
    changed, and with it the visibility or URL of its descendants."""
    by_type = defaultdict(list)
    descendants = Page.objects.descendant_of(page, inclusive=True)
    for content_type, pk in descendants.values_list("content_type", "pk"):
        by_type[content_type].append(pk)
    for content_type, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type).model_class()
        if model is not None:
            sync.schedule(model, pks)


def _subtree_changed(sender, instance, **kwargs):
    schedule_subtree(instance)


def _restriction_changed(sender, instance, **kwargs):
    schedule_subtree(instance.page)


def connect():
    for source in registry.sources():
        model = source.model
        uid = f"search-{model._meta.label_lower}"
        post_save.connect(_object_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_object_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _relation_changed, sender=through, dispatch_uid=f"{uid}-{field.name}"
            )
        if issubclass(model, Page):
            page_published.connect(_object_changed, sender=model, dispatch_uid=f"{uid}-pub")
            page_unpublished.connect(_object_changed, sender=model, dispatch_uid=f"{uid}-unpub")
    page_slug_changed.connect(_subtree_changed, dispatch_uid="search-slug")
    post_page_move.connect(_subtree_changed, dispatch_uid="search-move")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-r")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-rd")
