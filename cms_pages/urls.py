"""The core's own public URLs beside Wagtail's tree: sitemap, robots.txt, feeds and the
territories' GeoJSON."""

from django.urls import path
from wagtail.contrib.sitemaps import views as sitemap_views

from . import feeds, sitemaps, views


def sitemap(request):
    """The sitemap of the pages and of every installed plugin's sections."""
    return sitemap_views.sitemap(request, sitemaps=sitemaps.sitemaps())


urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("couleurs-des-enjeux.css", views.enjeu_colours_css, name="enjeu-colours-css"),
    path("flux/<slug:slug>.atom", feeds.feed, name="feed"),
    path("api/territoires.geojson", views.territories_geojson, name="territories-geojson"),
]
