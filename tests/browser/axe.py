"""The accessibility check of the browser tests: axe finds no serious or critical violation."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = {"serious", "critical"}


def assert_no_serious_violation(page):
    """axe on the page as it is now; its report on failure."""
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, results.generate_report()
