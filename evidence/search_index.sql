-- Fill the derived tables of schema.sql from the quote tables, after they are loaded.
-- Words are the quote text lower-cased, accents removed and split at single spaces, so that a
-- search is literal: a text holds a search exactly when its words line up with the search's words
-- (see queries/quotes_filtered.sql).

-- Derived rows are replaced, never added to, so deriving twice (a loader after the build) is safe.
delete from search_words;
delete from search_postings;
delete from quote_tags;
delete from quote_tag_lists;

create temp table quote_tokens as
select
    q.position as quote_position,
    generate_subscripts(q.words, 1) as token,
    unnest(q.words) as word
from (select position, string_split(strip_accents(lower(text)), ' ') as words from quotes) as q;

insert into search_words
select
    row_number() over (order by t.word) as id,
    t.word,
    count(*) as occurrences
from quote_tokens as t
group by t.word;

insert into search_postings
select w.id, t.quote_position, t.token
from quote_tokens as t
join search_words as w on w.word = t.word
order by w.id, t.quote_position, t.token;

drop table quote_tokens;

create temp table tagged as
select 'subtheme' as kind, qs.subtheme_id as tag_id, q.position as quote_position, qs.provenance
from quote_subthemes as qs
join quotes as q on q.id = qs.quote_id
union all
select 'stigma', qt.stigma_type_id, q.position, qt.provenance
from quote_stigma as qt
join quotes as q on q.id = qt.quote_id;

insert into quote_tags
select t.kind, t.tag_id, t.quote_position
from tagged as t
order by t.kind, t.tag_id, t.quote_position;

-- one row per quote, in position order
insert into quote_tag_lists
with tag_names as (
    -- subthemes in the order of Table 3: by theme, then within it
    select 'subtheme' as kind, sub.id, sub.name, row_number() over (order by th.number, sub.position) as position
    from subthemes as sub
    join themes as th on th.id = sub.theme_id
    union all
    select 'stigma', st.id, st.label, st.position
    from stigma_types as st
),

lists as (
    select
        t.quote_position,
        list(struct_pack(id := n.id, name := n.name, provenance := t.provenance) order by n.position)
            filter (where t.kind = 'subtheme') as subthemes,
        list(struct_pack(id := n.id, name := n.name, provenance := t.provenance) order by n.position)
            filter (where t.kind = 'stigma') as stigma
    from tagged as t
    join tag_names as n on n.kind = t.kind and n.id = t.tag_id
    group by t.quote_position
)

select q.position, coalesce(l.subthemes, []), coalesce(l.stigma, [])
from quotes as q
left join lists as l on l.quote_position = q.position
order by q.position;

drop table tagged;
