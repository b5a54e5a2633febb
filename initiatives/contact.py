"""Writing to an initiative's porteurs through the platform.

No address is ever shown on the site: the message goes to each porteur by e-mail from the
platform's address, as plain text (no HTML part, so nothing typed can become markup). The
porteurs can answer the sender directly only if the sender chose to share their address
(``Reply-To``). Sending is limited per account, like new contributions (see
``initiatives.ratelimit``): a brake on floods, keyed by account, never by IP address.
"""

import re

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms_pages.forms import LongTextField
from outbox.links import absolute_url

from .models import Membership

SUBJECT_MAX_LENGTH = 120
MESSAGE_MIN_LENGTH = 10
MESSAGE_MAX_LENGTH = 3000
# Line breaks and other control characters would let a subject forge mail headers.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]+")


class ContactForm(forms.Form):
    """A citizen's message to the porteurs of an initiative."""

    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX_LENGTH)
    message = LongTextField(
        label=_("Your message"),
        min_length=MESSAGE_MIN_LENGTH,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    share_email = forms.BooleanField(
        label=_("Share my e-mail address with the porteurs so that they can answer me"),
        required=False,
        help_text=_(
            "Without it, the porteurs receive your message and your display name only, and "
            "cannot answer you by e-mail."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].help_text = gettext("At most %(max)s characters.") % {
            "max": SUBJECT_MAX_LENGTH
        }
        self.fields["message"].help_text = gettext(
            "Between %(min)s and %(max)s characters, plain text."
        ) % {"min": MESSAGE_MIN_LENGTH, "max": MESSAGE_MAX_LENGTH}

    def clean_subject(self):
        subject = CONTROL_CHARACTERS.sub(" ", self.cleaned_data["subject"]).strip()
        if not subject:
            raise ValidationError(_("Give your message a subject."), code="required")
        return subject


# Sending.


def recipients(page, sender):
    """The porteurs who receive the message: every porteur with an address but the sender."""
    porteur_ids = Membership.objects.porteurs().filter(initiative=page).values("user_id")
    return list(
        get_user_model()
        .objects.filter(pk__in=porteur_ids, is_active=True)
        .exclude(email="")
        .exclude(pk=sender.pk)
        .order_by("pk")
    )


def send(page, sender, subject, message, share_email, porteurs, page_url):
    """One e-mail per porteur (no porteur sees another's address); ``Reply-To`` is the
    sender's address only when they agreed to share it. Returns the number sent."""
    reply_to = [sender.email] if share_email and sender.email else []
    with translation.override(settings.LANGUAGE_CODE):
        full_subject = CONTROL_CHARACTERS.sub(
            " ",
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
            + gettext("Message about “%(title)s”: %(subject)s")
            % {"title": page.title, "subject": subject},
        )
        messages = [
            EmailMessage(
                subject=full_subject,
                body=render_to_string(
                    "initiatives/email/contact_message.txt",
                    {
                        "porteur_name": porteur.display_name,
                        "sender_name": sender.public_name,
                        "title": page.title,
                        "subject": subject,
                        "message": message,
                        "shared": bool(reply_to),
                        "page_url": absolute_url(page_url),
                    },
                ).strip(),
                to=[porteur.email],
                reply_to=reply_to,
            )
            for porteur in porteurs
        ]
    if not messages:
        return 0
    return get_connection().send_messages(messages)
