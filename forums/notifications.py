"""E-mails to the followers of a thread (owned by the notifications work: see the brief)."""


def comment_published(comment):
    """Tell the thread's followers (except the author) about ``comment``: an e-mail now, or a
    digest entry, following each follower's preference."""
    return None  # placeholder until the notifications work lands
