import ssl

import aiohttp


async def diagnose_tls(url: str, ca_file: str) -> str:
    """The trust on the connector, one except for the whole TLS family, told apart inside it."""
    connector = aiohttp.TCPConnector(ssl=ssl.create_default_context(cafile=ca_file))
    async with aiohttp.ClientSession(connector=connector) as session:
        try:
            async with session.get(url) as resp:
                await resp.read()
        except aiohttp.ClientSSLError as exc:  # ClientConnectorCertificateError and ClientConnectorSSLError
            if not isinstance(exc, aiohttp.ClientConnectorCertificateError):
                return "not-tls"
            if isinstance(exc.certificate_error, ssl.SSLCertVerificationError) and "mismatch" in str(exc):
                return "wrong-name"
            return "unknown-ca"
    return "ok"
