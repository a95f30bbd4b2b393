-- one row per quote on the requested page of quotes matching every filter, in paper order,
-- with its tags; plus total_matches, the count over all pages. When the page is past the end,
-- one row comes back with total_matches and a null id.
-- A list filter that is empty matches anything; values within one filter are alternatives (or),
-- and filters combine (and). $limit null means every matching quote (for export).
with matching as (
    select q.id, q.position
    from quotes as q
    join studies as s on s.id = q.study_id
    where (len($themes) = 0 or list_contains($themes, q.theme_id))
      and (len($studies) = 0 or list_contains($studies, q.study_id))
      and (len($sources) = 0 or list_contains($sources, q.source))
      and (len($quote_ids) = 0 or list_contains($quote_ids, q.id))
      and ($min_quality is null or s.quality_score >= $min_quality)
      -- case-blind substring match; the search's own % and _ are escaped so they match literally
      and (
          $search is null
          or q.text ilike '%' || replace(replace(replace($search, '\', '\\'), '%', '\%'), '_', '\_') || '%' escape '\'
      )
      and (
          len($subthemes) = 0
          or q.id in (select qs.quote_id from quote_subthemes as qs where list_contains($subthemes, qs.subtheme_id))
      )
      and (
          len($stigma) = 0
          or q.id in (select qt.quote_id from quote_stigma as qt where list_contains($stigma, qt.stigma_type_id))
      )
),

total as (
    select count(*) as total_matches
    from matching
),

page as (
    select m.id, m.position
    from matching as m
    order by m.position
    limit $limit offset $offset
),

page_subthemes as (
    -- tags are gathered for the page's quotes only, never for the whole corpus
    select
        qs.quote_id,
        list(struct_pack(id := sub.id, name := sub.name, provenance := qs.provenance) order by sub.position)
            as subthemes
    from page as p
    join quote_subthemes as qs on qs.quote_id = p.id
    join subthemes as sub on sub.id = qs.subtheme_id
    group by qs.quote_id
),

page_stigma as (
    select
        qt.quote_id,
        list(struct_pack(id := st.id, name := st.label, provenance := qt.provenance) order by st.position)
            as stigma
    from page as p
    join quote_stigma as qt on qt.quote_id = p.id
    join stigma_types as st on st.id = qt.stigma_type_id
    group by qt.quote_id
),

tagged as (
    select
        q.id,
        q.position,
        q.text,
        q.page,
        q.printed_citation,
        q.source,
        q.content_note,
        q.study_id,
        s.citation,
        s.quality_score,
        s.quality_max,
        q.theme_id,
        t.name as theme_name,
        coalesce(ps.subthemes, []) as subthemes,
        coalesce(pt.stigma, []) as stigma
    from page as p
    join quotes as q on q.id = p.id
    join studies as s on s.id = q.study_id
    join themes as t on t.id = q.theme_id
    left join page_subthemes as ps on ps.quote_id = p.id
    left join page_stigma as pt on pt.quote_id = p.id
)

select
    tg.*,
    tot.total_matches
from total as tot
left join tagged as tg on true
order by tg.position
