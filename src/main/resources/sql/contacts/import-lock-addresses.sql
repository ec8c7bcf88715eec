-- Takes the address locks of a chunk of an import (the ones a signup takes, see Cards.lockAddress), in the
-- order given (the caller sorts them), until the transaction ends.
select count(pg_advisory_xact_lock(k)) from unnest(cast(:keys as bigint[])) with ordinality as t(k, n)
