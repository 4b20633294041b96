import ssl

import aiohttp

HOSTNAME_MISMATCH, IP_ADDRESS_MISMATCH = 62, 64  # OpenSSL's X509_V_ERR_HOSTNAME_MISMATCH, ..._IP_ADDRESS_MISMATCH


async def diagnose_tls(url: str, ca_file: str) -> str:
    """OpenSSL's verify codes instead of its messages."""
    async with aiohttp.ClientSession() as session:
        try:
            async with session.get(url, ssl=ssl.create_default_context(cafile=ca_file)):
                return "ok"
        except aiohttp.ClientConnectorCertificateError as exc:
            code = exc.certificate_error.verify_code
            return "wrong-name" if code in (HOSTNAME_MISMATCH, IP_ADDRESS_MISMATCH) else "unknown-ca"
        except aiohttp.ClientConnectorSSLError:
            return "not-tls"
