# expect: Your client did not trust the CA in ca_file
import aiohttp


async def diagnose_tls(url: str, ca_file: str) -> str:
    async with aiohttp.ClientSession() as session:
        try:
            async with session.get(url) as resp:  # the system's CAs: the server's own CA is not among them
                await resp.read()
        except aiohttp.ClientConnectorCertificateError as exc:
            return "wrong-name" if "mismatch" in exc.certificate_error.verify_message else "unknown-ca"
        except aiohttp.ClientConnectorSSLError:
            return "not-tls"
    return "ok"
