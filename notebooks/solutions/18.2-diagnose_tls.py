import ssl

import aiohttp


async def diagnose_tls(url: str, ca_file: str) -> str:
    """Return "ok", "unknown-ca", "wrong-name" or "not-tls" for an https url, trusting the CA in ca_file."""
    trust_ca = ssl.create_default_context(cafile=ca_file)
    async with aiohttp.ClientSession() as session:
        try:
            async with session.get(url, ssl=trust_ca) as resp:
                await resp.read()
        except aiohttp.ClientConnectorCertificateError as exc:
            reason = exc.certificate_error.verify_message  # "Hostname mismatch, ...", "IP address mismatch, ..."
            return "wrong-name" if "mismatch" in reason else "unknown-ca"
        except aiohttp.ClientConnectorSSLError:  # no TLS answer at all: [SSL: WRONG_VERSION_NUMBER]
            return "not-tls"
    return "ok"
