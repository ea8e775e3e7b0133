"""spaCy components and the fact extractor."""
