"""The chat page in a real browser (Debian's Chromium driven by Playwright) on the real stack:
small screens, accessibility, the dashboard and the engine unavailable."""

from __future__ import annotations

import re

import pytest
from helpers.support import DASHBOARD_PASSWORD
from playwright.sync_api import Browser, Page, expect
from web_page import AXE, ask, bot_turns, open_chat, screenshot

from bot.supervisor import Stack

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(("width", "height", "name"), [(360, 740, "phone"), (320, 256, "zoom400")])
def test_reflows_on_a_phone_and_at_400_percent_zoom(
    page: Page, width: int, height: int, name: str
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    open_chat(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    expect(page.get_by_role("button", name="Exit this page")).to_be_in_viewport()
    screenshot(page, f"05-{name}")


def test_no_serious_or_critical_accessibility_violations(browser: Browser, stack: Stack) -> None:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: `make test` runs `npm ci`.")
    # axe is injected as a script, so this one context lifts the page's CSP.
    context = browser.new_context(bypass_csp=True, base_url=stack.settings.gateway_url)
    page = context.new_page()
    try:
        open_chat(page)
        page.get_by_role("button", name="I work with families").click()
        expect(bot_turns(page)).to_have_count(3)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'tag',
                 values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
        )
        bad = [
            (v["id"], v["impact"], len(v["nodes"]))
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert bad == []
    finally:
        context.close()


def test_feedback_buttons_then_the_dashboard_in_a_real_browser(
    page: Page, browser: Browser, stack: Stack
) -> None:
    open_chat(page)
    ask(page, "what is the DASH checklist?")
    expect(page.get_by_text("Was this helpful?")).to_be_visible()
    page.get_by_role("button", name="Yes").click()
    expect(page.get_by_text("Thank you, that's useful to know.")).to_be_visible()

    anonymous = browser.new_context(base_url=stack.settings.gateway_url)
    try:
        assert anonymous.request.get("/dashboard").status == 401
    finally:
        anonymous.close()
    context = browser.new_context(
        base_url=stack.settings.gateway_url,
        bypass_csp=True,  # for axe only; the page itself has no script
        http_credentials={"username": "dashboard", "password": DASHBOARD_PASSWORD},
    )
    errors: list[str] = []
    try:
        dashboard = context.new_page()
        dashboard.on("pageerror", lambda exc: errors.append(str(exc)))
        dashboard.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        assert dashboard.goto("/dashboard").status == 200
        expect(dashboard.get_by_role("heading", name="Helpfulness by topic")).to_be_visible()
        expect(dashboard.get_by_role("row", name="faq/dash_checklist").first).to_be_visible()
        dashboard.get_by_label("Role", exact=True).select_option("practitioner")
        dashboard.get_by_role("button", name="Apply").click()
        expect(dashboard).to_have_url(re.compile(r"role=practitioner"))
        screenshot(dashboard, "dashboard")
        dashboard.add_script_tag(path=str(AXE))
        result = dashboard.evaluate(
            "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
        )
        bad = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == []
    finally:
        context.close()
    assert errors == []


@pytest.mark.stops_processes
def test_service_unavailable_is_shown_with_the_helpline(
    page: Page, stack: Stack, browser_errors: list[str]
) -> None:
    stack.stop_process("engine")
    page.goto("/")
    notice = page.locator(".turn-error").last
    expect(notice).to_contain_text("isn't available right now")
    expect(notice.locator('a[href="tel:08082000247"]')).to_be_visible()
    screenshot(page, "06-unavailable")
    # Chromium logs the 503 itself; that one is expected here.
    browser_errors.remove(
        "Failed to load resource: the server responded with a status of 503 (Service Unavailable)"
    )
