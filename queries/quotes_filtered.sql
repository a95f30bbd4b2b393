-- one row per quote on the requested page of quotes matching every filter, in paper order,
-- with its tags; plus total_matches, the count over all pages. When the page is past the end,
-- one row comes back with total_matches and a null id.
-- A list filter that is empty matches anything; values within one filter are alternatives (or),
-- and filters combine (and). $limit null means every matching quote (for export). $min_confidence
-- keeps the quotes supporting a finding whose confidence is at least that level (1 = the highest).
-- $records set: each quote as the JSON record a program reads (quote_records) instead of its card's columns.
-- A line with a trailing "when" comment is planned only when its parameter has a value (see
-- queries/__init__.py): an empty filter costs nothing, and one search path is planned, never both.
-- $search matches literally (no wildcards), ignoring case, accents and curly or straight quote marks. It is answered from the
-- build's word index (search_words, search_postings): a text holds the search exactly when, for
-- its space-separated parts, one word ends with the first part, the next words equal the middle
-- parts and the word after starts with the last (a one-part search sits anywhere in one word).
with
phrase_words as (                                                              -- when $search has a space
    -- for each part of a several-part search (the j-th of k), the words that can hold it
    select p.j, p.k, w.id as word_id                                           -- when $search has a space
    from (                                                                     -- when $search has a space
        select unnest(n.parts) as part, generate_subscripts(n.parts, 1) as j, len(n.parts) as k  -- when $search has a space
        from (select string_split(search_fold($search), ' ') as parts) as n  -- when $search has a space
    ) as p                                                                     -- when $search has a space
    join search_words as w                                                     -- when $search has a space
        on case                                                                -- when $search has a space
            when p.j = 1 then ends_with(w.word, p.part)                       -- when $search has a space
            when p.j = p.k then starts_with(w.word, p.part)                   -- when $search has a space
            else w.word = p.part                                               -- when $search has a space
        end                                                                    -- when $search has a space
),                                                                             -- when $search has a space

phrase_hits as (                                                               -- when $search has a space
    -- quotes with words holding every part, one after the other. Grouped by where the search would
    -- start, a quote's token holds one word, so each part is counted at most once
    select sp.quote_position as position                                      -- when $search has a space
    from phrase_words as pw                                                    -- when $search has a space
    join search_postings as sp on sp.word_id = pw.word_id                     -- when $search has a space
    group by sp.quote_position, sp.token - pw.j                               -- when $search has a space
    having count(*) = max(pw.k)                                                -- when $search has a space
),                                                                             -- when $search has a space

matching as (
    -- one scan of the narrow quote_facets applies the column filters; tags and the search come in as sets
    -- of positions. A one-part search takes every quote with a word holding it, never grouping postings:
    -- a part found in most quotes ("the") has millions of them
    select f.quote_position as position
    from quote_facets as f
    where true
      and list_contains($themes, f.theme_id)                                   -- when $themes
      and list_contains($studies, f.study_id)                                  -- when $studies
      and list_contains($sources, f.source_id)                                 -- when $sources
      and list_contains($quote_ids, f.quote_id)                                -- when $quote_ids
      and f.quality_score >= $min_quality                                      -- when $min_quality
      and f.quote_position in (select t.quote_position from quote_tags as t    -- when $subthemes
          where t.kind = 'subtheme' and list_contains($subthemes, t.tag_id))   -- when $subthemes
      and f.quote_position in (select t.quote_position from quote_tags as t    -- when $stigma
          where t.kind = 'stigma' and list_contains($stigma, t.tag_id))        -- when $stigma
      and f.quote_position in (select sp.quote_position from search_postings as sp where sp.word_id in  -- when $search has no space
          (select w.id from search_words as w where contains(w.word, search_fold($search))))   -- when $search has no space
      and f.quote_position in (select h.position from phrase_hits as h)        -- when $search has a space
      and f.quote_position in (select q.position from claim_evidence as ce     -- when $min_confidence
          join quotes as q on q.id = ce.evidence_id                            -- when $min_confidence
          join findings as fd on fd.id = ce.claim_id                           -- when $min_confidence
          join confidence_levels as lv on lv.component_id is null and lv.id = fd.confidence  -- when $min_confidence
          where ce.claim_kind = 'finding' and ce.evidence_kind = 'quote'       -- when $min_confidence
            and lv.position <= $min_confidence)                                -- when $min_confidence
),

page as (
    select m.position
    from matching as m
    order by m.position
    limit $limit offset $offset
)

, tagged as (                                                                  -- when $records is empty
    -- the page's quotes, with what their cards show. Every column of quotes comes along, so a field added   -- when $records is empty
    -- to the declaration reaches the cards as is.                             -- when $records is empty
    select                                                                     -- when $records is empty
        q.*,                                                                   -- when $records is empty
        f.source_label,                                                        -- when $records is empty
        f.citation,                                                            -- when $records is empty
        f.quality_score,                                                       -- when $records is empty
        f.quality_max,                                                         -- when $records is empty
        f.theme_name,                                                          -- when $records is empty
        f.subthemes,                                                           -- when $records is empty
        f.stigma,                                                              -- when $records is empty
        f.consequences                                                         -- when $records is empty
    from page as p                                                             -- when $records is empty
    join quote_facets as f on f.quote_position = p.position                    -- when $records is empty
    join quotes as q on q.position = p.position                                -- when $records is empty
)                                                                              -- when $records is empty

, recorded as (                                                                -- when $records
    select r.quote_position as position, r.record                             -- when $records
    from page as p                                                             -- when $records
    join quote_records as r on r.quote_position = p.position and $records     -- when $records
)                                                                              -- when $records

select
    tg.*,                                                                      -- when $records is empty
    rc.position,                                                               -- when $records
    rc.record,                                                                 -- when $records
    tot.total_matches
from (select count(*) as total_matches from matching) as tot
left join tagged as tg on true                                                 -- when $records is empty
order by tg.position                                                           -- when $records is empty
left join recorded as rc on true                                               -- when $records
order by rc.position                                                           -- when $records
