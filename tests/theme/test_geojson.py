"""The 400 every map endpoint answers to a malformed request."""

import json

from theme.geojson import bad_request


def test_bad_request_names_the_problem_in_json_inert_in_html():
    response = bad_request("<b>bbox</b> & co", {"territoire": ["Inconnu"]})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    text = response.content.decode()
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"error": "<b>bbox</b> & co", "errors": {"territoire": ["Inconnu"]}}


def test_bad_request_without_details_has_only_the_error():
    assert json.loads(bad_request("zoom").content) == {"error": "zoom"}
