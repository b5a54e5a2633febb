"""The archive: members with their hashes in a manifest, and a checksum of the whole beside it."""

import hashlib
import io
import json
import os
import tarfile
import time
import zlib
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
FORMAT = 1
CHUNK = 1024 * 1024


def copy_hashing(source, destination):
    """Copy a binary stream into another; the size and SHA-256 of what went through."""
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        destination.write(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def stream_sha256(handle):
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def file_sha256(path):
    with Path(path).open("rb") as handle:
        return stream_sha256(handle)


def checksum_path(archive):
    return Path(f"{archive}.sha256")


def write(archive, manifest, members):
    """Write the archive (the manifest first, then ``members``: (name in the archive, file on
    disk) pairs) and its checksum file; return the archive's SHA-256.

    The archive is written under a temporary name and renamed once complete, so an
    interrupted backup never leaves an archive that looks whole; it holds the whole database
    (password hashes, sessions, e-mails) and the private files, so it is readable by its owner
    only (0600), whatever the umask.
    """
    archive = Path(archive)
    partial = archive.with_name(archive.name + ".part")
    data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
    info = _anonymous(tarfile.TarInfo(MANIFEST))
    info.size, info.mtime, info.mode = len(data), time.time(), 0o644
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        os.chmod(partial, 0o600)
        with tarfile.open(partial, "w:gz") as tar:
            tar.addfile(info, io.BytesIO(data))
            for name, path in members:
                tar.add(path, arcname=name, filter=_anonymous)
        digest = file_sha256(partial)
        # The checksum first: a backup cut short leaves no archive without one.
        checksum_path(archive).write_text(f"{digest}  {archive.name}\n", "utf-8")
        os.chmod(checksum_path(archive), 0o600)
        partial.replace(archive)
    finally:
        partial.unlink(missing_ok=True)
    return digest


def _anonymous(info):
    """No owner of the machine that made the backup in the archive."""
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def verify_checksum(archive):
    """Refuse an archive whose bytes differ from those its ``.sha256`` file vouches for."""
    archive = Path(archive)
    if not archive.is_file():
        raise CommandError(_("The archive %(path)s does not exist.") % {"path": archive})
    try:
        line = checksum_path(archive).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(
            _("Cannot read the checksum file %(path)s, written beside the archive by the backup.")
            % {"path": checksum_path(archive)}
        ) from error
    expected = line.split(maxsplit=1)[0].lower() if line.strip() else ""
    if file_sha256(archive) != expected:
        raise CommandError(
            _(
                "The archive %(path)s does not match its checksum: it is corrupted or was "
                "changed. Nothing was restored."
            )
            % {"path": archive}
        )


def extract(archive, folder):
    """Unpack the archive's members into ``folder`` under plain numbered names, checking each
    against the manifest; return the manifest and the place of each member on disk.

    Members are streamed out one by one, never extracted by the names they carry: a name in an
    archive cannot reach outside ``folder``.
    """
    folder = Path(folder)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            first = tar.next()
            if first is None or first.name != MANIFEST or not first.isfile():
                raise _not_a_backup(archive)
            manifest = _read_manifest(tar.extractfile(first), archive)
            expected = {entry["name"]: entry for entry in manifest["files"]}
            places = {}
            while (member := tar.next()) is not None:
                entry = expected.get(member.name)
                if entry is None or member.name in places or not member.isfile():
                    raise _not_a_backup(archive)
                place = folder / str(len(places))
                with tar.extractfile(member) as source, place.open("wb") as destination:
                    size, sha256 = copy_hashing(source, destination)
                if (size, sha256) != (entry["size"], entry["sha256"]):
                    raise CommandError(
                        _(
                            "%(name)s in the archive does not match its manifest: %(path)s is "
                            "corrupted. Nothing was restored."
                        )
                        % {"name": member.name, "path": archive}
                    )
                places[member.name] = place
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise CommandError(
            _("The archive %(path)s cannot be read (%(error)s). Nothing was restored.")
            % {"path": archive, "error": error}
        ) from error
    missing = set(expected) - set(places)
    if missing:
        raise CommandError(
            _("The archive %(path)s lacks %(names)s, listed in its manifest. Nothing was restored.")
            % {"path": archive, "names": ", ".join(sorted(missing))}
        )
    return manifest, places


def _read_manifest(handle, archive):
    try:
        manifest = json.loads(handle.read())
    except ValueError as error:
        raise _not_a_backup(archive) from error
    if not _well_formed(manifest):
        raise _not_a_backup(archive)
    return manifest


def _well_formed(manifest):
    def entry_ok(entry):
        return (
            isinstance(entry, dict)
            and isinstance(entry.get("name"), str)
            and isinstance(entry.get("size"), int)
            and isinstance(entry.get("sha256"), str)
        )

    return (
        isinstance(manifest, dict)
        and manifest.get("format") == FORMAT
        and isinstance(manifest.get("database"), dict)
        and isinstance(manifest["database"].get("vendor"), str)
        and isinstance(manifest["database"].get("file"), str)
        and isinstance(manifest["database"].get("rows"), dict)
        and isinstance(manifest.get("files"), list)
        and all(entry_ok(entry) for entry in manifest["files"])
    )


def _not_a_backup(archive):
    return CommandError(
        _("%(path)s is not a backup made by manage.py backup. Nothing was restored.")
        % {"path": archive}
    )


#: How ``manage.py backup`` names its archives in ``BACKUP_DIR`` (a UTC time follows).
DEFAULT_PREFIX = "aux-actes-citoyens-"


def prune(folder, before, dry_run=False):
    """Delete the archives ``manage.py backup`` wrote under its default name in ``folder``
    (and their ``.sha256``) last modified before ``before`` (an aware datetime): the number of
    archives. Archives written elsewhere or under another name (``--output``) are the
    operator's to keep."""
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    old = [
        path
        for path in folder.glob(f"{DEFAULT_PREFIX}*.tar.gz")
        if path.stat().st_mtime < before.timestamp()
    ]
    if not dry_run:
        for path in old:
            checksum_path(path).unlink(missing_ok=True)
            path.unlink(missing_ok=True)
    return len(old)
