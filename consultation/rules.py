"""Who may do what with révoltes and rêves (rules predicates)."""

import rules

from accounts.rules import is_facilitator, is_moderator


@rules.predicate
def is_author(user, contribution):
    return contribution is not None and user.is_authenticated and contribution.author_id == user.pk


@rules.predicate
def is_published(user, contribution):
    return contribution is not None and contribution.status == contribution.Status.PUBLISHED


can_moderate = is_moderator | rules.is_superuser

rules.add_perm("consultation.see_contribution", is_published | is_author | can_moderate)
rules.add_perm("consultation.post_contribution", rules.is_active)
rules.add_perm("consultation.support_contribution", rules.is_active & is_published)
rules.add_perm("consultation.report_contribution", rules.is_active & is_published & ~is_author)
rules.add_perm(
    "consultation.capture_contribution", rules.is_active & (is_facilitator | can_moderate)
)
rules.add_perm("consultation.moderate_contribution", rules.is_active & can_moderate)
