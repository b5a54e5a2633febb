"""Forms of the forums: a new thread, a comment (or a reply), an edit.

The comment form is django-contrib-comments' ``CommentSecurityForm`` over the Thread: a
timestamp and a hash sign the form, which stays valid ``COMMENTS_TIMEOUT`` seconds (24 h, so
that someone who types slowly never loses the form); a honeypot field catches simple robots.
When the signature is stale or altered, the view hands back a fresh form holding the typed
text (``CommentForm.renewed``)."""

import time

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django_comments.forms import CommentSecurityForm

from cms_pages.collation import french
from cms_pages.models import TerritoryPage

from .models import Comment, Thread
from .models.threads import BODY_MAX_LENGTH, TITLE_MAX_LENGTH

FORMATTING_HELP = _(
    "Plain text; you may write **bold**, *italic*, [a link](https://…), lists with “- ”, "
    "and quotes with “> ”."
)


def max_comment_length():
    return settings.COMMENT_MAX_LENGTH


def _text_widget(rows, max_length):
    return forms.Textarea(attrs={"rows": rows, "maxlength": max_length})


def _clean_text(value):
    """The text as typed, trimmed; only spaces is refused as empty."""
    text = (value or "").strip()
    if not text:
        raise forms.ValidationError(_("Write a message."), code="required")
    return text


class HoneypotMixin(forms.Form):
    """A field people never see (the ``hidden`` wrapper in the template) and robots fill."""

    honeypot = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_honeypot(self):
        if self.cleaned_data.get("honeypot"):
            raise forms.ValidationError(
                _("Your message could not be sent. Please try again."), code="honeypot"
            )
        return ""


