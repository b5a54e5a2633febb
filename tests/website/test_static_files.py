"""Production static files: collectstatic succeeds and the map assets come from our host."""

from django.core.management import call_command


def test_collectstatic_with_the_production_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "website.storage.StaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    collected = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")}
    assert "vendor/leaflet/leaflet.js" in collected
    assert "vendor/leaflet-markercluster/leaflet.markercluster.js" in collected
    assert "staticfiles.json" in collected
