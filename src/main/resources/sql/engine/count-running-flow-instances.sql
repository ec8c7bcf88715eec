-- Running instances of the account's own flows (definitions deployed with its tenant id), counted up to :atMost:
-- the platform's instances carry the account's tenant too, but their definitions have none. Bounded, so the cost
-- never exceeds the limit however many instances run.
select count(*)
from (select 1
      from act_re_procdef d
      join act_ru_execution e on e.proc_def_id_ = d.id_ and e.id_ = e.proc_inst_id_
      where d.tenant_id_ = :account
      limit :atMost) running
