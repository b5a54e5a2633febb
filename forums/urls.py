"""URLs of the forums: Django views placed before Wagtail's page routing. A forum lives under
its enjeu (by slug) or its initiative (by page id, so that members can talk before the page is
published); actions on one comment or thread are keyed by its id under /discussions/."""

from django.urls import path

from .views import comments, follow, forum, moderation, thread

app_name = "forums"

forum_patterns = [
    path("enjeux/<slug:enjeu_slug>/discussions/", forum.enjeu_forum, name="enjeu-forum"),
    path(
        "enjeux/<slug:enjeu_slug>/discussions/nouvelle/",
        forum.new_enjeu_thread,
        name="enjeu-new-thread",
    ),
    path(
        "enjeux/<slug:enjeu_slug>/discussions/<int:thread_id>-<slug:slug>/",
        thread.enjeu_thread,
        name="enjeu-thread",
    ),
    path("initiatives/<int:pk>/discussions/", forum.initiative_forum, name="initiative-forum"),
    path(
        "initiatives/<int:pk>/discussions/nouvelle/",
        forum.new_initiative_thread,
        name="initiative-new-thread",
    ),
    path(
        "initiatives/<int:pk>/discussions/<int:thread_id>-<slug:slug>/",
        thread.initiative_thread,
        name="initiative-thread",
    ),
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
        moderation.report_comment,
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
