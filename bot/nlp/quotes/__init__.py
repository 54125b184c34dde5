"""Direct quotes, their speakers by full name, the who-said-what digest and key quotes.

One module per concern: ``marks`` finds quoted stretches on characters, ``layout`` indexes the
parse once, ``classify`` tells direct from partial from other (``not_quotes`` and
``scare_quotes`` find what is nobody's words, ``repeats`` the same words quoted twice), ``cues`` and
``attribute`` find who a quote is attributed to, ``names``/``people``/``pronouns`` turn that
into a full name, ``speakers`` groups quotes per speaker and ``keyquotes`` picks the best ones.
"""

from bot.nlp.quotes.extract import extract_quotes
from bot.nlp.quotes.keyquotes import select_key_quotes

__all__ = ["extract_quotes", "select_key_quotes"]
