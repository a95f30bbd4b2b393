-- one row per step or construct order of the synthesis method, in order
select
    s.kind,
    s.position,
    s.name,
    s.description
from synthesis_steps as s
order by s.kind desc, s.position
