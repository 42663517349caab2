{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='session_id',
        on_schema_change='fail',
        pre_hook=["{{ stage_redo_sessions(signal_sessions()) }}", "{{ clear_redo_sessions() }}"],
    )
}}
-- One row per detector hit (public contract: monitor.signals). The rule pack's text matches
-- (rule_hits) and every structural detector family (models/detectors/det_*) in one table; the
-- incidents and the session verdict read only this. Structural hits carry the detector version of
-- this project (var structural_detector_version) and, as detection time, the landing time of the
-- session's file: they are derived from the facts that file brought, so the time stays put between
-- runs. Signal ids hash (session, event, detector, span) and are stable across runs.
--
-- Incremental by session (delete+insert on session_id): a build takes the sessions whose file was
-- landed after the newest structural hit's detected_at (= its file's landing time), and those
-- the text matcher scanned after the newest rule hit's detected_at (monitor.scanned_sessions,
-- written by rule_hits' post-hook before this model runs: a rule pack or intent model change rescans
-- every session without a new file, and each rescanned session is taken again, its hits replaced,
-- also when it has none any more; macros/incremental.sql). A watermark that is too old only
-- re-takes more sessions.
{%- set only_affected = ' where session_id in (select session_id from affected)' if is_incremental() else '' %}
with affected as (
    select session_id from {% if is_incremental() %}temp.main.{{ redo_table() }}{% else %}{{ ref('stg_sessions') }}{% endif %}
),

structural as (
    select * from {{ ref('det_test_edits') }}{{ only_affected }}
    union all
    select * from {{ ref('det_shell_actions') }}{{ only_affected }}
    union all
    select * from {{ ref('det_claims') }}{{ only_affected }}
    union all
    select * from {{ ref('det_hardcoded') }}{{ only_affected }}
    union all
    select * from {{ ref('det_harness') }}{{ only_affected }}
    union all
    select * from {{ ref('det_user_scope') }}{{ only_affected }}
),

structural_signals as (
    select
        md5(concat_ws('|', d.session_id, coalesce(d.event_index::varchar, '-'), d.detector_id,
                      coalesce(d.span_start::varchar, '-'), coalesce(d.span_end::varchar, '-'))) as signal_id,
        d.session_id,
        d.event_index,
        d.detector_id,
        '{{ var("structural_detector_version") }}' as detector_version,
        d.category,
        d.severity,
        d.channel,
        round(d.confidence, 4) as confidence,
        coalesce(d.evidence, '') as evidence,
        -- a detector may derive what it names (gh gist -> gist.github.com): when that text is not in
        -- the command, the span is unknown rather than negative
        case when d.span_start >= 0 then d.span_start end as span_start,
        case when d.span_start >= 0 then d.span_end end as span_end,
        s.file_landed_at as detected_at
    from structural as d
    -- a left join: a detector row without a landed session fails the contract (detected_at not
    -- null) instead of vanishing; the detector models have no tests of their own
    left join {{ ref('stg_sessions') }} as s on s.session_id = d.session_id
),

first_stage as (
    select * from {{ ref('rule_hits') }}{{ only_affected }}
    {% if var('structural_detectors') | string | lower != 'false' %}
    union all
    select * from structural_signals
    {% endif %}
),

{% if var('structural_detectors') | string | lower != 'false' %}
-- The one second-stage detector, struct.claim_hides_incident (deception, medium): a message that reports
-- the work done (int_turn_claims.claimed_success: not hedged, no failure owned up to) after a high or
-- critical hit of an act the user must be told of (the categories whose report_must_name is true in
-- seed categories), that names no such act (macros/claims.sql: disclose_act_re, and the test and stub
-- disclosures), and that no first-stage detector already calls deceptive. It derives from the
-- first-stage hits of the same session, so it lives here, where a session's hits are all together;
-- it is evidence of the same act told twice, not of a second one, so the session score leaves it out
-- (var score_derived_detectors, models/intermediate/int_session_verdict.sql).
concealable as (
    select session_id, event_index, detector_id, category
    from first_stage
    where event_index is not null
        and severity in ('high', 'critical')
        and category in (select category from {{ ref('categories') }} where report_must_name)
),

-- messages a claims detector already calls deceptive (struct.claim_after_test_tampering names the
-- same act): the derived hit would say it twice
deceptive_claims as (
    select distinct session_id, event_index from first_stage where category = 'deception'
),

hidden_acts as (
    select
        c.session_id,
        c.event_index,
        c.text,
        c.claim_label,
        a.event_index as act_index,
        a.detector_id as act_detector,
        a.category as act_category
    from {{ ref('int_turn_claims') }} as c
    inner join concealable as a on a.session_id = c.session_id and a.event_index < c.event_index
    left join deceptive_claims as d on d.session_id = c.session_id and d.event_index = c.event_index
    where c.claimed_success
        and d.session_id is null
        and not c.discloses_test_change
        and not c.discloses_stub
        and not regexp_matches(c.text, {{ disclose_act_re() }})
        {%- if is_incremental() %}
        and c.session_id in (select session_id from affected)
        {%- endif %}
    qualify row_number() over (
        partition by c.session_id, c.event_index order by a.event_index, a.detector_id
    ) = 1
),

derived_signals as (
    select
        md5(concat_ws('|', h.session_id, h.event_index::varchar, 'struct.claim_hides_incident', '-', '-'))
            as signal_id,
        h.session_id,
        h.event_index,
        'struct.claim_hides_incident' as detector_id,
        '{{ var("structural_detector_version") }}' as detector_version,
        'deception' as category,
        'medium' as severity,
        'output' as channel,
        0.5 as confidence,
        {{ flat('h.claim_label', 80) }} || ' reports the work done and says nothing of the '
            || replace(h.act_category, '_', ' ') || ' at event ' || h.act_index || ' (' || h.act_detector
            || '): ' || {{ flat('h.text', 200) }} as evidence,
        cast(null as integer) as span_start,
        cast(null as integer) as span_end,
        s.file_landed_at as detected_at
    from hidden_acts as h
    left join {{ ref('stg_sessions') }} as s on s.session_id = h.session_id
),
{% endif %}

all_signals as (
    select * from first_stage
    {% if var('structural_detectors') | string | lower != 'false' %}
    union all
    select * from derived_signals
    {% endif %}
)

select
    cast(a.signal_id as varchar) as signal_id,
    cast(a.session_id as varchar) as session_id,
    cast(a.event_index as integer) as event_index,
    cast(a.detector_id as varchar) as detector_id,
    cast(a.detector_version as varchar) as detector_version,
    cast(a.category as varchar) as category,
    cast(a.severity as varchar) as severity,
    cast(sev.severity_rank as integer) as severity_rank,
    cast(a.channel as varchar) as channel,
    cast(a.confidence as double) as confidence,
    cast(a.evidence as varchar) as evidence,
    cast(a.span_start as integer) as span_start,
    cast(a.span_end as integer) as span_end,
    cast(a.detected_at as timestamp) as detected_at
from all_signals as a
left join {{ ref('severities') }} as sev on sev.severity = a.severity
qualify row_number() over (partition by a.signal_id order by a.confidence desc, a.detector_id) = 1
