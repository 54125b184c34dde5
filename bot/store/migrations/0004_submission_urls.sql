-- 0004: the URL each submission was made under, so a scope sees only the address it submitted.
-- An article is shared by content hash across scopes; its articles.canonical_url is the address
-- of whoever stored it first, which may carry another server's private link (a gift token).
-- Old rows keep a URL only where it surely came from that scope: the scope of the first
-- submission of an article first stored from a link. Every other scope sees no address until
-- it submits the article again by link.

ALTER TABLE submissions ADD COLUMN url TEXT NOT NULL DEFAULT '';

UPDATE submissions SET url = (SELECT a.canonical_url FROM articles a WHERE a.id = submissions.article_id)
WHERE scope_key = (
    SELECT first.scope_key FROM submissions first
    WHERE first.article_id = submissions.article_id
    ORDER BY first.submitted_at, first.id LIMIT 1
) AND article_id IN (SELECT id FROM articles WHERE source = 'url');
