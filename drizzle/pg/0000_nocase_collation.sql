-- SQLite's built-in NOCASE collation, which the SQLite schema's hostname indexes use
-- (`"hostname" collate nocase`): PostgreSQL has none, so this makes one under the same name, and the
-- same index definitions and `order by hostname collate nocase` read alike in both dialects.
-- ICU at secondary strength: case is ignored, accents are not. Unlike SQLite's NOCASE (ASCII
-- letters folded, then bytes compared), it orders by the Unicode collation, and being
-- nondeterministic it refuses LIKE (PostgreSQL 15): LIKE goes on the column's own collation.
CREATE COLLATION IF NOT EXISTS "nocase" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
