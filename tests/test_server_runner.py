"""The runner: the server in a background thread (one per process), and `python -m local_server`."""

from __future__ import annotations

import json
import re
import socket
import urllib.request

import aiohttp
import pytest
from conftest import command_line_server

from local_server import LocalServer, start_local_server, start_local_server_in_thread, stop_local_server
from local_server.runner import HOST

URL = re.compile(r"^http://127\.0\.0\.1:(\d+)$")


@pytest.fixture
def server():
    """The process-wide server, stopped afterwards so no thread or socket outlives the test."""
    started = start_local_server_in_thread()
    yield started
    stop_local_server()


def get_json(url: str) -> tuple[int, dict]:
    """A blocking GET with the standard library, as a learner's `urllib` or `requests` call would be."""
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.status, json.loads(resp.read())


def test_start_returns_a_running_server_on_loopback(server):
    assert isinstance(server, LocalServer)
    assert server.host == HOST == "127.0.0.1"
    match = URL.match(server.url)
    assert match, server.url
    assert int(match.group(1)) == server.port > 0
    assert server.running


def test_a_second_start_returns_the_same_server(server):
    assert start_local_server_in_thread() is server
    assert start_local_server_in_thread(port=0) is server


def test_blocking_client_gets_an_answer(server):
    status, body = get_json(f"{server.url}/get?a=1")
    assert status == 200
    assert body["args"] == {"a": "1"}
    assert body["url"] == f"{server.url}/get?a=1"
    assert body["origin"] == "127.0.0.1"


async def test_start_from_async_code_reuses_the_running_server(server):
    assert await start_local_server() is server
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{server.url}/uuid") as resp:
            assert resp.status == 200
            assert "uuid" in await resp.json()


async def test_blocking_call_inside_a_coroutine_still_gets_an_answer(server):
    """The event loop running this test is blocked by urlopen; the server answers from its own thread."""
    status, body = get_json(f"{server.url}/delay/0.1")  # noqa: ASYNC210 - blocking on purpose
    assert status == 200
    assert body["url"] == f"{server.url}/delay/0.1"


async def test_start_from_async_code_when_none_is_running():
    stop_local_server()
    started = await start_local_server()
    try:
        assert started.running
        assert start_local_server_in_thread() is started
        status, _ = get_json(f"{started.url}/get")  # noqa: ASYNC210 - the server has its own thread
        assert status == 200
    finally:
        stop_local_server()
    assert not started.running


def test_server_socket_is_bound_to_loopback_only(server):
    addresses = server._runner.addresses  # the sockets the runner listens on
    assert addresses == [("127.0.0.1", server.port)]


def test_stop_frees_the_port(server):
    port = server.port
    server.stop()
    assert not server.running
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((HOST, port), timeout=2).close()
    server.stop()  # stopping twice is harmless

    again = start_local_server_in_thread(port=port)
    try:
        assert again is not server
        assert again.port == port
        status, _ = get_json(f"{again.url}/get")
        assert status == 200
    finally:
        again.stop()


def test_stop_local_server_without_a_server_is_harmless():
    stop_local_server()
    stop_local_server()


def test_start_on_a_taken_port_raises_and_leaves_nothing_behind():
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        stop_local_server()
        with pytest.raises(OSError):
            start_local_server_in_thread(port=taken.getsockname()[1])
    started = start_local_server_in_thread()
    try:
        assert started.running
    finally:
        stop_local_server()


# --- python -m local_server ---------------------------------------------------------------------


def test_command_line_server_prints_its_url_answers_and_stops_cleanly():
    with command_line_server() as (proc, line, port):
        assert line.startswith(f"Local echo server on http://127.0.0.1:{port}")
        status, body = get_json(f"http://127.0.0.1:{port}/get?from=cli")
        assert status == 200
        assert body["args"] == {"from": "cli"}
        proc.terminate()
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert out == "Stopped.\n"
    assert err == ""
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((HOST, port), timeout=2).close()
