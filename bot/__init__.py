"""Briefbot: news articles in, briefings out (summary, key quotes, who said what)."""

__version__ = "0.1.0"
