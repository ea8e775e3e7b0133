"""The Scrapy project: spiders, items, item pipelines and settings."""
