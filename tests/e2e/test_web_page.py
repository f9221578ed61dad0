"""The chat page in a real browser (Debian's Chromium driven by Playwright) on the real stack."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from web_page import NEUTRAL, SCREENSHOTS, ask, bot_turns, first_reply, open_chat, screenshot

from bot.safety_planning.content import walkthrough
from bot.supervisor import Stack

pytestmark = pytest.mark.e2e


def test_page_loads_with_notice_exit_and_role_buttons(page: Page) -> None:
    response = page.goto("/")
    assert response is not None
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    expect(page.get_by_role("button", name="Exit this page")).to_be_visible()
    expect(page.locator("#notice")).to_contain_text("Don't enter names or identifying details")
    expect(page.locator("#notice")).to_contain_text("call 999")
    for role in ("I work with families", "I'm a school safeguarding lead", "I commission services"):
        expect(page.get_by_role("button", name=role)).to_be_visible()
    screenshot(page, "01-start")


def test_role_button_shows_the_title_and_gets_a_reply(page: Page) -> None:
    open_chat(page)
    page.get_by_role("button", name="I'm a school safeguarding lead").click()
    expect(page.locator(".turn-user").last).to_contain_text("I'm a school safeguarding lead")
    expect(bot_turns(page).last).to_contain_text("designated safeguarding lead")
    screenshot(page, "02-role")


def test_a_guidance_question_is_answered_with_its_source(page: Page) -> None:
    open_chat(page)
    ask(page, "what is the DASH checklist?")
    answer = bot_turns(page).nth(-2)  # the last is "Was this helpful?"
    expect(answer).to_contain_text(re.compile(r"Sources?: "))
    expect(answer.locator("li").first).to_be_visible()  # lists are rendered
    expect(bot_turns(page).last).to_contain_text("Was this helpful?")


def test_helplines_card_has_tel_links_and_downloads(page: Page, tmp_path: Path) -> None:
    open_chat(page)
    ask(page, "what helpline numbers are there?")
    expect(bot_turns(page).last.locator('a[href="tel:08082000247"]')).to_be_visible()
    card = page.locator(".card").last
    screenshot(page, "03-helplines-card")
    with page.expect_download() as download_info:
        card.get_by_role("button", name="Download (.md)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".md")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    content = saved.read_text()
    assert "0808 2000 247" in content and "Source" in content


def test_the_safety_planning_summary_downloads_as_word_and_pdf(page: Page, tmp_path: Path) -> None:
    import pypdfium2 as pdfium
    from docx import Document as DocxDocument

    open_chat(page)
    ask(page, "I need to do safety planning for a family")
    ask(page, "controlling money, threats")
    for _ in range(len(walkthrough().slots) - 1):
        ask(page, "skip")
    card = page.locator(".card").filter(has_text="Safety-planning summary").last
    expect(card).to_be_visible()
    expect(page.get_by_text("The links work for 30 minutes")).to_have_count(0)  # on the card
    screenshot(page, "04-summary-card")
    files = {}
    for label, suffix in (("Word (.docx)", ".docx"), ("PDF", ".pdf")):
        with page.expect_download() as download_info:
            card.get_by_role("link", name=f"Download {label}").click()
        download = download_info.value
        assert download.suggested_filename == f"safety-planning-summary{suffix}"
        files[suffix] = tmp_path / download.suggested_filename
        download.save_as(files[suffix])
    word = DocxDocument(str(files[".docx"]))
    assert "Controlling money" in "\n".join(p.text for p in word.paragraphs)
    pdf = pdfium.PdfDocument(str(files[".pdf"]))
    assert "Controlling money" in pdf[0].get_textpage().get_text_range()
    # The first page as a picture, for a person to look at.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf[0].render(scale=1.5).to_pil().save(SCREENSHOTS / "05-summary-pdf-page1.png")


def test_crisis_message_puts_999_first(page: Page) -> None:
    open_chat(page)
    ask(page, "he's outside her door with a knife")
    expect(first_reply(page)).to_contain_text("call 999 now")
    expect(first_reply(page).locator('a[href="tel:999"]').first).to_be_visible()
    screenshot(page, "04-crisis")


def test_quick_exit_button_leaves_and_back_does_not_return(page: Page, stack: Stack) -> None:
    open_chat(page)
    ask(page, "hello")
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert not page.url.startswith(stack.settings.gateway_url)


def test_escape_twice_is_a_quick_exit(page: Page) -> None:
    open_chat(page)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL)


def test_start_again_clears_the_conversation(page: Page) -> None:
    open_chat(page)
    ask(page, "what helplines are there?")
    page.get_by_role("button", name="Start again").click()
    expect(page.locator(".turn-user")).to_have_count(0)
    expect(page.get_by_role("button", name="I work with families")).to_be_visible()
    expect(page.locator(".card")).to_have_count(0)


def test_nothing_is_left_in_browser_storage(page: Page) -> None:
    open_chat(page)
    page.get_by_role("button", name="I work with families").click()
    ask(page, "what helplines are there?")
    stored = page.evaluate(
        """async () => ({
            local: localStorage.length,
            session: sessionStorage.length,
            cookie: document.cookie,
            idb: (await indexedDB.databases()).length,
            caches: (await caches.keys()).length,
        })"""
    )
    assert stored == {"local": 0, "session": 0, "cookie": "", "idb": 0, "caches": 0}
    assert page.context.cookies() == []


def test_keyboard_only_use(page: Page) -> None:
    open_chat(page)
    for _ in range(25):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "I work with families":
            break
    else:
        pytest.fail("the role buttons cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(bot_turns(page).last).to_contain_text("you work with families")
    page.get_by_label("Your message").focus()
    page.keyboard.type("thanks")
    page.keyboard.press("Enter")
    expect(bot_turns(page).last).to_contain_text("welcome")
