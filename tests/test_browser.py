"""End to end in a real browser: `kb app` on a free port, Debian chromium driven by playwright.

Screenshots go to test-artifacts/. Only the processes this test starts are stopped, by their process group.
"""

import os
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
ARTIFACTS = PROJECT_ROOT / "test-artifacts"

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def running_app(built_kb_home):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (scripts/ensure-browser.sh installs it)")
    pytest.importorskip("playwright.sync_api")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kb.cli", "app", "--port", str(port)], cwd=PROJECT_ROOT,
                               env=dict(os.environ, KB_HOME=str(built_kb_home)), start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    try:
        while time.monotonic() - started < 90:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield url, started
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # our own process group only
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def test_both_questions_show_the_five_weights(running_app):
    from playwright.sync_api import expect, sync_playwright

    url, started = running_app
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            page.goto(url)
            for index, (question, shot) in enumerate([("which small in22k model at 384?", "browser-en.png"),
                                                      ("384 해상도의 small in22k 모델 알려줘", "browser-ko.png")]):
                box = page.get_by_test_id("stChatInputTextArea")
                box.wait_for(timeout=60_000)
                box.fill(question)
                box.press("Enter")
                messages = page.get_by_test_id("stChatMessage")
                expect(messages).to_have_count(2 * (index + 1), timeout=120_000)  # a user and an assistant turn each
                for name in FIVE:
                    expect(messages.last).to_contain_text(name, timeout=120_000)
                if index == 0:
                    (ARTIFACTS / "first-answer-seconds.txt").write_text(f"{time.monotonic() - started:.1f}\n")
                page.wait_for_timeout(1500)
                page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
            assert "조건에 맞는 가중치" in page.inner_text("body")
        finally:
            browser.close()
