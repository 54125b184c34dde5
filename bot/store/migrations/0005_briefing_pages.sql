-- 0005: a scheduled briefing longer than one message is posted page by page, and each page is
-- recorded as it lands, so a restart posts only the pages still missing, in order, once each.
-- page_count is set before the first page is posted (NULL: no page was announced, e.g. a run
-- started by an older Briefbot); pages_sent counts the pages known to be in the channel;
-- window_end is the instant the briefing was composed for, so a resumed run composes the same
-- briefing again and its remaining pages continue the ones already posted.

ALTER TABLE briefing_runs ADD COLUMN page_count INTEGER;
ALTER TABLE briefing_runs ADD COLUMN pages_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE briefing_runs ADD COLUMN window_end TEXT;
