"""Moderation decisions on révoltes and rêves, shared by the admin and any later caller.

Each function runs in one transaction, records every decision in Wagtail's audit log (one
entry per object, each with its own uuid: Wagtail's history keeps only the latest entry per
uuid and action, which would hide all but one object of a bulk action) and
e-mails the author (the outbox sends it once the transaction commits). E-mails link to public
pages only — the contribution's page or the author's "mes contributions" — never to the admin.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from consultation.models import Contribution
from moderation import reasons
from moderation import reports as core_reports
from moderation.audit import log
from outbox.links import absolute_url

PUBLISH = "consultation.publish"
HIDE = "consultation.hide"
REJECT = "consultation.reject"
LINK_ENJEU = "consultation.link_enjeu"

REASON_MAX_LENGTH = Contribution._meta.get_field("moderation_reason").max_length

# Decision -> (status, audit action).
DECISIONS = {
    "publish": (Contribution.Status.PUBLISHED, PUBLISH),
    "hide": (Contribution.Status.HIDDEN, HIDE),
    "reject": (Contribution.Status.REJECTED, REJECT),
}


def publish(contributions, moderator):
    """Show the contributions publicly; their open reports are resolved."""
    return _decide(contributions, moderator, "publish", reason="")


def hide(contributions, moderator, reason):
    """Take the contributions off the public site; ``reason`` is shown to their authors."""
    return _decide(contributions, moderator, "hide", reason=clean_reason(reason))


def reject(contributions, moderator, reason):
    """Refuse the contributions; ``reason`` is shown to their authors."""
    return _decide(contributions, moderator, "reject", reason=clean_reason(reason))


def set_status(contributions, moderator, status, reason=""):
    """Apply the decision that leads to ``status`` (the admin edit form's way in)."""
    decision = {status_: name for name, (status_, _action) in DECISIONS.items()}.get(status)
    if decision is None:
        raise ValidationError(
            _("A contribution cannot go back to pending moderation."), code="no_return_to_pending"
        )
    if decision == "publish":
        return publish(contributions, moderator)
    return _decide(contributions, moderator, decision, reason=clean_reason(reason))


def link_to_enjeu(contributions, moderator, enjeu):
    """Relate the contributions to ``enjeu``; authors of published ones are told."""
    _check_moderator(moderator)
    linked = []
    with transaction.atomic():
        for contribution in _locked(contributions):
            if contribution.enjeux.filter(pk=enjeu.pk).exists():
                continue
            contribution.enjeux.add(enjeu)
            log(
                instance=contribution,
                action=LINK_ENJEU,
                user=moderator,
                data={"enjeu": {"id": enjeu.pk, "title": enjeu.title}},
            )
            if contribution.status == Contribution.Status.PUBLISHED:
                _notify(contribution, "link_enjeu", enjeu=enjeu)
            linked.append(contribution)
    return linked


def resolve_reports(reports, moderator):
    """Mark open reports resolved, each one in the audit log."""
    _check_moderator(moderator)
    return core_reports.resolve_reports(reports, moderator)


def clean_reason(reason, limit=REASON_MAX_LENGTH):
    """The reason, stripped; refused when empty or longer than ``limit`` (the model's
    column)."""
    return reasons.clean_reason(reason, limit)


def _check_moderator(moderator):
    if moderator is None or not moderator.has_perm("consultation.moderate_contribution"):
        raise PermissionDenied


def _locked(contributions):
    """Fresh rows, locked until the end of the transaction, so two moderators acting at
    once do not both notify the author."""
    pks = [getattr(c, "pk", c) for c in contributions]
    return list(
        Contribution.objects.select_for_update(of=("self",))
        .select_related("author")
        .filter(pk__in=pks)
        .order_by("pk")
    )


def _decide(contributions, moderator, decision, reason):
    _check_moderator(moderator)
    status, action = DECISIONS[decision]
    changed = []
    with transaction.atomic():
        now = timezone.now()
        acted_on = _locked(contributions)
        for contribution in acted_on:
            if contribution.status == status and contribution.moderation_reason == reason:
                # Confirming a decision (e.g. keeping a reported contribution) is still a
                # moderation act: logged, reports resolved, but the author is not re-notified.
                log(instance=contribution, action=action, user=moderator, data={"reason": reason})
                continue
            contribution.status = status
            contribution.moderation_reason = reason
            contribution.moderated_by = moderator
            contribution.moderated_at = now
            contribution.save(
                update_fields=[
                    "status",
                    "moderation_reason",
                    "moderated_by",
                    "moderated_at",
                    "updated_at",
                ]
            )
            log(instance=contribution, action=action, user=moderator, data={"reason": reason})
            _notify(contribution, decision, reason=reason)
            changed.append(contribution)
        _resolve_reports_of(acted_on, moderator)
    return changed


def _resolve_reports_of(contributions, moderator):
    if contributions:
        core_reports.resolve_reports_of(Contribution, contributions, moderator)


# E-mails.


def public_url(contribution):
    try:
        path = reverse("consultation:detail", args=[contribution.pk])
    except NoReverseMatch:
        path = f"/contributions/{contribution.pk}/"
    return absolute_url(path)


def mine_url():
    try:
        path = reverse("consultation:mine")
    except NoReverseMatch:
        path = "/contributions/mes-contributions/"
    return absolute_url(path)


SUBJECTS = {
    "publish": lambda: _("Your contribution is published"),
    "hide": lambda: _("Your contribution is hidden"),
    "reject": lambda: _("Your contribution was not accepted"),
    "link_enjeu": lambda: _("Your contribution is linked to an enjeu"),
}


def _notify(contribution, decision, reason="", enjeu=None):
    """Plain-text e-mail to the author, in the site's language: no HTML part, so nothing a
    citizen or a moderator typed can become markup."""
    author = contribution.author
    if author is None or not author.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "decision": decision,
            "author_name": author.display_name,
            "kind": str(contribution.get_kind_display()).lower(),
            "excerpt": contribution.title or Truncator(contribution.text).chars(200),
            "reason": reason,
            "enjeu_title": enjeu.title if enjeu else "",
            "enjeu_url": absolute_url(enjeu.get_url() or "") if enjeu else "",
            "url": public_url(contribution)
            if contribution.status == Contribution.Status.PUBLISHED
            else mine_url(),
            "mine_url": mine_url(),
        }
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + str(SUBJECTS[decision]())
        body = render_to_string("consultation/email/moderation_decision.txt", context).strip()
    send_mail(subject, body, None, [author.email])
