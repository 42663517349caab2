-- Conservation of signals: every signal of a known session is counted in exactly one incident.
-- Returns a row when the incident signal counts and the signals disagree.
with signals as (
    select count(*) as n
    from {{ ref('signals') }} as sig
    inner join {{ ref('stg_sessions') }} as s on s.session_id = sig.session_id
),

incidents as (
    select coalesce(sum(signal_count), 0) as n from {{ ref('fct_incidents') }}
)

select signals.n as signals, incidents.n as counted_in_incidents
from signals, incidents
where signals.n <> incidents.n
