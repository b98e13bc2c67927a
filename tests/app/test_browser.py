"""End to end in a real browser: `kb app` on a free port, Debian chromium driven by playwright.

Needs /usr/bin/chromium and fonts-noto-cjk (scripts/ensure-browser.sh installs both); never `playwright install`.
Screenshots go to test-artifacts/. Only the processes this test starts are stopped, by their process group.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kb.config import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
FIVE = ["convnext_small.fb_in22k_ft_in1k_384", "deit3_small_patch16_384.fb_in22k_ft_in1k",
        "vit_small_patch16_384.augreg_in21k_ft_in1k", "vit_small_patch32_384.augreg_in21k_ft_in1k",
        "vit_small_r26_s32_384.augreg_in21k_ft_in1k"]
QUESTIONS = [("which small in22k model at 384?", "browser-en.png", "Matching weights (5)"),
             ("384 해상도의 small in22k 모델 알려줘", "browser-ko.png", "조건에 맞는 가중치 (5)")]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
KB = shutil.which("kb", path=str(Path(sys.executable).parent)) or "kb"

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"kb app exited with {process.returncode} before answering HTTP")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"kb app did not answer HTTP at {url} within {seconds:.0f}s")


@pytest.fixture(scope="module")
def running_app(built_kb_home, tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not at /usr/bin/chromium: run scripts/ensure-browser.sh as root")
    pytest.importorskip("playwright.sync_api", reason="playwright (python package) is not installed in the venv")
    port = free_port()
    log = (tmp_path_factory.mktemp("kb-app") / "kb-app.log").open("wb")
    started = time.monotonic()
    process = subprocess.Popen([KB, "app", "--port", str(port)], cwd=PROJECT_ROOT,
                               env=dict(os.environ, KB_HOME=str(built_kb_home), HF_HUB_OFFLINE="1"),
                               start_new_session=True, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(url, process, 120)
        yield url, started
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)  # the group this test created: kb app and its streamlit
            process.wait(timeout=15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        log.close()


def full_page_screenshot(page, path: Path) -> None:
    """Streamlit scrolls inside its main container (pinned to the bottom for chat), so grow the viewport until
    the whole conversation fits, scroll it to the top, then shoot."""
    for _ in range(3):
        height = page.evaluate(
            "() => { const main = document.querySelector('.stMain'); if (main) main.scrollTo(0, 0);"
            " return Math.max(document.body.scrollHeight, ...[...document.querySelectorAll("
            "'.stMain, [data-testid=stSidebarContent]')].map(e => e.scrollHeight)); }")
        if height <= page.viewport_size["height"]:
            break
        page.set_viewport_size({"width": 1400, "height": min(int(height) + 50, 12_000)})
        page.wait_for_timeout(800)  # let the chart re-layout
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


def ask(page, question: str, turn: int):
    """Type a question, wait for its answer; the answer's chat message."""
    from playwright.sync_api import expect

    box = page.get_by_test_id("stChatInputTextArea")
    box.wait_for(timeout=120_000)
    box.fill(question)
    box.press("Enter")
    messages = page.get_by_test_id("stChatMessage")
    expect(messages).to_have_count(2 * turn, timeout=180_000)  # a user and an assistant turn each
    wait_until_idle(page)
    no_error_on(page)
    return messages.last


