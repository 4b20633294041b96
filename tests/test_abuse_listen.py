"""The server listens on 127.0.0.1 only: the thread server and `python -m local_server --port 0`.

Checked three ways: the listening socket's address as the system reports it (Linux: /proc/net/tcp and
tcp6), an answer on 127.0.0.1, and a refusal at the other loopback addresses (::1, 127.0.0.2). A socket
bound to 127.0.0.1 cannot accept on any other address; the tests send nothing beyond the loopback range.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import urllib.request
from pathlib import Path

import pytest
from conftest import command_line_server

from local_server import start_local_server_in_thread, stop_local_server


@pytest.fixture(params=["thread", "command-line"])
def port(request):
    """The port of a server just started: in a thread of this process, or as `python -m local_server --port 0`."""
    if request.param == "thread":
        stop_local_server()
        server = start_local_server_in_thread()
        try:
            yield server.port
        finally:
            stop_local_server()
        return
    with command_line_server() as (_, _, port):
        yield port


def listening_addresses(port: int) -> list[str]:
    """The addresses of the sockets listening on `port`, from Linux's /proc/net/tcp and /proc/net/tcp6."""
    found = []
    for table, family in (("tcp", socket.AF_INET), ("tcp6", socket.AF_INET6)):
        path = Path("/proc/net") / table
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address_hex, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address_hex)  # 32-bit words in host (little-endian) order
                packed = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
                found.append(socket.inet_ntop(family, packed))
    return found


def is_local(address: str) -> bool:
    """Whether this machine has `address`: only a local address can be bound."""
    family = socket.AF_INET6 if ipaddress.ip_address(address).version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.bind((address, 0))
    except OSError:
        return False
    return True


def assert_refused(addresses: list[str], port: int) -> None:
    for address in addresses:
        with pytest.raises(OSError):  # refused (or dropped by a firewall: a timeout, an OSError too)
            socket.create_connection((address, port), timeout=2).close()


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the socket table of Linux's /proc")
def test_the_listening_socket_is_bound_to_127_0_0_1(port):
    assert listening_addresses(port) == ["127.0.0.1"]


def test_it_answers_on_127_0_0_1(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/get", timeout=10) as resp:
        assert resp.status == 200
        assert json.loads(resp.read())["origin"] == "127.0.0.1"


def test_it_refuses_connections_at_the_other_loopback_addresses(port):
    """::1, and 127.0.0.2 where the whole of 127.0.0.0/8 is loopback (Linux)."""
    addresses = [address for address in ("::1", "127.0.0.2") if is_local(address)]
    if not addresses:
        pytest.skip("this machine has no loopback address but 127.0.0.1")
    assert_refused(addresses, port)


# --- the forward proxy and the HTTPS echo (lesson 14) listen on 127.0.0.1 only too ------------------


@pytest.fixture(params=["proxy", "https-echo"])
def other_port(request):
    """The port of the forward proxy, or of the HTTPS echo server, each started for the test and stopped after."""
    from local_server import start_proxy_in_thread, start_tls_server_in_thread

    start = start_proxy_in_thread if request.param == "proxy" else start_tls_server_in_thread
    with start(reuse=False) as server:
        yield server.port


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the socket table of Linux's /proc")
def test_the_proxy_and_the_https_echo_listen_on_127_0_0_1(other_port):
    assert listening_addresses(other_port) == ["127.0.0.1"]


def test_the_proxy_and_the_https_echo_refuse_the_other_loopback_addresses(other_port):
    addresses = [address for address in ("::1", "127.0.0.2") if is_local(address)]
    if not addresses:
        pytest.skip("this machine has no loopback address but 127.0.0.1")
    assert_refused(addresses, other_port)
