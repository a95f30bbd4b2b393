-- one row: the clinician guide's title, disclaimer and confidence note, and the leaflet's title, intro
-- and the labels of its write-in box (null for neutral ones)
select
    g.title,
    g.disclaimer,
    g.confidence_note,
    g.leaflet_title,
    g.leaflet_intro,
    g.leaflet_write_in
from guidance as g
limit 1
