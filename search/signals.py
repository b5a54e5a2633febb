"""Which changes refresh a search document.

The receivers are connected for the models of the sources the plugins register, and for every
page model: the core's described sources (``describe_search_documents``) are pages, read from
their hooks when asked, so a page model is watched before anyone knows whether it is
searchable (``sync.schedule`` ignores the models no source covers). Not for every model: a
model with a delete receiver loses Django's fast delete. Changes that send no model signal (a
bulk insert, a queryset update) reach the search through the core's ``objects_changed``
signal, which the app that made them sends."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms_pages.extension_points import objects_changed

from . import registry, sync


def _object_changed(sender, instance, **kwargs):
    sync.schedule(type(instance), [instance.pk])


def _objects_changed(sender, pks, **kwargs):
    sync.schedule(sender, pks)


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


def watched_models():
    """The plugins' source models and every page model."""
    return {source.model for source in registry.registered_sources()} | set(get_page_models())


def connect():
    for model in watched_models():
        uid = f"search-{model._meta.label_lower}"
        post_save.connect(_object_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_object_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _relation_changed,
                sender=through,
                dispatch_uid=f"search-m2m-{through._meta.label_lower}",
            )
        if issubclass(model, Page):
            page_published.connect(_object_changed, sender=model, dispatch_uid=f"{uid}-pub")
            page_unpublished.connect(_object_changed, sender=model, dispatch_uid=f"{uid}-unpub")
    objects_changed.connect(_objects_changed, dispatch_uid="search-objects")
    page_slug_changed.connect(_subtree_changed, dispatch_uid="search-slug")
    post_page_move.connect(_subtree_changed, dispatch_uid="search-move")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-r")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-rd")
