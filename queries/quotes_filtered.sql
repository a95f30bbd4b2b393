-- one row per quote on the requested page of quotes matching every filter, in paper order,
-- with its tags; plus total_matches, the count over all pages. When the page is past the end,
-- one row comes back with total_matches and a null id.
-- A list filter that is empty matches anything; values within one filter are alternatives (or),
-- and filters combine (and). $limit null means every matching quote (for export).
-- $search matches literally (no wildcards), ignoring case and accents. It is answered from the
-- build's word index (search_words, search_postings): a text holds the search exactly when, for
-- its space-separated parts, one word ends with the first part, the next words equal the middle
-- parts and the word after starts with the last (a one-part search sits anywhere in one word).
with part_words as (
    -- for each part of the search (the j-th of k), the words that can hold it
    select p.j, p.k, w.id as word_id
    from (
        select unnest(n.parts) as part, generate_subscripts(n.parts, 1) as j, len(n.parts) as k
        from (select string_split(strip_accents(lower($search)), ' ') as parts) as n
    ) as p
    join search_words as w
        on case
            when p.k = 1 then contains(w.word, p.part)
            when p.j = 1 then ends_with(w.word, p.part)
            when p.j = p.k then starts_with(w.word, p.part)
            else w.word = p.part
        end
),

single_hits as (
    -- a one-part search: every quote with a word holding it. Not grouped: a part found in most quotes
    -- ("the") has millions of postings, and grouping them took several times as long as the match
    select sp.quote_position as position
    from part_words as pw
    join search_postings as sp on sp.word_id = pw.word_id
    where pw.k = 1
),

phrase_hits as (
    -- a search of several parts: quotes with words holding every part, one after the other. Grouped by
    -- where the search would start, a quote's token holds one word, so each part is counted at most once
    select sp.quote_position as position
    from part_words as pw
    join search_postings as sp on sp.word_id = pw.word_id
    where pw.k > 1
    group by sp.quote_position, sp.token - pw.j
    having count(*) = max(pw.k)
),

matching as (
    -- the cheap filters run in the scan of quotes; tags and text come in as sets of positions
    select q.rowid as row_id, q.position
    from quotes as q
    where (len($themes) = 0 or list_contains($themes, q.theme_id))
      and (len($studies) = 0 or list_contains($studies, q.study_id))
      and (len($sources) = 0 or list_contains($sources, q.source_id))
      and (len($quote_ids) = 0 or list_contains($quote_ids, q.id))
      and (
          $min_quality is null
          or q.study_id in (select s.id from studies as s where s.quality_score >= $min_quality)
      )
      and (
          len($subthemes) = 0
          or q.position in (
              select t.quote_position from quote_tags as t
              where t.kind = 'subtheme' and list_contains($subthemes, t.tag_id)
          )
      )
      and (
          len($stigma) = 0
          or q.position in (
              select t.quote_position from quote_tags as t
              where t.kind = 'stigma' and list_contains($stigma, t.tag_id)
          )
      )
      -- the number of parts is known when the query is planned: only one of these reads postings
      and ($search is null or len(string_split($search, ' ')) > 1
           or q.position in (select h.position from single_hits as h))
      and ($search is null or len(string_split($search, ' ')) = 1
           or q.position in (select h.position from phrase_hits as h))
),

total as (
    select count(*) as total_matches
    from matching
),

page as (
    select m.row_id, m.position
    from matching as m
    order by m.position
    limit $limit offset $offset
),

tagged as (
    -- the page's rows are fetched by row id and its tags by position, reading only their own blocks.
    -- Every column of quotes comes along, so a field added to the declaration reaches the cards as is.
    select
        q.*,
        src.label as source_label,
        s.citation,
        s.quality_score,
        s.quality_max,
        q.theme_id,
        th.name as theme_name,
        tl.subthemes,
        tl.stigma
    from page as p
    join quotes as q on q.rowid = p.row_id
    join studies as s on s.id = q.study_id
    join themes as th on th.id = q.theme_id
    left join source_types as src on src.id = q.source_id
    join quote_tag_lists as tl on tl.quote_position = p.position
)

select
    tg.*,
    tot.total_matches
from total as tot
left join tagged as tg on true
order by tg.position
