-- one row per point of one section of the review (limitations, implications, ...), in order; with a
-- term, only the points whose text contains it (any case)
select
    p.position,
    p.text,
    p.provenance
from review_points as p
where p.section = $section
  and contains(lower(p.text), lower($term))  -- when $term
order by p.position
