-- Whether the projections are a complete state, and which run wrote them (core.warehouse_state, one row).

-- name: set
-- A run marks the projections incomplete before it writes, and complete in its last step.
insert or replace into core.warehouse_state values (true, ?, ?, ?, ?)

-- name: get
select complete, run_id, job_name, changed_at from core.warehouse_state
