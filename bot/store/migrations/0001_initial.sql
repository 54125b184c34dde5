-- 0001: articles, their cached analyses, the quote index, speakers, and who submitted what where.
-- Portable SQL apart from the FTS5 table and its triggers at the end (the full-text adapter).
-- Times are UTC ISO-8601 strings of one fixed width, so text order is time order.

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    canonical_url TEXT    NOT NULL DEFAULT '',
    content_hash  TEXT    NOT NULL UNIQUE,
    title         TEXT    NOT NULL DEFAULT '',
    byline        TEXT    NOT NULL DEFAULT '',
    published     TEXT    NOT NULL DEFAULT '',
    site_name     TEXT    NOT NULL DEFAULT '',
    source        TEXT    NOT NULL DEFAULT 'text',
    fetched_at    TEXT    NOT NULL
);

-- Every canonical URL that led to an article: the one asked for and the one redirected to.
CREATE TABLE article_urls (
    url        TEXT    PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX article_urls_article ON article_urls (article_id);

-- One cached analysis per article and summarizer; engine_version older than the code's = stale.
CREATE TABLE analyses (
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    algorithm      TEXT    NOT NULL,
    engine_version TEXT    NOT NULL,
    data           TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    PRIMARY KEY (article_id, algorithm)
);
CREATE INDEX analyses_created ON analyses (created_at);

CREATE TABLE speakers (
    id       INTEGER PRIMARY KEY,
    name     TEXT    NOT NULL,
    name_key TEXT    NOT NULL UNIQUE,
    kind     TEXT    NOT NULL DEFAULT 'person'
);

CREATE TABLE speaker_aliases (
    alias_key  TEXT    NOT NULL,
    speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
    alias      TEXT    NOT NULL,
    PRIMARY KEY (alias_key, speaker_id)
);
CREATE INDEX speaker_aliases_speaker ON speaker_aliases (speaker_id);

-- Quotes outlive their article's cached analysis (prune), so they carry what "who said" shows.
CREATE TABLE quotes (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    speaker_id   INTEGER REFERENCES speakers (id) ON DELETE SET NULL,
    speaker_name TEXT,
    role         TEXT,
    text         TEXT    NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    kind         TEXT    NOT NULL DEFAULT 'direct',
    context      TEXT    NOT NULL DEFAULT '',
    UNIQUE (article_id, position)
);
CREATE INDEX quotes_speaker ON quotes (speaker_id);

-- Who asked for which article where; an article is visible in a scope only through these rows.
CREATE TABLE submissions (
    id           INTEGER PRIMARY KEY,
    scope_key    TEXT    NOT NULL,
    guild_id     INTEGER NOT NULL DEFAULT 0,
    channel_id   INTEGER NOT NULL DEFAULT 0,
    user_id      INTEGER NOT NULL DEFAULT 0,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    submitted_at TEXT    NOT NULL
);
CREATE INDEX submissions_scope_article ON submissions (scope_key, article_id);
CREATE INDEX submissions_scope_time ON submissions (scope_key, submitted_at);
CREATE INDEX submissions_article ON submissions (article_id);

-- Full-text adapter (SQLite FTS5): an external-content index over quotes.text, kept in step
-- by triggers. Porter stemming makes "tax" find "taxes"; remove_diacritics folds accents.
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text,
    content = 'quotes',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
END;
