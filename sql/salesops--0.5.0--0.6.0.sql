\echo Use "ALTER EXTENSION salesops UPDATE TO '0.6.0'" to load this file. \quit

-- salesops 0.5.0 -> 0.6.0: intentionally empty.  0.6.0 changes how the
-- sources are laid out (one editable sql/salesops.sql from which the install
-- script of the current version is built, the regression tests under test/)
-- and no SQL object, so there is nothing to update; the script exists so
-- that ALTER EXTENSION salesops UPDATE reaches 0.6.0 from every earlier
-- version.  test/sql/upgrade.sql checks that 0.1.0 updated step by step to
-- 0.6.0 has the same objects as a fresh install of 0.6.0.
