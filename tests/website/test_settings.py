"""Production settings refuse to start half-configured and pass Django's deploy checks."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "website.settings.production",
    "SECRET_KEY": "k" * 20 + "-Zq8#vT2!mP9@xL4$wR7^nB3&hJ6*cF1(gD5)sA0",
    "ALLOWED_HOSTS": "auxactescitoyens.example",
    "DATABASE_URL": "sqlite:////tmp/aac-deploy-check.sqlite3",
}


def run_manage(*args, env):
    base = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLOWED_HOSTS"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_deploy_check_reports_nothing_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_cookies_are_secure_unless_a_loopback_test_turns_it_off():
    """The load test serves plain http on 127.0.0.1 (bench/loadtest): SECURE_COOKIES=False is
    its explicit way out; production keeps secure cookies, and the deploy check flags the
    switch."""
    show = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    assert run_manage("shell", "-v0", "-c", show, env=PRODUCTION_ENV).stdout.split() == [
        "True",
        "True",
    ]
    insecure = {**PRODUCTION_ENV, "SECURE_COOKIES": "False"}
    assert run_manage("shell", "-v0", "-c", show, env=insecure).stdout.split() == [
        "False",
        "False",
    ]
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=insecure)
    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stderr


def test_behind_a_trusted_proxy_the_visitors_address_counts_for_the_limits_per_ip():
    """allauth's limits per IP address (logins, sign-ups) must see each visitor's address, not
    the reverse proxy's, or every visitor shares one allowance."""
    show = (
        "from allauth.account.adapter import get_adapter; "
        "from django.test import RequestFactory; "
        "request = RequestFactory().get('/', REMOTE_ADDR='127.0.0.1', "
        "HTTP_X_FORWARDED_FOR='203.0.113.7'); "
        "print(get_adapter(request).get_client_ip(request))"
    )
    assert run_manage("shell", "-v0", "-c", show, env=PRODUCTION_ENV).stdout.split() == [
        "127.0.0.1"
    ]
    behind_proxy = {**PRODUCTION_ENV, "TRUSTED_PROXY_COUNT": "1"}
    assert run_manage("shell", "-v0", "-c", show, env=behind_proxy).stdout.split() == [
        "203.0.113.7"
    ]


def test_a_frontend_cache_in_front_gets_wagtails_purges_when_its_url_is_set():
    show = (
        "from django.conf import settings as s; "
        "print('wagtail.contrib.frontend_cache' in s.INSTALLED_APPS, "
        "getattr(s, 'WAGTAILFRONTENDCACHE', {}).get('purge', {}).get('LOCATION'))"
    )
    assert run_manage("shell", "-v0", "-c", show, env=PRODUCTION_ENV).stdout.split() == [
        "False",
        "None",
    ]
    env = {**PRODUCTION_ENV, "FRONTEND_CACHE_PURGE_URL": "http://127.0.0.1:6081"}
    assert run_manage("shell", "-v0", "-c", show, env=env).stdout.split() == [
        "True",
        "http://127.0.0.1:6081",
    ]


def test_the_release_in_every_cached_page_key_is_the_checked_out_commit_unless_set():
    show = "from django.conf import settings as s; print(s.RELEASE)"
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"],  # noqa: S607
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if head:
        assert (
            run_manage("shell", "-v0", "-c", show, env=PRODUCTION_ENV).stdout.strip() == head[:12]
        )
    env = {**PRODUCTION_ENV, "RELEASE": "2026.12"}
    assert run_manage("shell", "-v0", "-c", show, env=env).stdout.strip() == "2026.12"
