-- 0007: each speaker's surname key, indexed, so the names one scope may link across articles
-- ("President Trump" to "Donald Trump", bot.speaker_identity) are found by surname in one index
-- lookup instead of a scan of every speaker ever stored (Store.scope_speakers).
--
-- surname_key is the last word of name_key, or the word before it when that is a suffix
-- (jr, sr, ii, iii, iv); bot.store.keys.surname_key computes the same for the names looked up.
-- The last word: rtrim strips every trailing character that occurs in the key apart from
-- spaces (the last word), which leaves the length of what comes before it.
-- A virtual generated column: computed from name_key on every write, nothing to backfill.

ALTER TABLE speakers ADD COLUMN surname_key TEXT GENERATED ALWAYS AS (
    CASE
        WHEN instr(name_key, ' ') > 0
         AND substr(name_key, length(rtrim(name_key, replace(name_key, ' ', ''))) + 1)
             IN ('jr', 'sr', 'ii', 'iii', 'iv')
        -- the last word of the key without its last word (its "rest")
        THEN substr(
            rtrim(rtrim(name_key, replace(name_key, ' ', '')), ' '),
            length(rtrim(
                rtrim(rtrim(name_key, replace(name_key, ' ', '')), ' '),
                replace(rtrim(rtrim(name_key, replace(name_key, ' ', '')), ' '), ' ', '')
            )) + 1
        )
        ELSE substr(name_key, length(rtrim(name_key, replace(name_key, ' ', ''))) + 1)
    END
) VIRTUAL;

CREATE INDEX speakers_surname ON speakers (surname_key);
