# expect: raised TypeError: Object of type datetime is not JSON serializable
import aiohttp


def make_session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession()  # json.dumps as it is: it refuses datetimes and Decimals
