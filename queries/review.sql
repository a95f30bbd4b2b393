-- one row: the review this database presents, with its citation and methods
select r.*
from reviews as r
limit 1
