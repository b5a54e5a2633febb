"""The per-account limit on new révoltes and rêves (``accounts.ratelimit``): the account's
contributions created in the window are counted."""

from accounts.ratelimit import AccountRateLimit, duplicate_window_start, recent_duplicate

from .models import Contribution


def count_contributions(user, since):
    return Contribution.objects.filter(author=user, created_at__gt=since).count()


contributions = AccountRateLimit("CONTRIBUTIONS_RATE_LIMIT", count=count_contributions)


def duplicate_contribution(user, data):
    """The same contribution (kind, territory, title and text) sent by ``user`` a moment ago
    (a double submit), or None."""
    recent = Contribution.objects.filter(
        author=user,
        kind=data["kind"],
        territory=data["territory"],
        created_at__gt=duplicate_window_start(),
    ).order_by("-created_at", "-pk")
    return recent_duplicate(
        user, recent, lambda row: (row.title, row.text), (data.get("title", ""), data["text"])
    )
