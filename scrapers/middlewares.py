"""Retries that back off, and an HTTP cache policy that revalidates rather than refetches."""

from __future__ import annotations

import logging

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.extensions.httpcache import RFC2616Policy
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


class RevalidatingRFC2616Policy(RFC2616Policy):
    """RFC 2616 caching that also revalidates `Cache-Control: no-cache` responses.

    Scrapy's policy treats no-cache as "fetch in full" and skips the validators; the RFC
    says "revalidate before use", which is a conditional request answered by a cheap 304.
    News feeds and council sites often send no-cache with an ETag or Last-Modified.
    """

    def is_cached_response_fresh(self, cachedresponse, request) -> bool:
        if b"no-cache" in self._parse_cachecontrol(cachedresponse) or b"no-cache" in self._parse_cachecontrol(request):
            self._set_conditional_validators(request, cachedresponse)
            return False
        return super().is_cached_response_fresh(cachedresponse, request)
