-- The history of the events (pipeline/history.py): what each dedup step changed, and the log behind it.

-- name: watermark
-- The last log entry the dedup step has diffed the events for; no row before the first diff.
select log_seq from core.event_history_watermark

-- name: last_log_seq
select coalesce(max(seq), 0) from raw.article_log

-- name: events_now
select * from core.events

-- name: members_now
-- Of the events table's events (a withheld event's reports are no report of an event there).
select mention_id, event_id from core.event_members where event_id in (select event_id from core.events)

-- name: mention_articles
-- Every mention's article (key and version), current or not: the history also names what left an event.
select m.mention_id, v.article_key, m.article_id
from core.mentions m
join raw.article_versions v on v.content_hash = m.article_id

-- name: log_entries_between
select seq, article_key from raw.article_log where seq > ? and seq <= ? order by seq

-- name: next_change_seq
select coalesce(max(change_seq), 0) + 1 from core.event_changes

-- name: clear_watermark
delete from core.event_history_watermark

-- name: set_watermark
insert into core.event_history_watermark values (?)

-- name: runs_by_prefix
-- The Dagster runs (id prefix) that recorded changes, with the last change each recorded.
select run_id, max(change_seq) from core.event_changes where starts_with(run_id, ?) group by run_id

-- name: changes_since_time
select * from main.event_history where recorded_at >= ? order by change_seq

-- name: changes_after_time
select * from main.event_history where recorded_at > ? order by change_seq

-- name: changes_after_seq
select * from main.event_history where change_seq > ? order by change_seq

-- name: deleted_events
-- Events whose last change removed them (or merged them into another) and that do not exist now.
select event_id, recorded_at as deleted_at, change, related_event_id as merged_into,
       values_before as last_values
from core.event_changes c
where change in ('removed', 'merged')
  and change_seq = (select max(change_seq) from core.event_changes x where x.event_id = c.event_id)
  and event_id not in (select event_id from core.events)
order by change_seq
