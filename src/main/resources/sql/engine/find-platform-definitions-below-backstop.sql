-- The platform's process definitions (no tenant; every version) whose history time to live is unset or shorter
-- than the backstop: what PlatformHistoryBackstop raises at start-up. Read from the table, not through the
-- engine's definition query, which loads (parses) every definition it lists to fetch its documentation; on a
-- restart, with a cold cache, that was every version of every platform process, for usually nothing to raise.
select id_
  from act_re_procdef
 where tenant_id_ is null
   and (history_ttl_ is null or history_ttl_ < :backstop)
 order by id_
