"""The local TLS pieces: CAs made at start-up, their certificates and contexts, and the HTTPS echo servers.

Everything listens on 127.0.0.1; the CAs are made in memory (only their public certificates are written, to
temporary folders), and every server started here is stopped at the end of its test. Besides the HTTPS echo,
the listeners lesson 18 shows the errors with: a certificate of the local CA for another name ("wrong-name"),
and one signed by a CA nobody trusts ("unknown-ca").
"""

from __future__ import annotations

import gc
import hashlib
import socket
import ssl
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import aiohttp
import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID
from test_abuse_listen import assert_refused, is_local, listening_addresses

from local_server import impostor_ca, local_ca, start_tls_server, start_tls_server_in_thread, stop_tls_server
from local_server.tls import (
    CERTIFICATES,
    IMPOSTOR_ORGANIZATION,
    ORGANIZATION,
    SERVER_NAMES,
    WRONG_NAMES,
    LocalCA,
)


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


# --- the listeners that show each error (lesson 18): start_tls_server(certificate="wrong-name" | "unknown-ca") ---

LISTENERS = {
    # kind: (the names on its certificate, the organization of the CA that signed it)
    "valid": (SERVER_NAMES, ORGANIZATION),
    "wrong-name": (WRONG_NAMES, ORGANIZATION),
    "unknown-ca": (SERVER_NAMES, IMPOSTOR_ORGANIZATION),
}


@pytest.fixture(params=sorted(LISTENERS))
def listener(request):
    """A listener of each kind, started for the test (not the shared one) and stopped after it."""
    with start_tls_server_in_thread(certificate=request.param, reuse=False) as server:
        yield server


def test_every_kind_of_listener_is_described():
    assert set(CERTIFICATES) == set(LISTENERS)


def test_the_impostor_ca_is_a_second_ca_of_this_process():
    assert impostor_ca() is impostor_ca()
    assert impostor_ca() is not local_ca()
    assert impostor_ca().ca_pem != local_ca().ca_pem
    assert [path.name for path in impostor_ca().ca_path.parent.iterdir()] == ["local-ca.pem"], "a key was written"


def test_the_certificates_are_written_outside_the_repository_only():
    repository = Path(__file__).resolve().parent.parent
    for ca in (local_ca(), impostor_ca()):
        folder = ca.ca_path.parent.resolve()
        assert folder.is_relative_to(Path(tempfile.gettempdir()).resolve())
        assert not folder.is_relative_to(repository)
    course_folders = ("local_server", "exercises", "lesson_helpers", "notebooks", "tests")
    written = [path for folder in course_folders for path in (repository / folder).rglob("*.pem")]
    assert not written, "a certificate was written into the repository"


def test_each_process_makes_certificates_of_its_own():
    code = (
        "from local_server.tls import impostor_ca, local_ca; print(local_ca().ca_pem.hex(), impostor_ca().ca_pem.hex())"
    )
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    other_local, other_impostor = (bytes.fromhex(value) for value in printed.stdout.split())
    assert other_local != local_ca().ca_pem
    assert other_impostor != impostor_ca().ca_pem


def test_a_listener_presents_the_certificate_of_its_kind(listener):
    names, organization = LISTENERS[listener.certificate]
    presented = ssl.get_server_certificate((listener.host, listener.port), timeout=10)
    assert ssl.PEM_cert_to_DER_cert(presented) == ssl.PEM_cert_to_DER_cert(listener.certificate_pem.decode())
    certificate = x509.load_pem_x509_certificate(listener.certificate_pem)
    listed = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    found = [str(ip) for ip in listed.get_values_for_type(x509.IPAddress)] + listed.get_values_for_type(x509.DNSName)
    assert sorted(found) == sorted(names)
    (issuer,) = certificate.issuer.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    assert issuer.value == organization
    signer = local_ca() if organization == ORGANIZATION else impostor_ca()
    certificate.verify_directly_issued_by(x509.load_pem_x509_certificate(signer.ca_pem))


def test_a_listener_is_bound_to_127_0_0_1_only(listener):
    assert listener._runner.addresses == [("127.0.0.1", listener.port)]
    if Path("/proc/net/tcp").exists():
        assert listening_addresses(listener.port) == ["127.0.0.1"]
    others = [address for address in ("::1", "127.0.0.2") if is_local(address)]
    assert_refused(others, listener.port)


ERRORS = [
    # (kind, the name the client checks, what OpenSSL says; None: the certificate is accepted)
    ("valid", "127.0.0.1", None),
    ("valid", "localhost", None),
    ("wrong-name", "127.0.0.1", "IP address mismatch, certificate is not valid for '127.0.0.1'."),
    ("wrong-name", "localhost", "Hostname mismatch, certificate is not valid for 'localhost'."),
    ("wrong-name", "wrong.test", None),
    ("unknown-ca", "127.0.0.1", "unable to get local issuer certificate"),
    ("unknown-ca", "localhost", "unable to get local issuer certificate"),
]


