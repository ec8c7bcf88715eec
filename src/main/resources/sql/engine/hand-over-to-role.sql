-- Hands every object of the public schema that another role owns (an earlier version connected as the
-- superuser) to the application's role ({role}, filled in before it runs). Tables first: their sequences,
-- indexes, constraints and triggers follow them; then what is left on its own (views, standalone sequences,
-- functions, types). Runs on each start and changes nothing once everything is the role's.
do $$
declare
    object record;
begin
    if (select nspowner <> '{role}'::regrole and nspowner <> 'pg_database_owner'::regrole
          from pg_namespace where nspname = 'public') then
        execute 'alter schema public owner to {role}';
    end if;
    for object in
        select c.oid::regclass as name, c.relkind
          from pg_class c
         where c.relnamespace = 'public'::regnamespace
           and c.relowner <> '{role}'::regrole
           and c.relkind in ('r', 'p', 'f', 'v', 'm', 'S')
         order by c.relkind in ('r', 'p', 'f') desc
    loop
        -- A sequence that belongs to a table column followed its table already.
        continue when (select relowner = '{role}'::regrole from pg_class where oid = object.name);
        execute format('alter %s %s owner to {role}',
                       case object.relkind
                           when 'v' then 'view'
                           when 'm' then 'materialized view'
                           when 'S' then 'sequence'
                           when 'f' then 'foreign table'
                           else 'table' end,
                       object.name);
    end loop;
    for object in
        select p.oid::regprocedure as name
          from pg_proc p
         where p.pronamespace = 'public'::regnamespace and p.proowner <> '{role}'::regrole
    loop
        execute format('alter routine %s owner to {role}', object.name);
    end loop;
    for object in
        select t.oid::regtype as name, t.typtype
          from pg_type t
         where t.typnamespace = 'public'::regnamespace and t.typowner <> '{role}'::regrole
           and t.typtype in ('e', 'd', 'r')
    loop
        execute format('alter %s %s owner to {role}', case object.typtype when 'd' then 'domain' else 'type' end,
                       object.name);
    end loop;
end
$$;
