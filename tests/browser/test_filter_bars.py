"""The filter bars of /contributions/ and /initiatives/ at 1280 px: no list is cut."""

import pytest

pytestmark = pytest.mark.browser

# How much of a select's width its padding, border and arrow take.
SELECT_CHROME = 40

MEASURE = """(selector) => {
  const canvas = document.createElement("canvas").getContext("2d");
  return Array.from(document.querySelectorAll(selector + " select")).map((select) => {
    canvas.font = getComputedStyle(select).font;
    const widths = Array.from(select.options).map((o) => canvas.measureText(o.text).width);
    return {
      name: select.name,
      width: select.getBoundingClientRect().width,
      first: widths[0],
      longest: Math.max(...widths),
    };
  });
}"""


@pytest.mark.parametrize("url", ["/contributions/", "/initiatives/"])
def test_every_filter_list_shows_its_choice_whole_at_1280_px(site, page, url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    selects = page.evaluate(MEASURE, "form.contribution-filters")
    assert len(selects) >= 4
    for select in selects:
        # The event list names whole events: only its « all events » choice must fit.
        wanted = select["first"] if select["name"] == "evenement" else select["longest"]
        assert wanted + SELECT_CHROME <= select["width"], select
