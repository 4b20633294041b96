# expect: it is 'wrong-name'
import ssl

import aiohttp


async def diagnose_tls(url: str, ca_file: str) -> str:
    trust_ca = ssl.create_default_context(cafile=ca_file)
    async with aiohttp.ClientSession() as session:
        try:
            async with session.get(url, ssl=trust_ca) as resp:
                await resp.read()
        except aiohttp.ClientConnectorCertificateError:
            return "unknown-ca"  # the type alone: a wrong name raises the same class
        except aiohttp.ClientConnectorSSLError:
            return "not-tls"
    return "ok"