class ThreadForm(HoneypotMixin):
    """A new thread: title, opening message; a territory in an enjeu's forum; the porteurs of
    an initiative may keep it to the members."""

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("What the discussion is about, in a few words (150 characters at most)."),
    )
    body = forms.CharField(
        label=_("Opening message"),
        max_length=BODY_MAX_LENGTH,
        widget=_text_widget(8, BODY_MAX_LENGTH),
        help_text=FORMATTING_HELP,
    )
    territory = forms.ModelChoiceField(
        label=_("Territory"),
        queryset=TerritoryPage.objects.none(),
        required=False,
        empty_label=_("— the whole Nord Franche-Comté —"),
        help_text=_("If the discussion is about one territory."),
    )
    members_only = forms.BooleanField(
        label=_("Members only"),
        required=False,
        help_text=_("Only the members of the initiative can read and answer this thread."),
    )

    def __init__(self, *args, with_territory=False, with_members_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_territory:
            self.fields["territory"].queryset = (
                TerritoryPage.objects.live().public().order_by(french())
            )
        else:
            del self.fields["territory"]
        if not with_members_only:
            del self.fields["members_only"]
        self.order_fields(["title", "body", "territory", "members_only", "honeypot"])

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the discussion a title."), code="required")
        return title

    def clean_body(self):
        return _clean_text(self.cleaned_data["body"])


class CommentForm(HoneypotMixin, CommentSecurityForm):
    """A comment in ``thread``, or a reply to one of its comments (``reply_to``), by ``user``.

    ``reply_to`` must name a comment of the same thread that the user can see and that may
    take replies (three levels at most: a comment, a reply, a reply to a reply)."""

    comment = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=FORMATTING_HELP,
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    SECURITY_FIELDS = ("content_type", "object_pk", "timestamp", "security_hash")

    def __init__(self, thread, data=None, *, user=None, parent=None, **kwargs):
        self.thread = thread
        self.user = user
        self.parent = parent
        initial = kwargs.pop("initial", None) or {}
        if parent is not None:
            initial.setdefault("reply_to", parent.pk)
        self._initial_reply_to = initial.get("reply_to")
        # Messages for a fresh form that replaces a refused one (an unbound form has no errors).
        self.notices = []
        # Several comment forms may share a page (the main one, reply forms): unique ids.
        kwargs.setdefault("auto_id", f"{self._form_id(data)}-%s")
        super().__init__(thread, data=data, initial=initial, **kwargs)
        limit = max_comment_length()
        field = self.fields["comment"]
        field.max_length = limit
        field.validators.append(MaxLengthValidator(limit))
        field.widget.attrs["maxlength"] = limit
        if parent is not None or (data and data.get("reply_to")):
            field.label = _("Your reply")
        # django-contrib-comments' messages are in English and untranslated: ours are shown.
        self.fields["security_hash"].error_messages.update(
            {"min_length": _("Invalid form."), "max_length": _("Invalid form.")}
        )

    @property
    def form_id(self):
        """The id of the element that holds this form on the page (htmx swaps it)."""
        return self._form_id(self.data if self.is_bound else None)

    def _form_id(self, data):
        reply_to = self.parent.pk if self.parent is not None else self._reply_to_value(data)
        return f"reply-form-{reply_to}" if reply_to else "comment-form"

    def _reply_to_value(self, data=None):
        value = data.get("reply_to") if data is not None else self._initial_reply_to
        try:
            return int(value) if value else None
        except (TypeError, ValueError):
            return None

    def clean_timestamp(self):
        timestamp = self.cleaned_data["timestamp"]
        if time.time() - timestamp > settings.COMMENTS_TIMEOUT:
            raise forms.ValidationError(
                _(
                    "This form was opened a long time ago and has expired. Your text is kept "
                    "below: please send it again."
                ),
                code="expired",
            )
        return timestamp

    def clean_security_hash(self):
        try:
            return super().clean_security_hash()
        except forms.ValidationError:
            raise forms.ValidationError(
                _("The form could not be checked. Your text is kept below: please send it again."),
                code="tampered",
            ) from None

    def clean_comment(self):
        return _clean_text(self.cleaned_data["comment"])

    def clean_reply_to(self):
        pk = self.cleaned_data.get("reply_to")
        if not pk:
            self.parent = None
            return None
        parent = (
            Comment.objects.filter(pk=pk, forum_thread_id=self.thread.pk)
            .only("pk", "level", "forum_thread_id", "status", "deleted_at", "user_id")
            .first()
        )
        if parent is None or not parent.is_visible:
            raise forms.ValidationError(
                _("The message you answer is no longer shown in this thread."), code="parent"
            )
        if parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
            raise forms.ValidationError(
                _(
                    "Replies go three levels deep at most: answer the message above this one "
                    "instead."
                ),
                code="too_deep",
            )
        self.parent = parent
        return pk

    def clean(self):
        cleaned = super().clean()
        if not self.has_security_error():
            expected = (str(Thread._meta), str(self.thread.pk))
            sent = (self.data.get("content_type", ""), self.data.get("object_pk", ""))
            if sent != expected:
                self.add_error(
                    "security_hash",
                    forms.ValidationError(
                        _(
                            "The form could not be checked. Your text is kept below: please "
                            "send it again."
                        ),
                        code="tampered",
                    ),
                )
        return cleaned

    def has_security_error(self):
        return any(name in self.errors for name in self.SECURITY_FIELDS)

    def security_message(self):
        """The message about the form's signature (expired or altered)."""
        for name in ("timestamp", "security_hash"):
            if name in self.errors:
                return self.errors[name][0]
        return _("The form could not be checked. Your text is kept below: please send it again.")

    def renewed(self):
        """A fresh, signed form holding what was typed (after a stale or altered signature),
        with the reason as its error."""
        fresh = CommentForm(
            self.thread,
            user=self.user,
            parent=self.parent,
            initial={
                "comment": self.data.get("comment", ""),
                "reply_to": self._reply_to_value(self.data),
            },
        )
        fresh.notices.append(self.security_message())
        return fresh


class EditCommentForm(forms.Form):
    """The new text of one's own comment."""

    comment = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=FORMATTING_HELP,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = max_comment_length()
        field = self.fields["comment"]
        field.max_length = limit
        field.validators.append(MaxLengthValidator(limit))
        field.widget.attrs["maxlength"] = limit

    def clean_comment(self):
        return _clean_text(self.cleaned_data["comment"])
