-- Portability of stored summaries across PostgreSQL majors (test/versions.sh):
-- the tables the values are stored in, and portable_read(), every reading of
-- every stored value as text.  Run in a fresh database with salesops
-- installed, on the exporting and on the importing major alike.

-- one row per value, the one non-NULL column holding it
CREATE TABLE portable_values (k text PRIMARY KEY, fe forecast_error, ds deal_summary, att attainment,
                              pf pipeline_flow, sf stage_funnel, st stage_time, ls lead_summary,
                              CHECK (num_nonnulls(fe, ds, att, pf, sf, st, ls) = 1));
-- the same values read back from the text and the binary COPY of another major
CREATE TABLE portable_text (LIKE portable_values INCLUDING ALL);
CREATE TABLE portable_binary (LIKE portable_values INCLUDING ALL);

-- Every reading of every value of a table: its text form, its binary form
-- (send) and every accessor of its type, found in the catalog (so that an
-- accessor added later is covered without a change here): each function of
-- the extension taking the summary alone, or the summary and a float8
-- parameter (called at 0, 0.25, 0.5, 0.9 and 1), and returning anything but
-- the summary or its I/O forms; the funnel accessors taking the summary and
-- a stage (int) are called at stages 1 to 3 (one outside a small funnel is
-- an error, compared as its message), and a table accessor's rows are
-- joined with ' | '.  One row (key, reading, value as text; NULL
-- as 'NULL'; an error as 'ERROR: ' and its message, so that a value that
-- does not read back is a difference and not an abort).
--
-- The binary form is compared as md5 of send(): of the value itself for
-- forecast_error and deal_summary, except when it holds a NaN (a float8
-- NaN's sign bit does not survive the text form, as for a float8 column:
-- every NaN still reads as NaN); of its canonical form (text in, send out)
-- for attainment, which keeps its ratios in row order and unreduced.
CREATE FUNCTION portable_read(tbl regclass)
RETURNS TABLE (k text, reading text, value text)
LANGUAGE plpgsql AS $fn$
DECLARE
    col record;
    fn record;
    v record;
    p float8;
    params float8[];
    result text;
BEGIN
    SET LOCAL extra_float_digits = 1;       -- the default: shortest exact float8 text
    FOR col IN SELECT * FROM (VALUES ('fe', 'forecast_error'::regtype), ('ds', 'deal_summary'::regtype),
                                     ('att', 'attainment'::regtype), ('pf', 'pipeline_flow'::regtype),
                                     ('sf', 'stage_funnel'::regtype), ('st', 'stage_time'::regtype),
                                     ('ls', 'lead_summary'::regtype)) c(name, typ) LOOP
        FOR v IN EXECUTE format('SELECT k, %I::text AS t FROM %s WHERE %I IS NOT NULL ORDER BY k',
                                  col.name, tbl, col.name) LOOP
            k := v.k;
            reading := 'text';
            value := v.t;
            RETURN NEXT;
            reading := 'send';
            BEGIN
                IF col.typ = 'attainment'::regtype THEN
                    EXECUTE format('SELECT md5(attainment_send(att::text::attainment)) FROM %s WHERE k = $1', tbl)
                        INTO value USING v.k;
                ELSIF v.t LIKE '%NaN%' THEN
                    value := 'NaN bits';
                ELSE
                    EXECUTE format('SELECT md5(%s_send(%I)) FROM %s WHERE k = $1', col.typ, col.name, tbl)
                        INTO value USING v.k;
                END IF;
            EXCEPTION WHEN OTHERS THEN
                value := 'ERROR: ' || SQLERRM;
            END;
            RETURN NEXT;
            FOR fn IN
                SELECT format('%I.%I', n.nspname, p.proname) AS call, p.proname::text AS name, p.pronargs AS nargs,
                       p.pronargs = 2 AND p.proargtypes[1] = 'int4'::regtype AS by_stage
                FROM pg_proc p
                JOIN pg_namespace n ON n.oid = p.pronamespace
                JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
                JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'salesops'
                WHERE p.prokind = 'f' AND p.proargtypes[0] = col.typ
                  AND p.prorettype NOT IN (col.typ, 'cstring'::regtype, 'bytea'::regtype, 'internal'::regtype)
                  AND (p.pronargs = 1 OR (p.pronargs = 2 AND p.proargtypes[1] IN ('float8'::regtype, 'int4'::regtype)))
                ORDER BY p.proname, p.pronargs
            LOOP
                params := CASE WHEN fn.nargs = 1 THEN ARRAY[NULL]::float8[]
                               WHEN fn.by_stage THEN ARRAY[1, 2, 3] ELSE ARRAY[0, 0.25, 0.5, 0.9, 1] END;
                FOREACH p IN ARRAY params LOOP
                    reading := CASE WHEN fn.nargs = 1 THEN fn.name ELSE format('%s(%s)', fn.name, p) END;
                    BEGIN
                        IF fn.nargs = 1 THEN
                            EXECUTE format('SELECT string_agg(r::text, '' | '') FROM (SELECT %s(%I) AS r FROM %s WHERE k = $1) s',
                                           fn.call, col.name, tbl)
                                INTO result USING v.k;
                        ELSIF fn.by_stage THEN
                            EXECUTE format('SELECT %s(%I, $2::int)::text FROM %s WHERE k = $1', fn.call, col.name, tbl)
                                INTO result USING v.k, p;
                        ELSE
                            EXECUTE format('SELECT %s(%I, $2)::text FROM %s WHERE k = $1', fn.call, col.name, tbl)
                                INTO result USING v.k, p;
                        END IF;
                        value := coalesce(result, 'NULL');
                    EXCEPTION WHEN OTHERS THEN
                        value := 'ERROR: ' || SQLERRM;
                    END;
                    RETURN NEXT;
                END LOOP;
            END LOOP;
        END LOOP;
    END LOOP;
END
$fn$;
