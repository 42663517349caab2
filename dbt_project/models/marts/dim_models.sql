-- One row per model seen in a session ('unknown' when the transcript does not name it).
select
    model,
    case
        when regexp_matches(model, '^(?:claude|anthropic)') then 'anthropic'
        when regexp_matches(model, '^(?:gpt|o[0-9]|codex|chatgpt|openai)') then 'openai'
        when regexp_matches(model, '^(?:gemini|palm|google)') then 'google'
        when regexp_matches(model, '^(?:llama|meta)') then 'meta'
        when regexp_matches(model, '^(?:mistral|mixtral|codestral|devstral|magistral)') then 'mistral'
        when regexp_matches(model, '^deepseek') then 'deepseek'
        when regexp_matches(model, '^(?:qwen|qwq)') then 'alibaba'
        when regexp_matches(model, '^grok') then 'xai'
        else 'unknown'
    end as provider,
    -- The model without its snapshot date: claude-haiku-4-5-20251001 -> claude-haiku-4-5.
    regexp_replace(model, '-(?:[0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2})$', '') as model_family,
    cast(count(*) as bigint) as sessions,
    cast(count(distinct deployment) as bigint) as deployments,
    array_sort(array_agg(distinct agent) filter (where agent is not null)) as agents,
    min(coalesce(started_at, ended_at)) as first_session_at,
    max(coalesce(started_at, ended_at)) as last_session_at
from {{ ref('stg_sessions') }}
group by model
