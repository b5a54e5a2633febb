"""Phase 1 of the programme: révoltes and rêves."""

from .contributions import Contribution, ContributionTag
from .supports import Support

__all__ = ["Contribution", "ContributionTag", "Support"]
