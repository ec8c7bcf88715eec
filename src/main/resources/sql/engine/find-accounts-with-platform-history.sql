-- The accounts (tenant ids) that have finished instances of the platform's processes ended before :before.
select distinct i.tenant_id_
from act_hi_procinst i
join act_re_procdef d on d.id_ = i.proc_def_id_ and d.tenant_id_ is null
where i.tenant_id_ is not null
  and i.end_time_ < :before
