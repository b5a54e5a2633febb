"""The stored files' part of a backup, read and written through Django's storage API, so a
remote storage (S3 and the like) is backed up and restored the same way as a local folder.

Every storage in ``STORAGES`` is taken but the static files' (``collectstatic`` rebuilds
them): uploads, Wagtail's images and documents, and any private storage, whose files the
database's rows point to — a restore without them would leave rows naming missing files.
"""

import hashlib

from django.conf import STATICFILES_STORAGE_ALIAS, settings
from django.core.files import File
from django.core.files.storage import storages
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from cms_pages.backups.archive import copy_hashing, stream_sha256

PREFIX = "storages/"


def backed_up():
    """The aliases of the storages a backup holds."""
    return [alias for alias in settings.STORAGES if alias != STATICFILES_STORAGE_ALIAS]


def walk(storage, folder=""):
    """Every file name in ``storage`` under ``folder``, depth first, in a stable order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local storage nothing was ever written to
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from walk(storage, f"{folder}/{name}" if folder else name)


def copy_out(folder):
    """Copy every stored file into ``folder``; yield (name in the archive, path, size,
    SHA-256) for each."""
    for alias in backed_up():
        storage = storages[alias]
        for name in walk(storage):
            path = folder / f"stored-{alias}-{hashlib.sha256(name.encode()).hexdigest()}"
            try:
                with storage.open(name, "rb") as source, path.open("wb") as destination:
                    size, sha256 = copy_hashing(source, destination)
            except OSError as error:
                raise CommandError(
                    _("Cannot read the stored file %(name)s (storage “%(alias)s”): %(error)s")
                    % {"name": name, "alias": alias, "error": error}
                ) from error
            yield f"{PREFIX}{alias}/{name}", path, size, sha256


def plan(entries, replace):
    """The stored files to write back, as (storage, name, manifest entry), and the names of
    those already there with the same bytes, left alone; a different file there refuses the
    restore unless ``replace``. Checked before anything is written."""
    writes, unchanged, different = [], [], []
    for entry in entries:
        if not entry["name"].startswith(PREFIX):
            continue
        alias, _slash, name = entry["name"].removeprefix(PREFIX).partition("/")
        if alias not in backed_up():
            raise CommandError(
                _(
                    "The backup holds files of the storage “%(alias)s”, which this site does "
                    "not configure (STORAGES). Nothing was restored."
                )
                % {"alias": alias}
            )
        storage = storages[alias]
        if storage.exists(name):
            if stored_sha256(storage, name) == entry["sha256"]:
                unchanged.append(entry["name"])
                continue
            different.append(entry["name"])
        writes.append((storage, name, entry))
    if different and not replace:
        raise CommandError(
            _(
                "Stored files differ from the backup's (%(count)d: %(names)s): restore into "
                "empty storage, or pass --replace to overwrite them. Nothing was restored."
            )
            % {"count": len(different), "names": ", ".join(different[:5])}
        )
    return writes, unchanged


def stored_sha256(storage, name):
    with storage.open(name, "rb") as handle:
        return stream_sha256(handle)


def write(storage, name, path):
    """Store the file at ``path`` under ``name`` exactly (a storage saves a clashing name
    under another one, so what is there goes first)."""
    if storage.exists(name):
        storage.delete(name)
    with path.open("rb") as handle:
        storage.save(name, File(handle, name=name))
