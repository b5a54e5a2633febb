"""Backups of the whole platform: the database and the stored files, in one archive.

``manage.py backup`` writes a gzipped tar archive and, beside it, ``<archive>.sha256`` in
``sha256sum`` format. The archive holds, in this order:

- ``manifest.json``: when, from which versions (Python, Django, Wagtail), the installed
  plugins, the database vendor, the last applied migration of each app, each table's row
  count as dumped, and every other member's size and SHA-256;
- the database: ``database.pgdump`` (``pg_dump --format=custom``) or ``database.sqlite3`` (a
  copy made with SQLite's backup API);
- ``storages/<alias>/<name>``: every file of every storage in ``STORAGES`` but the static
  files (``collectstatic`` rebuilds those), read through Django's storage API so a remote
  storage is backed up the same way as a folder.

``manage.py restore`` checks all of it before it writes anything.

It lives in the core (``cms_pages``) because a management command needs an installed app, the
core is always installed, and a backup must cover every table whatever plugins run: it names
no model, it dumps the database and walks the storages as they are.
"""
