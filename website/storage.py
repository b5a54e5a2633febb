"""Static files storage for production."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed, compressed storage, rewriting only CSS ``url()`` and ``@import``.

    The Leaflet files from the xstatic packages name source maps that the packages do not
    ship; rewriting ``sourceMappingURL`` comments would make collectstatic fail on them.
    """

    patterns = (("*.css", CompressedManifestStaticFilesStorage.patterns[0][1][:2]),)
