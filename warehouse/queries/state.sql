-- Whether the projections are a complete state, and which run wrote them (core.warehouse_state, one row).

-- name: set
-- A run marks the projections incomplete before it writes, and complete in its last step.
merge into core.warehouse_state t
using (select ? as complete, ? as run_id, ? as job_name, ? as changed_at) s on true
when matched then update set complete = s.complete, run_id = s.run_id, job_name = s.job_name,
    changed_at = s.changed_at
when not matched then insert (singleton, complete, run_id, job_name, changed_at)
    values (true, s.complete, s.run_id, s.job_name, s.changed_at)

-- name: get
-- In the lake mode (no keys) two writers that both find the table empty may each insert the row; every later
-- set updates all rows alike, so the newest row is the state whatever their number.
select complete, run_id, job_name, changed_at from core.warehouse_state order by changed_at desc limit 1
