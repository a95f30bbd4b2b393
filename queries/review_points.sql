-- one row per point of one section of the review (limitations, implications, ...), in order
select
    p.position,
    p.text,
    p.provenance
from review_points as p
where p.section = $section
order by p.position
