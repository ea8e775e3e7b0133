"""Retries that back off: wait longer after each failure, or as long as Retry-After asks."""

from __future__ import annotations

import logging

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.asyncio import sleep
from scrapy.utils.response import response_status_message

log = logging.getLogger(__name__)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware, but each retry waits base * 2**attempt seconds (capped)."""

    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 120.0)

    def delay(self, request, response=None) -> float:
        wait = self.base * (2 ** request.meta.get("retry_times", 0))
        if response is not None:
            after = (response.headers.get(b"Retry-After") or b"").strip()
            if after.isdigit():
                wait = float(after)
        return max(0.0, min(wait, self.cap))

    async def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        wait = self.delay(request, response)
        log.debug("backing off %.1fs before retrying %s", wait, request.url)
        await sleep(wait)
        return retry

    async def process_exception(self, request, exception, spider=None):
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            await sleep(self.delay(request))
        return retry