@pytest.mark.parametrize(("kind", "name", "message"), ERRORS)
async def test_what_a_client_trusting_the_local_ca_gets_from_each_listener(kind, name, message):
    with start_tls_server_in_thread(certificate=kind, reuse=False) as server:
        async with aiohttp.ClientSession() as session:
            request = session.get(f"{server.url}/get", ssl=local_ca().client_context(), server_hostname=name)
            if message is None:
                async with request as resp:
                    assert resp.status == 200
                return
            with pytest.raises(aiohttp.ClientConnectorCertificateError) as caught:
                async with request:
                    pass
    error = caught.value.certificate_error
    assert isinstance(error, ssl.SSLCertVerificationError)
    assert error.verify_message == message
    assert f"[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: {message}" in str(caught.value)
    assert isinstance(caught.value, aiohttp.ClientSSLError | aiohttp.ClientConnectorError | ssl.SSLError)


async def test_the_unknown_ca_listener_is_accepted_by_whoever_trusts_its_ca():
    with start_tls_server_in_thread(certificate="unknown-ca", reuse=False) as server:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{server.url}/get", ssl=impostor_ca().client_context()) as resp:
                assert resp.status == 200


async def test_ssl_false_accepts_every_listener(listener):
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{listener.url}/headers", ssl=False, headers={"Authorization": "Bearer t"}) as resp:
            assert resp.status == 200
            assert (await resp.json())["headers"]["Authorization"] == "Bearer t"


def collect_the_transport_a_mismatch_leaves() -> None:
    """Free, here and silently, the socket aiohttp 3.14.5 leaves after a fingerprint mismatch (Python 3.11).

    aiohttp closes the TLS transport (a close_notify it does not wait for) and, without enable_cleanup_closed
    (ignored before Python 3.13), never aborts the socket under it; the garbage collector would report it as an
    unclosed transport in whichever test happens to run then.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="unclosed (transport|<socket)", category=ResourceWarning)
        gc.collect()


async def test_a_pin_accepts_its_own_certificate_only(listener):
    def digest(pem: bytes) -> bytes:
        return hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem.decode())).digest()

    own = digest(listener.certificate_pem)
    other = digest(local_ca().leaf("pinned.test").cert_chain_pems[0].bytes())
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{listener.url}/get", ssl=aiohttp.Fingerprint(own)) as resp:
            assert resp.status == 200  # the pin alone is checked: no CA, no name
        with pytest.raises(aiohttp.ServerFingerprintMismatch) as caught:
            async with session.get(f"{listener.url}/get", ssl=aiohttp.Fingerprint(other)):
                pass
    collect_the_transport_a_mismatch_leaves()
    assert (caught.value.expected, caught.value.got) == (other, own)
    assert (caught.value.host, caught.value.port) == ("127.0.0.1", listener.port)


async def test_plain_http_to_any_listener_is_not_answered(listener):
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ServerDisconnectedError):
            async with session.get(f"http://127.0.0.1:{listener.port}/get"):
                pass


async def test_each_kind_is_started_once_and_all_are_stopped_together():
    kinds = sorted(LISTENERS)
    try:
        first = {kind: await start_tls_server(certificate=kind) for kind in kinds}
        again = {kind: await start_tls_server(certificate=kind) for kind in kinds}
        assert all(again[kind] is first[kind] for kind in kinds), "a re-run started a second listener"
        assert len({server.port for server in first.values()}) == len(kinds)
        assert [first[kind].certificate for kind in kinds] == kinds
    finally:
        stop_tls_server()
    assert not [kind for kind in kinds if first[kind].running]
    replaced = await start_tls_server(certificate="wrong-name")
    try:
        assert replaced is not first["wrong-name"]
    finally:
        stop_tls_server()


def test_a_server_context_of_ones_own_has_no_kind():
    with start_tls_server_in_thread(local_ca().server_context("127.0.0.1")) as server:
        assert (server.certificate, server.certificate_pem) == (None, None)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"certificate": "expired"}, "certificate='expired' is not a kind of listener"),
        ({"server_context": "own", "certificate": "unknown-ca"}, "not both"),
    ],
)
def test_a_listener_that_cannot_be_made_is_refused_with_a_reason(options, message):
    if options.get("server_context") == "own":
        options = options | {"server_context": local_ca().server_context()}
    with pytest.raises(ValueError, match=message):
        start_tls_server_in_thread(**options)
