"""Production: refuses to start without a secret key and allowed hosts; HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY, env

if not SECRET_KEY:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set the ALLOWED_HOSTS environment variable.")

DEBUG = False
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Cookies go over HTTPS only. SECURE_COOKIES=False is for a test served over plain HTTP on the
# loopback (bench/loadtest): clients never send a secure cookie back over http, so nobody
# could log in there.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# Behind the reverse proxy every request comes from the proxy's address: allauth's limits per
# IP address (logins, sign-ups, password resets) would count all visitors as one. With
# TRUSTED_PROXY_COUNT proxies in front, the visitor's address is read from X-Forwarded-For
# (the address the first of them saw); 0, or no such header: REMOTE_ADDR.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if env("SESSION_ENGINE", default=""):
    SESSION_ENGINE = env("SESSION_ENGINE")
