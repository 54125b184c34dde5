-- 0002: the daily briefing: one schedule per channel, one run row per channel and local date,
-- and the RSS/Atom feeds a server follows with the entries already seen.
-- Portable SQL; times are UTC ISO-8601 strings of one fixed width (see bot.store.sqlite.stamp).

CREATE TABLE briefing_schedules (
    channel_id    INTEGER PRIMARY KEY,
    guild_id      INTEGER NOT NULL,
    local_time    TEXT    NOT NULL,              -- HH:MM on the wall clock of time_zone
    time_zone     TEXT    NOT NULL,              -- IANA name
    hours         INTEGER NOT NULL DEFAULT 24,   -- the window each briefing covers
    created_by    INTEGER NOT NULL DEFAULT 0,
    active_from   TEXT    NOT NULL,              -- runs due earlier are not owed
    paused_reason TEXT,                          -- why sending stopped (NULL = active)
    paused_at     TEXT,
    last_error    TEXT,                          -- the last failure that did not pause it
    updated_at    TEXT    NOT NULL
);
CREATE INDEX briefing_schedules_guild ON briefing_schedules (guild_id);

-- At most one row per channel and local date: the row is claimed before composing and marked
-- sent after, so a date's briefing is sent once however many processes or restarts try.
-- state: claimed (being composed) | sending (handed to Discord) | sent | skipped | failed
CREATE TABLE briefing_runs (
    channel_id INTEGER NOT NULL,
    local_date TEXT    NOT NULL,
    state      TEXT    NOT NULL,
    due_at     TEXT    NOT NULL,
    claimed_by TEXT    NOT NULL DEFAULT '',
    claimed_at TEXT    NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 1,
    sent_at    TEXT,
    message_id INTEGER,
    detail     TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (channel_id, local_date)
);

CREATE TABLE briefing_feeds (
    id             INTEGER PRIMARY KEY,
    guild_id       INTEGER NOT NULL,
    url            TEXT    NOT NULL,             -- canonical
    title          TEXT    NOT NULL DEFAULT '',
    etag           TEXT,
    last_modified  TEXT,
    added_by       INTEGER NOT NULL DEFAULT 0,
    added_at       TEXT    NOT NULL,
    next_poll_at   TEXT    NOT NULL,             -- also the claim: one process polls at a time
    last_polled_at TEXT,
    last_ok_at     TEXT,
    last_error     TEXT,
    failures       INTEGER NOT NULL DEFAULT 0,
    entries_seen   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (guild_id, url)
);
CREATE INDEX briefing_feeds_due ON briefing_feeds (next_poll_at);

-- Every entry link a server's feeds ever listed, once per server (by canonical URL), so the same
-- story in two feeds, or again in the next poll, is analyzed once.
-- state: new | analyzing | analyzed | failed | skipped
CREATE TABLE briefing_feed_entries (
    guild_id   INTEGER NOT NULL,
    url        TEXT    NOT NULL,
    feed_id    INTEGER REFERENCES briefing_feeds (id) ON DELETE SET NULL,
    title      TEXT    NOT NULL DEFAULT '',
    seen_at    TEXT    NOT NULL,
    state      TEXT    NOT NULL DEFAULT 'new',
    claimed_at TEXT,
    detail     TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (guild_id, url)
);
CREATE INDEX briefing_feed_entries_state ON briefing_feed_entries (state, seen_at);
