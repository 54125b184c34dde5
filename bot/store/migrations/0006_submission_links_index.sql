-- 0006: the submissions made by link, indexed apart, so the address a scope sees for an article
-- (its latest submission with a url, bot.store.sqlite._SCOPE_URL) is one index lookup. With only
-- the (scope_key, article_id) index, SQLite read every earlier submission of the article in the
-- scope to check its url: a cost that grew with every request, on every cache hit.
-- Partial: submissions of text and files (url '') are most rows and are left out.

CREATE INDEX submissions_scope_link ON submissions (scope_key, article_id) WHERE url <> '';