def wait_until_idle(page) -> None:
    """Until Streamlit has finished the rerun a widget started (its status widget says "Running")."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')"
                           " || !document.querySelector('[data-testid=stStatusWidget]').innerText.includes('Running')",
                           timeout=60_000)


def pick(page, answer, names: list[str]) -> None:
    """Choose weights in the answer's "pick" box, as a user does: type the name, Enter on the one option left."""
    from playwright.sync_api import expect

    select = answer.get_by_test_id("stMultiSelect")
    for name in names:
        for _attempt in range(3):  # a rerun that lands while typing redraws the box: type again
            wait_until_idle(page)
            box = select.locator("input")
            box.click()
            box.fill("")  # what an interrupted attempt typed
            box.press_sequentially(name)  # react-aria filters on key events, not on a filled value
            option = page.get_by_role("option").filter(has_text=name)
            try:
                expect(option).to_have_count(1, timeout=15_000)
            except AssertionError:  # the box was redrawn under the typing (a rerun): start again
                page.keyboard.press("Escape")
                continue
            box.press("Enter")
            wait_until_idle(page)
            if name in select.inner_text():
                break
            page.keyboard.press("Escape")
        expect(select).to_contain_text(name)
    page.keyboard.press("Escape")
    wait_until_idle(page)
    no_error_on(page)


def no_error_on(page) -> None:
    """No Streamlit exception box anywhere on the page."""
    from playwright.sync_api import expect

    expect(page.get_by_test_id("stException")).to_have_count(0)


def first_table_row(answer) -> str:
    return answer.locator("table").first.locator("tbody tr").first.inner_text()


