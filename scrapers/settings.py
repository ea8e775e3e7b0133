"""Scrapy settings: polite and economical by default; every value can be overridden.

Politeness (robots.txt, one or two requests at a time per host, AutoThrottle, a
User-Agent that names the project and a contact) and economy (an RFC 2616 HTTP cache, so
re-crawls send If-None-Match / If-Modified-Since and a 304 costs nothing; resumable jobs)
live here, not in spiders. Environment overrides: COUNCILFACTS_CONTACT,
COUNCILFACTS_MAXSIZE_MB, COUNCILFACTS_DOWNLOAD_DELAY.
"""

import os

BOT_NAME = "councilfacts"
SPIDER_MODULES = ["councilfacts.scrapers.spiders"]
NEWSPIDER_MODULE = "councilfacts.scrapers.spiders"

# Who we are and how to reach us: site owners should be able to ask us to stop.
# Set COUNCILFACTS_CONTACT (an email address or URL) before crawling live sites; crawl()
# warns when it is unset.
COUNCILFACTS_CONTACT = os.environ.get("COUNCILFACTS_CONTACT", "")
USER_AGENT = (
    "councilfacts/0.1 (public-interest research into UK council figures; "
    f"contact: {COUNCILFACTS_CONTACT or 'not set, see COUNCILFACTS_CONTACT'})"
)

ROBOTSTXT_OBEY = True
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = float(os.environ.get("COUNCILFACTS_DOWNLOAD_DELAY", "1.0"))
DOWNLOAD_DELAY_JITTER = 0.5  # each wait is 50-150% of the delay
DOWNLOAD_TIMEOUT = 60
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Council papers can be large, but not this large.
DOWNLOAD_MAXSIZE = int(float(os.environ.get("COUNCILFACTS_MAXSIZE_MB", "40")) * 1024 * 1024)
DOWNLOAD_WARNSIZE = 10 * 1024 * 1024

REDIRECT_MAX_TIMES = 10
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [408, 429, 500, 502, 503, 504, 522, 524]
RETRY_BACKOFF_BASE = 2.0  # seconds; doubled per attempt, or Retry-After when the server says
RETRY_BACKOFF_MAX = 120.0

# The HTTP cache follows the server's caching rules (RFC 2616): fresh pages are not
# requested again, stale ones are revalidated with If-None-Match / If-Modified-Since.
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "councilfacts.scrapers.middlewares.RevalidatingRFC2616Policy"
HTTPCACHE_STORAGE = "scrapy.extensions.httpcache.FilesystemCacheStorage"
HTTPCACHE_DIR = "httpcache"  # crawl() puts it beside the database
HTTPCACHE_EXPIRATION_SECS = 0
HTTPCACHE_GZIP = True
HTTPCACHE_IGNORE_HTTP_CODES = [500, 502, 503, 504]

# Resumable jobs that survive kill -9 (see councilfacts.scrapers.jobs).
DUPEFILTER_CLASS = "councilfacts.scrapers.jobs.JobDupeFilter"

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "councilfacts.scrapers.middlewares.BackoffRetryMiddleware": 550,
}

ITEM_PIPELINES = {
    "councilfacts.scrapers.pipelines.ValidatePipeline": 100,
    "councilfacts.scrapers.pipelines.ReadPipeline": 200,
    "councilfacts.scrapers.pipelines.KeywordPipeline": 300,
    "councilfacts.scrapers.pipelines.StorePipeline": 400,
}

# Where documents go and failures are recorded (crawl() sets it).
COUNCILFACTS_DB = os.environ.get("COUNCILFACTS_DB", "data/councilfacts.db")

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = os.environ.get("COUNCILFACTS_LOG_LEVEL", "WARNING")  # INFO for Scrapy's progress and stats
