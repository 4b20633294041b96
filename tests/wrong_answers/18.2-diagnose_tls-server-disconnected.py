# expect: Catch aiohttp.ClientConnectorSSLError too
import ssl

import aiohttp


async def diagnose_tls(url: str, ca_file: str) -> str:
    trust_ca = ssl.create_default_context(cafile=ca_file)
    async with aiohttp.ClientSession() as session:
        try:
            async with session.get(url, ssl=trust_ca) as resp:
                await resp.read()
        except aiohttp.ClientConnectorCertificateError as exc:
            return "wrong-name" if "mismatch" in exc.certificate_error.verify_message else "unknown-ca"
        except aiohttp.ServerDisconnectedError:  # what http:// to a TLS port raises, not https:// to a plain one
            return "not-tls"
    return "ok"
