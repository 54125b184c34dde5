-- 0007: each speaker's surname key, indexed, so the names one scope may link across articles
-- ("President Trump" to "Donald Trump", bot.speaker_identity) are found by surname in one index
-- lookup instead of a scan of every speaker ever stored.
-- surname_key = the last word of name_key, or the word before it when that is a suffix
-- (jr, sr, ii, iii, iv): bot.store.keys.surname_key computes the same for new rows.

ALTER TABLE speakers ADD COLUMN surname_key TEXT NOT NULL DEFAULT '';

-- The last word: rtrim strips every trailing character that occurs in the key apart from
-- spaces, that is the last word, and what is left is the prefix to cut.
UPDATE speakers
SET surname_key = substr(name_key, length(rtrim(name_key, replace(name_key, ' ', ''))) + 1);

-- A suffix is not a surname: take the word before it.
UPDATE speakers
SET surname_key = substr(
    rtrim(rtrim(name_key, replace(name_key, ' ', '')), ' '),
    length(rtrim(
        rtrim(rtrim(name_key, replace(name_key, ' ', '')), ' '),
        replace(rtrim(rtrim(name_key, replace(name_key, ' ', '')), ' '), ' ', '')
    )) + 1
)
WHERE surname_key IN ('jr', 'sr', 'ii', 'iii', 'iv') AND name_key LIKE '% %';

CREATE INDEX speakers_surname ON speakers (surname_key);
