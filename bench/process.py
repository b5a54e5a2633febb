"""How the bench runs the site's code against one of its databases: the production settings,
served on 127.0.0.1 only, with Redis as the cache, e-mails kept in memory."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")


def connect(db_name="postgres"):
    """An autocommit connection to ``db_name`` (the server's own database by default)."""
    import psycopg

    return psycopg.connect(f"{PG}/{db_name}", autocommit=True)


def site_env(db_name, cache_prefix="bench"):
    """The environment of the site on ``db_name``; ``cache_prefix`` keeps the keys of two
    databases served at once apart in the one Redis database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "DATABASE_URL": f"{PG}/{db_name}",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": cache_prefix,
        "PAGE_CACHE_KEY_PREFIX": f"{cache_prefix}-pages",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_HSTS_SECONDS": "0",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def module(env, name, *args):
    """Run ``python -m bench.<name> args`` on the database of ``env``."""
    subprocess.run([PYTHON, "-m", f"bench.{name}", *args], cwd=BASE_DIR, env=env, check=True)


def module_json(env, name, *args):
    """What ``python -m bench.<name> args`` printed last, as JSON."""
    result = subprocess.run(
        [PYTHON, "-m", f"bench.{name}", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def flush_cache():
    """Empty the bench's Redis database: no page is cached before the run measures it."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
