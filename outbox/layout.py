"""One layout for every e-mail: the HTML version of a plain-text message.

The project's mails are written as text templates extending ``outbox/email/base.txt``; the
ones that carry no HTML version get one here, in the HTML layout (``outbox/email/base.html``),
so that every message looks the same whichever app sent it.
"""

import re

from django.conf import settings
from django.template.loader import render_to_string

#: The signature separator of base.txt: what follows is the footer (platform, reason).
FOOTER_SEPARATOR = re.compile(r"\n-- ?\n")


def html_from_text(subject, body):
    """The HTML version of the plain-text e-mail ``body``: its message, then its footer."""
    parts = FOOTER_SEPARATOR.split(str(body))
    message = "\n-- \n".join(parts[:-1]) if len(parts) > 1 else parts[0]
    reason = parts[-1].strip() if len(parts) > 1 else ""
    # The footer's first line names the platform, which the HTML layout already shows.
    if reason.startswith(f"{settings.WAGTAIL_SITE_NAME} · "):
        reason = reason.partition("\n")[2].strip()
    context = {"subject": str(subject), "message": message.strip(), "reason": reason}
    return render_to_string("outbox/email/from_text.html", context)
