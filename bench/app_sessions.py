"""The chat app under concurrent sessions: `kb app` on a free localhost port, N sessions over Streamlit's websocket.

    .venv/bin/python bench/app_sessions.py [--sessions 50] [--think 0] [--home DIR]

Each session speaks the protocol a browser speaks (subprotocol "streamlit", BackMsg rerun_script): one first run
(the page load), then three questions typed into the chat box (a chat_input trigger), one after another, each
after a random pause of 0..--think seconds (0: all sessions ask at once, the worst case). An
answer's latency is from sending the question to the server's script_finished for that run (what a browser
waits for before the answer is on screen; no rendering). The two 384 questions must name
convnext_small.fb_in22k_ft_in1k_384 in what the server sent; a run with an exception element is an error.
The app's peak RSS is VmHWM of the streamlit process (kb app execs it). Writes bench/app_sessions.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import ChatInputValue
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [("which small in22k model at 384?", "convnext_small.fb_in22k_ft_in1k_384"),
             ("384 해상도의 small in22k 모델 알려줘", "convnext_small.fb_in22k_ft_in1k_384"),
             ("models over 85% top-1 under 30M params", None)]
SUCCESS = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
TIMEOUT = 300.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def run_once(ws, widgets: list[WidgetState]) -> tuple[bytes, bool, str | None]:
    """Send one rerun; return (everything the server sent, an exception element seen, the chat_input id)."""
    msg = BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.widget_states.widgets.extend(widgets)
    await ws.send(msg.SerializeToString())
    received, exception, chat_id = [], False, None
    while True:
        raw = await ws.recv()
        received.append(raw)
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            exception = exception or element.WhichOneof("type") == "exception"
            if element.WhichOneof("type") == "chat_input":
                chat_id = element.chat_input.id
        elif kind == "script_finished" and forward.script_finished == SUCCESS:
            return b"".join(received), exception, chat_id


async def session(url: str, results: dict, think: float, rng: random.Random) -> None:
    try:
        async with connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=TIMEOUT) as ws:
            started = time.perf_counter()
            _, exception, chat_id = await asyncio.wait_for(run_once(ws, []), TIMEOUT)
            results["first_run"].append(time.perf_counter() - started)
            if chat_id is None:
                results["errors"].append("no chat_input on the first run")
                return
            for question, expected in QUESTIONS:
                await asyncio.sleep(rng.uniform(0, think))
                state = WidgetState(id=chat_id, chat_input_value=ChatInputValue(data=question))
                started = time.perf_counter()
                sent, exception, _ = await asyncio.wait_for(run_once(ws, [state]), TIMEOUT)
                results["latency"].append(time.perf_counter() - started)
                if exception:
                    results["errors"].append(f"exception element for {question!r}")
                elif expected and expected.encode() not in sent:
                    results["wrong"].append(question)
    except Exception as error:  # one session's failure is counted, never the end of the bench
        results["errors"].append(f"{type(error).__name__}: {error}"[:200])


def wait_for_http(url: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"kb app exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"kb app did not answer at {url}")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--think", type=float, default=0.0, help="max random pause before each question (s)")
    parser.add_argument("--home", type=Path, default=Path(os.environ.get("KB_HOME", ".kb")))
    args = parser.parse_args()
    port = free_port()
    env = dict(os.environ, KB_HOME=str(args.home.resolve()), HF_HUB_OFFLINE="1")
    process = subprocess.Popen([sys.executable, "-m", "kb.cli", "app", "--port", str(port)], cwd=ROOT, env=env,
                               start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_http(f"http://127.0.0.1:{port}", process, 120)
        idle_rss = peak_rss_mb(process.pid)
        results: dict[str, list] = {"first_run": [], "latency": [], "errors": [], "wrong": []}

        async def all_sessions() -> None:
            url = f"ws://127.0.0.1:{port}/_stcore/stream"
            await asyncio.gather(*(session(url, results, args.think, random.Random(i)) for i in range(args.sessions)))

        started = time.perf_counter()
        asyncio.run(all_sessions())
        wall = time.perf_counter() - started
        peak = peak_rss_mb(process.pid)
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the group this bench created: kb app's streamlit only
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    lat = results["latency"]
    report = {"sessions": args.sessions, "questions_per_session": len(QUESTIONS), "think_s": args.think, "answers": len(lat),
              "errors": len(results["errors"]), "wrong": len(results["wrong"]), "wall_seconds": round(wall, 1),
              "answer_p50_s": round(pct(lat, 0.5), 2), "answer_p95_s": round(pct(lat, 0.95), 2),
              "answer_max_s": round(max(lat), 2) if lat else None,
              "answer_mean_s": round(statistics.mean(lat), 2) if lat else None,
              "first_run_p50_s": round(pct(results["first_run"], 0.5), 2),
              "first_run_p95_s": round(pct(results["first_run"], 0.95), 2),
              "app_rss_after_start_mb": round(idle_rss), "app_peak_rss_mb": round(peak),
              "target_p95_s": 5.0, "cores": os.cpu_count(), "problems": (results["errors"] + results["wrong"])[:10]}
    name = "app_sessions.json" if args.think == 0 else f"app_sessions-think{args.think:g}.json"
    (ROOT / "bench" / name).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{'sessions':>10} {'answers':>8} {'errors':>7} {'wrong':>6} {'p50 s':>7} {'p95 s':>7} {'max s':>7} "
          f"{'peak RSS MB':>12}")
    print(f"{args.sessions:>10} {len(lat):>8} {report['errors']:>7} {report['wrong']:>6} "
          f"{report['answer_p50_s']:>7} {report['answer_p95_s']:>7} {report['answer_max_s']!s:>7} {report['app_peak_rss_mb']:>12}")
    sys.exit(0 if report["errors"] == 0 and report["wrong"] == 0 and len(lat) == args.sessions * len(QUESTIONS) else 1)


if __name__ == "__main__":
    main()
