"""URLs of the forums: Django views placed before Wagtail's page routing. A forum lives under
its page, at the route its owner gives (``forums.owners``): an enjeu by slug
(``enjeux/<slug>/discussions/``), an initiative by page id (``initiatives/<id>/discussions/``,
so that members can talk before the page is published); actions on one comment or thread are
keyed by its id under /discussions/."""

from django.urls import path

from moderation import views as moderation_views

from .owners import owners
from .views import comments, follow, forum, moderation, thread

app_name = "forums"


def owner_patterns(kind, route):
    """The forum, new-thread and thread URLs of the pages of one owner."""
    options = {"kind": kind}
    return [
        path(f"{route}discussions/", forum.forum, options, name=f"{kind}-forum"),
        path(
            f"{route}discussions/nouvelle/",
            forum.new_thread,
            options,
            name=f"{kind}-new-thread",
        ),
        path(
            f"{route}discussions/<int:thread_id>-<slug:slug>/",
            thread.thread_page,
            options,
            name=f"{kind}-thread",
        ),
    ]


forum_patterns = [
    pattern for kind, owner in owners().items() for pattern in owner_patterns(kind, owner["route"])
]
comment_patterns = [
    path("discussions/<int:thread_id>/commenter/", comments.post_comment, name="comment-post"),
    path(
        "discussions/commentaires/<int:comment_id>/repondre/",
        comments.reply_form,
        name="comment-reply",
    ),
    path(
        "discussions/commentaires/<int:comment_id>/modifier/",
        comments.edit_comment,
        name="comment-edit",
    ),
    path(
        "discussions/commentaires/<int:comment_id>/supprimer/",
        comments.delete_comment,
        name="comment-delete",
    ),
    path(
        "discussions/commentaires/<int:comment_id>/reaction/",
        comments.react,
        name="comment-react",
    ),
]
moderation_patterns = [
    path(
        "discussions/commentaires/<int:comment_id>/signaler/",
        moderation_views.report,
        {"reportable": "forums.comment"},
        name="comment-report",
    ),
    path(
        "discussions/commentaires/<int:comment_id>/masquer/",
        moderation.hide_comment,
        name="comment-hide",
    ),
    path(
        "discussions/commentaires/<int:comment_id>/retablir/",
        moderation.restore_comment,
        name="comment-restore",
    ),
    path(
        "discussions/<int:thread_id>/moderation/",
        moderation.thread_settings,
        name="thread-settings",
    ),
]
follow_patterns = [
    path("discussions/<int:thread_id>/suivre/", follow.follow_thread, name="thread-follow"),
    path(
        "discussions/desabonnement/<str:token>/",
        follow.unsubscribe,
        name="unsubscribe",
    ),
]

urlpatterns = [*forum_patterns, *comment_patterns, *moderation_patterns, *follow_patterns]
