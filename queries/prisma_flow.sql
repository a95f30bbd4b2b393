-- one row per box of the PRISMA flow diagram, in flow order
select
    f.position,
    f.step,
    f.label,
    f.n
from prisma_flow as f
order by f.position
