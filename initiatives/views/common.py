"""What every view keyed by an initiative's page id shares."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from initiatives.models import InitiativePage


def get_initiative(request, pk, permission=None, *, for_update=False):
    """The initiative with this page id, as stored in the database (the live content once
    published). Someone who may not see it gets a 404, so drafts never reveal that they exist;
    someone who may see it but lacks ``permission`` gets a 403."""
    queryset = InitiativePage.objects.all()
    if for_update:
        queryset = queryset.select_for_update()
    page = get_object_or_404(queryset, pk=pk)
    if not request.user.has_perm("initiatives.view_initiative", page):
        raise Http404
    if permission and not request.user.has_perm(permission, page):
        raise PermissionDenied
    return page
