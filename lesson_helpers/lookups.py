"""Watching a session's DNS lookups from aiohttp's side: when it asks its resolver, and when its cache answers."""

from __future__ import annotations

from typing import Any

import aiohttp


class LookupCounter:
    """Counts the names a session's connector asks its resolver for, and the answers its DNS cache gives instead.

    Give its `trace_config` to each session to watch: ``ClientSession(trace_configs=[lookups.trace_config])``.
    It listens to two of aiohttp's tracing signals (lesson 20 has them all): ``on_dns_resolvehost_start``, sent
    when the connector calls ``resolver.resolve(host, ...)``, and ``on_dns_cache_hit``, sent when its DNS cache
    (``use_dns_cache=True``) has the answer, or when another request is already looking the same name up.
    Neither is sent for a request that reuses a kept-alive connection: it needs no address at all.
    """

    def __init__(self) -> None:
        self.asked: list[str] = []
        """The host of each call to the resolver, in order."""
        self.cache_hits = 0
        self.trace_config = aiohttp.TraceConfig()
        self.trace_config.on_dns_resolvehost_start.append(self._on_asked)
        self.trace_config.on_dns_cache_hit.append(self._on_cache_hit)

    async def _on_asked(self, session: aiohttp.ClientSession, context: Any, params: Any) -> None:
        self.asked.append(params.host)

    async def _on_cache_hit(self, session: aiohttp.ClientSession, context: Any, params: Any) -> None:
        self.cache_hits += 1

    def __repr__(self) -> str:
        return f"LookupCounter(asked={len(self.asked)}, cache_hits={self.cache_hits})"
