-- Gives one more job of an account's flows the account's next free slot, never one before the current window, and
-- answers it (JobRate). One row per account, updated atomically, so the schedule is shared by every node.
insert into engine_flow_job_rate as r (account_id, next_slot)
values (:account, cast(:windowStart as timestamptz) + cast(:spacingMicros as bigint) * interval '1 microsecond')
on conflict (account_id) do update
    set next_slot = greatest(r.next_slot, cast(:windowStart as timestamptz))
                    + cast(:spacingMicros as bigint) * interval '1 microsecond'
returning next_slot - cast(:spacingMicros as bigint) * interval '1 microsecond' as slot
