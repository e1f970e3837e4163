"""axe-core (axe-playwright-python) run in a test's page: WCAG 2.1 A and AA violations, one line each."""

from axe_playwright_python.sync_playwright import Axe

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page) -> list[str]:
    """PAGE's WCAG 2.1 A/AA violations as `rule: first target`; a test asserts the list is empty."""
    results = Axe().run(page, options=AXE_OPTIONS)
    return [f"{v['id']}: {v['nodes'][0]['target']}" for v in results.response["violations"]]
