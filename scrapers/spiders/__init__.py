"""Spiders: one per platform (news, moderngov, ofsted); sites are data in data/sources.yml."""
