"""councilfacts: figures about UK councils, from crawl to Datasette.

This package is the orchestration (the repository's ``pipelines/`` folder); the spaCy
side is ``councilfacts.nlp`` (``nlp/``), the Scrapy side ``councilfacts.scrapers``
(``scrapers/``) and the data files ``councilfacts.data`` (``data/``).
"""

__version__ = "0.1.0"
