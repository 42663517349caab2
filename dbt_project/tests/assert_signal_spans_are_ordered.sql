-- Every signal span that is known is ordered: 0 <= span_start <= span_end, both or neither known.
select signal_id, span_start, span_end
from {{ ref('signals') }}
where (span_start is null) <> (span_end is null) or span_end < span_start
