-- one row per kind of quote source (forum post, interview), with its quote count
select
    q.source,
    count(*) as quotes
from quotes as q
group by q.source
order by q.source