def browse(url: str):
    """A fresh chromium page on the app (a new session: its own conversation)."""
    from playwright.sync_api import sync_playwright

    driver = sync_playwright().start()
    browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    return driver, browser, page


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_structured_answer_details_and_comparison(running_app, lang):
    from playwright.sync_api import expect

    url, started = running_app
    ARTIFACTS.mkdir(exist_ok=True)
    question, heading, compare_heading, details_heading = {
        "en": ("which small in22k model at 384?", "Matching weights (5)", "Side by side", "Details"),
        "ko": ("384 해상도의 small in22k 모델 알려줘", "조건에 맞는 가중치 (5)", "나란히 비교", "자세히"),
    }[lang]
    driver, browser, page = browse(url)
    try:
        answer = ask(page, question, 1)
        expect(answer).to_contain_text(heading, timeout=180_000)
        table = answer.locator("table").first  # a markdown table: names are text, never wrapped
        for name in FIVE:
            expect(table).to_contain_text(name)
        page.wait_for_timeout(800)
        expect(answer.get_by_test_id("stMarkdown").first).to_be_in_viewport()  # the answer's first line, unscrolled
        answer.get_by_test_id("stExpander").last.locator("summary").click()  # show one passage's text
        if lang == "en":
            (ARTIFACTS / "first-answer-seconds.txt").write_text(f"{time.monotonic() - started:.1f}\n")
        full_page_screenshot(page, ARTIFACTS / f"structured-{lang}.png")
        if lang == "ko":
            body = page.inner_text("body")
            assert "노트에서 찾은 근거" in body and "필터" in body  # the UI follows the Korean question

        # one weight picked: how to load it, with a copy button, and its facts
        pick(page, answer, FIVE[:1])
        expect(answer).to_contain_text(f"{details_heading}: {FIVE[0]}", timeout=60_000)
        code = answer.get_by_test_id("stCode").first
        expect(code).to_contain_text(f'timm.create_model("{FIVE[0]}", pretrained=True)')
        copy = code.get_by_role("button", name="Copy to clipboard")  # Streamlit draws it while the block is hovered
        for _ in range(5):
            page.mouse.move(0, 0)
            code.scroll_into_view_if_needed()
            code.hover()
            page.wait_for_timeout(400)
            if copy.count():
                break
        expect(copy).to_be_attached()
        full_page_screenshot(page, ARTIFACTS / f"details-{lang}.png")

        # three picked: side by side, long names scrolling inside the answer, never widening the page
        pick(page, answer, FIVE[1:3])
        expect(answer).to_contain_text(compare_heading, timeout=60_000)
        comparison = answer.locator("table").nth(1)
        for name in FIVE[:3]:
            expect(comparison).to_contain_text(name)
        assert page.evaluate("() => { const m = document.querySelector('.stMain'); return m.scrollWidth <= m.clientWidth; }")
        full_page_screenshot(page, ARTIFACTS / f"compare-{lang}.png")
    finally:
        browser.close()
        driver.stop()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_paged_answer_and_note_answer(running_app, lang):
    from playwright.sync_api import expect

    url, _ = running_app
    ARTIFACTS.mkdir(exist_ok=True)
    broad, note, page_label = {
        "en": ("vit base models", "what does ft_in1k mean in a timm name?", "page"),
        "ko": ("vit base 모델", "ConvNeXt는 커널 크기를 얼마로 키웠어?", "페이지"),
    }[lang]
    driver, browser, page = browse(url)
    try:
        answer = ask(page, broad, 1)
        pager = answer.get_by_test_id("stNumberInput")
        expect(pager).to_contain_text(page_label, timeout=180_000)  # 20 rows a page, not all of them at once
        assert answer.locator("table").first.locator("tbody tr").count() == 20
        first = first_table_row(answer)
        pager.get_by_test_id("stNumberInputStepUp").click()
        wait_until_idle(page)
        expect(answer.locator("table").first.locator("tbody tr").first).not_to_have_text(first)
        expect(answer.get_by_test_id("stCheckbox").or_(answer.get_by_role("switch")).first).to_be_visible()  # show all
        full_page_screenshot(page, ARTIFACTS / f"paged-{lang}.png")

        answer = ask(page, note, 2)
        expect(answer).to_contain_text("§", timeout=180_000)
        page.wait_for_timeout(800)
        expect(answer.get_by_test_id("stMarkdown").first).to_be_in_viewport()  # the sentence that answers, on screen
        assert "```" not in answer.get_by_test_id("stMarkdown").first.inner_text()  # never a quoted code fence
        full_page_screenshot(page, ARTIFACTS / f"note-{lang}.png")
    finally:
        browser.close()
        driver.stop()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_examples_pointing_back_code_and_a_narrow_window(running_app, lang):
    """The empty page offers example questions to click; a turn that points back compares the answer's first two;
    a how-to answer shows its code block whole; a phone-width window keeps the table inside the answer."""
    from playwright.sync_api import expect

    url, _ = running_app
    ARTIFACTS.mkdir(exist_ok=True)
    example, point_back, how_to = {
        "en": ("which small in22k model at 384?", "compare the top two", "how do I freeze layers for transfer learning?"),
        "ko": ("384 해상도의 small in22k 모델 알려줘", "위 두 개 비교해줘", "전이학습할 때 레이어 동결은 어떻게 해?"),
    }[lang]
    driver, browser, page = browse(url)
    try:
        button = page.get_by_role("button", name=example)
        expect(button).to_be_visible(timeout=120_000)
        full_page_screenshot(page, ARTIFACTS / f"empty-{lang}.png")
        button.click()
        messages = page.get_by_test_id("stChatMessage")
        expect(messages).to_have_count(2, timeout=180_000)
        wait_until_idle(page)
        expect(messages.last.locator("table").first).to_contain_text(FIVE[0])

        answer = ask(page, point_back, 2)  # about the weights the previous answer showed
        comparison = answer.locator("table").first
        expect(comparison).to_contain_text(FIVE[0], timeout=60_000)
        expect(comparison).to_contain_text(FIVE[1])
        full_page_screenshot(page, ARTIFACTS / f"point-back-{lang}.png")

        answer = ask(page, how_to, 3)
        code = answer.get_by_test_id("stCode").first
        expect(code).to_contain_text("requires_grad = False", timeout=60_000)
        assert "\n" in code.inner_text()  # the block, whole, not one line of it
        full_page_screenshot(page, ARTIFACTS / f"how-to-{lang}.png")

        page.set_viewport_size({"width": 390, "height": 844})  # a phone
        page.wait_for_timeout(800)
        assert page.evaluate("() => { const m = document.querySelector('.stMain'); return m.scrollWidth <= m.clientWidth + 1; }")
        messages.nth(1).scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"narrow-{lang}.png"))
    finally:
        browser.close()
        driver.stop()
