"""Certificates in a lesson: the names a certificate is valid for and who signed it, read with `cryptography`."""

from __future__ import annotations

from cryptography import x509
from cryptography.x509.oid import NameOID


def certificate_names(pem: bytes | str) -> list[str]:
    """The names a PEM certificate is valid for (its subjectAltName: IP addresses, then DNS names)."""
    certificate = _load(pem)
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    return [str(ip) for ip in names.get_values_for_type(x509.IPAddress)] + names.get_values_for_type(x509.DNSName)


def certificate_issuer(pem: bytes | str) -> str:
    """The organization named as the issuer of a PEM certificate: a name only, which anybody can give a CA."""
    (organization,) = _load(pem).issuer.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return str(organization.value)


def describe_certificate(pem: bytes | str) -> str:
    """One line for a PEM certificate: ``for 127.0.0.1, ::1, localhost, … | issued by aiohttp course local CA``."""
    return f"for {', '.join(certificate_names(pem))} | issued by {certificate_issuer(pem)}"


def _load(pem: bytes | str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem.encode("ascii") if isinstance(pem, str) else pem)
