"""GeoJSON responses for the shared map component, and the 400 of a malformed request."""

import json

from django.http import HttpResponse

# Same escapes as Django's json_script: the output stays inert if ever inlined in HTML.
_HTML_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def feature(geometry, **properties):
    """One GeoJSON Feature."""
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def point(latitude, longitude):
    return {"type": "Point", "coordinates": [longitude, latitude]}


def geojson_response(features, **members):
    """A FeatureCollection response; extra ``members`` (e.g. counts) go beside ``features``."""
    body = json.dumps(
        {"type": "FeatureCollection", "features": list(features), **members},
        ensure_ascii=False,
        separators=(",", ":"),
    ).translate(_HTML_ESCAPES)
    response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def bad_request(message, errors=None):
    """A 400 whose JSON body names the problem (escaped like the GeoJSON: inert in HTML)."""
    body = {"error": str(message)}
    if errors:
        body["errors"] = errors
    text = json.dumps(body, ensure_ascii=False).translate(_HTML_ESCAPES)
    response = HttpResponse(text, status=400, content_type="application/json; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    return response
