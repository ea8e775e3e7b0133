"""Data files: measures, gazetteer, sources, sample site, Datasette metadata."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
