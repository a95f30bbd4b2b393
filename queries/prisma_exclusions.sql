-- one row per exclusion reason of a PRISMA step, as printed
select
    e.step,
    e.position,
    e.reason,
    e.n
from prisma_exclusions as e
order by e.step desc, e.position
