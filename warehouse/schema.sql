-- Tables of the warehouse, layered as analysts know it from dbt projects:
--   raw      the append-only article log and the immutable article versions it points to
--   staging  cleaned articles and their sentences (one row per article version)
--   core     event mentions (one per sentence-level report) and deduplicated events
--   marts    aggregates for analysts (views, see views.sql)
-- Every statement is idempotent, so applying this file to an existing warehouse changes nothing.

create schema if not exists raw;
create schema if not exists staging;
create schema if not exists core;
create schema if not exists marts;

-- One row per distinct article content ever seen. Never updated, never deleted.
create table if not exists raw.article_versions (
    content_hash      varchar primary key,  -- sha256 of the record's content and metadata
    article_key       varchar not null,     -- identity across versions: source/id, else canonical url, else file path
    source_id         varchar not null,     -- the record's "id", or the file name for file inputs
    source_path       varchar not null,     -- landing file, relative to the landing folder
    record_index      integer not null,     -- line number (1-based) in a JSON Lines file, else 0
    format            varchar not null,     -- txt | html | jsonl
    url               varchar,
    outlet            varchar,
    title             varchar,
    published_at_raw  varchar,              -- as given in metadata, unparsed
    content           varchar not null,     -- the text or HTML as received (decoded)
    content_is_html   boolean not null,
    batch_id          varchar not null,     -- landing batch (Dagster partition) it first came in
    ingested_at       timestamp not null,
    source            varchar               -- whose id source_id is: the outlet, else the feed name (null without an id)
);
-- Warehouses made before a column existed get it here (null in their old rows).
alter table raw.article_versions add column if not exists source varchar;

-- The system of record: what happened to which article, in order. Never updated, never deleted.
create table if not exists raw.article_log (
    seq           bigint primary key,       -- monotonically increasing
    kind          varchar not null,         -- ingested | updated | retracted
    article_key   varchar not null,
    content_hash  varchar,                  -- null for retractions
    batch_id      varchar not null,
    source_path   varchar not null,
    record_index  integer not null,
    logged_at     timestamp not null
);

