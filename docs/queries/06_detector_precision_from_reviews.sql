-- Detector precision measured by reviewers: for every detector, how many of the incidents it
-- contributed to were reviewed, and what share of those reviewers confirmed (needs_follow_up
-- counts as reviewed but neither confirmed nor rejected).
select
    detector_id,
    count(*) as incidents,
    count(*) filter (where review_status <> 'unreviewed') as reviewed,
    count(*) filter (where review_status = 'confirmed') as confirmed,
    count(*) filter (where review_status = 'false_positive') as false_positives,
    round(
        count(*) filter (where review_status = 'confirmed')
        / nullif(count(*) filter (where review_status in ('confirmed', 'false_positive')), 0),
        3
    ) as precision
from (select unnest(detectors) as detector_id, review_status from marts.fct_incidents)
group by detector_id
order by reviewed desc, incidents desc, detector_id
