"""The session's own method for each HTTP method, looked up by name (session.get, session.post…)."""


async def send(session, method, url, body=None):
    kwargs = {} if body is None else {"data": body.encode("utf-8")}
    request = getattr(session, method.lower())
    async with request(url, **kwargs) as resp:
        raw = await resp.read()
        return resp.status, raw.decode(resp.charset or "utf-8")
