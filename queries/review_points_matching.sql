-- one row per point of one section of the review whose text contains a term (any case), in order
select
    p.position,
    p.text,
    p.provenance
from review_points as p
where p.section = $section
  and contains(lower(p.text), lower($term))
order by p.position
