"""The local TLS pieces: a CA made at start-up, its certificates and contexts, and the HTTPS echo server.

Everything listens on 127.0.0.1; the CA is made in memory (only its public certificate is written, to a
temporary folder), and every server started here is stopped at the end of its test.
"""

from __future__ import annotations

import socket
import ssl

import aiohttp
import pytest
from cryptography import x509

from local_server import local_ca, start_tls_server, start_tls_server_in_thread, stop_tls_server
from local_server.tls import SERVER_NAMES, LocalCA


@pytest.fixture
def tls_server():
    with start_tls_server_in_thread(reuse=False) as server:
        yield server


def test_the_ca_is_made_once_per_process():
    assert local_ca() is local_ca()


def test_the_ca_certificate_is_public_and_in_a_file():
    ca = local_ca()
    assert ca.ca_path.read_bytes() == ca.ca_pem
    assert ca.ca_pem.startswith(b"-----BEGIN CERTIFICATE-----")
    assert b"PRIVATE KEY" not in ca.ca_path.read_bytes()
    assert [path.name for path in ca.ca_path.parent.iterdir()] == ["local-ca.pem"], "a key was written to disk"


def test_the_server_certificate_names_loopback_and_echo_test():
    certificate = x509.load_pem_x509_certificate(local_ca().leaf().cert_chain_pems[0].bytes())
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    listed = [str(ip) for ip in names.get_values_for_type(x509.IPAddress)]
    listed += names.get_values_for_type(x509.DNSName)
    assert sorted(listed) == sorted(SERVER_NAMES)


def test_a_ca_of_its_own_cleans_up_its_folder():
    ca = LocalCA()
    folder = ca.ca_path.parent
    assert folder.is_dir()
    ca.cleanup()
    assert not folder.exists()


def test_contexts_are_new_each_time_and_verify():
    ca = local_ca()
    assert ca.client_context() is not ca.client_context()
    client = ca.client_context()
    assert (client.verify_mode, client.check_hostname) == (ssl.CERT_REQUIRED, True)


NAMES = [
    # (the name the client checks, whether the certificate is valid for it)
    ("127.0.0.1", True),
    ("localhost", True),
    ("echo.test", True),
    ("api.echo.test", True),
    ("other.test", False),
    ("127.0.0.2", False),
]


@pytest.mark.parametrize(("name", "valid"), NAMES)
async def test_the_https_echo_answers_for_its_names_only(tls_server, name, valid):
    context = local_ca().client_context()
    url = f"{tls_server.url}/get"
    async with aiohttp.ClientSession() as session:
        if valid:
            async with session.get(url, ssl=context, server_hostname=name) as resp:
                assert resp.status == 200
                assert (await resp.json())["url"] == url
        else:
            with pytest.raises(aiohttp.ClientConnectorCertificateError) as caught:
                async with session.get(url, ssl=context, server_hostname=name):
                    pass
            assert "mismatch" in caught.value.certificate_error.verify_message


async def test_a_client_without_the_ca_refuses_the_server(tls_server):
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientConnectorCertificateError) as caught:
            async with session.get(f"{tls_server.url}/get"):
                pass
    assert caught.value.certificate_error.verify_message == "unable to get local issuer certificate"


async def test_a_cafile_is_enough_to_trust_it(tls_server):
    context = ssl.create_default_context(cafile=local_ca().ca_path)
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{tls_server.url}/get", ssl=context) as resp:
            assert resp.status == 200


async def test_plain_http_to_the_tls_port_is_not_answered(tls_server):
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ServerDisconnectedError):
            async with session.get(f"http://127.0.0.1:{tls_server.port}/get"):
                pass


async def test_a_server_context_of_ones_own_presents_its_certificate():
    other = LocalCA()
    try:
        with start_tls_server_in_thread(other.server_context("127.0.0.1")) as impostor:
            async with aiohttp.ClientSession() as session:
                with pytest.raises(aiohttp.ClientConnectorCertificateError):
                    async with session.get(f"{impostor.url}/get", ssl=local_ca().client_context()):
                        pass
                async with session.get(f"{impostor.url}/get", ssl=other.client_context()) as resp:
                    assert resp.status == 200
    finally:
        other.cleanup()


async def test_start_tls_server_reuses_the_running_one_and_stops():
    shared = await start_tls_server()
    try:
        assert await start_tls_server() is shared
        assert shared.url == f"https://127.0.0.1:{shared.port}"
    finally:
        stop_tls_server()
    assert not shared.running
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", shared.port), timeout=2).close()
    assert await start_tls_server() is not shared
    stop_tls_server()
