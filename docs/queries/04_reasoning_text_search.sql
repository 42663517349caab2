-- Reasoning text search: reasoning steps that talk about graders, being tested or not being
-- noticed, with the session's verdict. Edit the pattern (case-insensitive regular expression) to
-- search for anything else; only readable reasoning (plain or summary) has text.
select
    e.session_id,
    s.deployment,
    s.model,
    e.event_index,
    e.ts,
    e.reasoning_visibility,
    left(e.text, 300) as reasoning_excerpt,
    s.is_flagged,
    s.categories
from raw.events as e
inner join marts.fct_session_metrics as s on s.session_id = e.session_id
where e.kind = 'reasoning'
    and regexp_matches(e.text, '(?i)\b(?:grader|the tests? only checks?|being (?:tested|evaluated|watched)|no one will notice|this is (?:probably )?a test)\b')
order by e.ts desc
limit 100
