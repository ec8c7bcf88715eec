-- Finished instances of the platform's processes (definitions deployed without a tenant) that belong to the
-- account (their tenant id) and whose root instance ended before :before: their history is due for removal. A
-- called instance goes with its root, never while the root runs. Oldest first, at most :limit.
select i.id_ as id, i.proc_def_key_ as process
from act_hi_procinst i
join act_re_procdef d on d.id_ = i.proc_def_id_ and d.tenant_id_ is null
join act_hi_procinst r on r.id_ = i.root_proc_inst_id_
where i.tenant_id_ = :account
  and i.end_time_ is not null
  and r.end_time_ < :before
order by r.end_time_, i.id_
limit :limit
