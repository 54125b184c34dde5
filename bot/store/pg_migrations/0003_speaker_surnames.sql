-- 0003 (PostgreSQL): each speaker's surname key, indexed, as the SQLite migration 0007 (see it
-- for why): the last word of name_key, or the word before it when that is a suffix (jr, sr,
-- ii, iii, iv), as bot.store.keys.surname_key computes for the names looked up. The regular
-- expression's leftmost match is the last word, with an optional suffix after it.

ALTER TABLE speakers ADD COLUMN surname_key TEXT GENERATED ALWAYS AS (
    COALESCE(substring(name_key FROM '([^ ]+)(?: (?:jr|sr|ii|iii|iv))?$'), '')
) STORED;

CREATE INDEX speakers_surname ON speakers (surname_key);
