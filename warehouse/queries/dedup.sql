-- The dedup stage: every current mention in, events out (see pipeline/dedup.py).

-- name: current_mentions
-- Mentions in the order the log first heard of their article (stable across later versions of it).
select m.*, a.outlet, a.published_at, f.first_seq as log_seq
from core.mentions m
join main.articles a using (article_id)
join (select article_key, min(seq) as first_seq from raw.article_log group by article_key) f
    using (article_key)
