"""Forums: threads under an enjeu or an initiative, their comments, follows and digests."""

from .comments import Comment
from .notifications import DigestEntry, ThreadFollow
from .threads import Thread

__all__ = ["Comment", "DigestEntry", "Thread", "ThreadFollow"]
