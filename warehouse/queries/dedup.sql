-- The dedup stage: every current mention in, events out (see pipeline/dedup.py).

-- name: current_mentions
-- Every current mention, with what dedup orders them by (publication, then article key): a function of the
-- current article versions, never of the order the log received them.
select m.*, a.outlet, a.published_at, a.article_key, a.n_sentences
from core.mentions m
join main.articles a using (article_id)

-- name: anchored_events
-- How many events their reports anchor (told place and date): a figure the events asset shows and plots.
select count(*) from main.anchored_events

-- name: withheld_events
-- How many events the event score withheld (pipeline/event_score.py): a figure the events asset shows and plots.
select count(*) from core.withheld_events