-- Landing batches loaded so far and the signature (a hash of their files' contents) when loaded.
create table if not exists raw.landing_batches (
    batch_id        varchar primary key,
    signature       varchar not null,
    files           integer not null,
    bytes           bigint not null,
    first_loaded_at timestamp not null,
    last_loaded_at  timestamp not null
);

-- Inputs that could not become articles, with the reason. Never silently dropped.
create table if not exists raw.quarantine (
    quarantine_id   varchar primary key,    -- hash of batch, file, record and reason: reruns add nothing
    batch_id        varchar not null,
    source_path     varchar not null,
    record_index    integer not null,
    reason          varchar not null,
    raw_content     varchar,                -- the offending content (first 64 KiB, decoded leniently)
    content_bytes   bigint not null,        -- full size of the offending content
    quarantined_at  timestamp not null
);

create table if not exists staging.articles (
    article_id           varchar primary key,  -- = raw.article_versions.content_hash
    batch_id             varchar not null,
    article_key          varchar not null,
    source_id            varchar not null,
    url                  varchar,
    outlet               varchar,
    title                varchar,
    published_at         timestamp,            -- UTC (a stated offset or zone is applied)
    published_at_source  varchar not null,     -- metadata | text | unknown
    dateline_place       varchar,              -- place named in the dateline ("BAGHDAD, Iraq (CNN) -")
    body                 varchar not null,
    language             varchar not null,     -- ISO 639-1 guess; 'und' when unsure
    is_english           boolean not null,
    n_chars              integer not null,
    n_sentences          integer not null,
    removed_lines        integer not null,     -- boilerplate lines and repeated paragraphs dropped
    cleaned_at           timestamp not null,
    published_at_local   timestamp,            -- the publisher's wall-clock time ("on Friday" counts from its day)
    published_at_raw     varchar               -- the metadata date as given, unparsed
);
alter table staging.articles add column if not exists published_at_local timestamp;
alter table staging.articles add column if not exists published_at_raw varchar;

create table if not exists staging.sentences (
    article_id      varchar not null,
    sentence_index  integer not null,
    char_start      integer not null,           -- offsets into staging.articles.body
    char_end        integer not null,
    sentence        varchar not null,
    primary key (article_id, sentence_index)
);

-- One row per sentence-level report of an event. Python builds these rows from the Mention dataclass of
-- pipeline/extract/ plus batch_id and extracted_at, and takes their columns from this table (see
-- pipeline/warehouse.py: frame_schema); tests/test_warehouse_sql.py checks the two agree.
-- mention_id: the first 24 hex digits of sha256("<article_id>|<sentence_index>|<place>|<sub_event_type>"),
-- <place> the place's name or empty: one mention per sentence, place and sub-type, the same on every
-- re-extraction; a cross-sentence pass that changes a mention's sub-type recomputes it with the new sub-type.
create table if not exists core.mentions (
    mention_id         varchar primary key,     -- hash of article, sentence, place and sub-type (see above)
    article_id         varchar not null,
    batch_id           varchar not null,
    sentence_index     integer not null,
    char_start         integer not null,        -- sentence span in the article body
    char_end           integer not null,
    sentence           varchar not null,
    trigger            varchar not null,        -- the word that reports the event
    event_type         varchar not null,
    sub_event_type     varchar not null,
    actor1             varchar,
    actor2             varchar,
    location           varchar,
    admin1             varchar,
    country_code       varchar,
    latitude           double,
    longitude          double,
    geo_precision      varchar not null,
    geonameid          bigint,
    event_date         date,                    -- best estimate (first day of a stated week/month/year)
    date_start         date,                    -- first and last day the event may have happened on
    date_end           date,
    date_precision     varchar not null,
    is_background      boolean not null,        -- told as background of the article, not as news
    fatalities         integer,
    injured            integer,
    confidence         double not null,
    extractor_version  varchar not null,
    extracted_at       timestamp not null
);
-- Why the place was chosen (pipeline/extract/geo/event_place.py GEO_EVIDENCE); added after the first release.
alter table core.mentions add column if not exists geo_evidence varchar;
-- ACLED's associated actors and actor types (pipeline/extract/associations.py, inter_codes.py); added later.
alter table core.mentions add column if not exists assoc_actor_1 varchar;
alter table core.mentions add column if not exists assoc_actor_2 varchar;
alter table core.mentions add column if not exists inter1 integer;
alter table core.mentions add column if not exists inter2 integer;
-- Why the date (pipeline/vocabulary.py DATE_EVIDENCE); added after 0.6.29 (NULL on older rows until a rebuild).
alter table core.mentions add column if not exists date_evidence varchar;

-- Detection record: every trigger word of every parsed sentence and what became of it (pipeline/extract/
-- detect.py): coded as a mention ('event'), merged into the mention of another trigger of its sentence at the
-- same place ('merged'), or refused ('not_event') with the reason. Lets an analyst see why a sentence was or
-- was not coded. Replaced per batch with the mentions.
create table if not exists core.event_candidates (
    article_id         varchar not null,
    batch_id           varchar not null,
    sentence_index     integer not null,
    trigger            varchar not null,        -- the word read as a possible event
    trigger_start      integer not null,        -- its character offset in the sentence
    family             varchar not null,        -- what the word means here: attack, kill, protest, seize, ...
    sub_event_type     varchar,                 -- the ACLED sub-type it was coded as, when it got that far
    decision           varchar not null,        -- event | merged | not_event
    reason             varchar not null,        -- see core.detection_reasons
    score              double not null,         -- 0-1: evidence of a specific, real event (actor, victims, weapon, target, place, date)
    mention_id         varchar,                 -- the mention it became or was merged into
    extractor_version  varchar not null,
    extracted_at       timestamp not null,
    primary key (article_id, sentence_index, trigger_start)
);

-- The reasons a candidate can have, with what each means (written by the extract stage from detect.REASONS).
create table if not exists core.detection_reasons (
    reason   varchar primary key,
    meaning  varchar not null
);

-- Dedup output: which mention belongs to which event, and the events themselves.
create table if not exists core.event_members (
    mention_id  varchar primary key,
    event_id    varchar not null
);

create table if not exists core.events (
    event_id           varchar primary key,     -- named after its first report (see pipeline/dedup.py): stable
    event_date         date,
    date_start         date,
    date_end           date,
    date_precision     varchar not null,
    event_type         varchar not null,
    sub_event_type     varchar not null,
    actor1             varchar,
    actor2             varchar,
    location           varchar,
    admin1             varchar,
    country_code       varchar,
    latitude           double,
    longitude          double,
    geo_precision      varchar not null,
    fatalities         integer,                 -- lowest credible figure (ACLED's conservative rule); 0 if none stated
    fatalities_max     integer,                 -- highest figure reported
    injured            integer,
    num_mentions       integer not null,
    num_articles       integer not null,
    num_sources        integer not null,        -- distinct outlets
    first_reported_at  timestamp,
    confidence         double not null
);
alter table core.events add column if not exists geo_evidence varchar;  -- that of the mention giving the place
alter table core.events add column if not exists assoc_actor_1 varchar;  -- voted among the reports naming actor1
alter table core.events add column if not exists assoc_actor_2 varchar;
alter table core.events add column if not exists inter1 integer;         -- from the event's actor names
alter table core.events add column if not exists inter2 integer;
alter table core.events add column if not exists date_evidence varchar;  -- that of the mention giving the date
alter table core.events add column if not exists event_score double;    -- pipeline/event_score.py; NULL: not judged
-- Events dedup made but withheld as more likely wrong than right (pipeline/event_score.py): the columns of
-- core.events, kept so that nothing is lost; main.withheld_events shows them.
create table if not exists core.withheld_events as select * from core.events limit 0;

-- History: one row per change of an event, appended by the dedup step (pipeline/history.py). Never updated.
create table if not exists core.event_changes (
    change_seq         bigint primary key,      -- order in which changes were recorded
    event_id           varchar not null,
    change             varchar not null,        -- created | split | report_joined | report_updated |
                                                -- report_removed | mentions_changed | type_changed |
                                                -- date_changed | place_changed | actors_changed |
                                                -- toll_changed | merged | removed
    related_event_id   varchar,                 -- split: the event it came out of; merged: the one it joined
    fields             varchar[] not null,      -- the columns the change is about
    values_before      json,                    -- those columns before (NULL when created or split)
    values_after       json,                    -- and after (NULL when removed or merged)
    log_seq            bigint,                  -- the log entry that caused it (NULL: a rebuild or rerun)
    log_seq_from       bigint not null,         -- the dedup step saw the log entries from < seq <= to
    log_seq_to         bigint not null,
    run_id             varchar,                 -- the Dagster run of the dedup step
    extractor_version  varchar not null,
    recorded_at        timestamp not null
);

-- The last log entry the dedup step has diffed the events for (one row).
create table if not exists core.event_history_watermark (
    log_seq  bigint not null
);

-- Names of each event's place that core.events does not carry: its district (admin2) and country. Filled
-- from the offline gazetteer before the marts are built (pipeline/marts.py).
create table if not exists core.event_places (
    event_id  varchar primary key,
    admin2    varchar,                          -- district the event's town lies in (or the district itself)
    country   varchar                           -- country name ("Iraq"), from country_code
);

-- Whether the projections are a complete state: a run sets complete = false before it writes and true,
-- naming itself, when its last step is done. The snapshot readers query is published only from complete
-- states; a run that finds the flag false (a run was killed) repairs the projections first.
create table if not exists core.warehouse_state (
    singleton   boolean primary key default true check (singleton),
    complete    boolean not null,
    run_id      varchar,                    -- the Dagster run that last wrote, or completed, the state
    job_name    varchar,
    changed_at  timestamp not null
);

-- Which version of schema.sql, views.sql and catalog.yaml this warehouse was last brought up to (a digest of
-- the three files, one row): opening a warehouse applies them only when they changed.
create table if not exists core.ddl_digest (
    digest  varchar not null
);
