-- An invoice revision's document is stored as the JSON text the server wrote (json), not as jsonb.
-- A jsonb value is parsed into a tree with its keys sorted on the way in: for the ingest's documents
-- that was about a tenth of PostgreSQL's CPU per invoice, on the path every sale takes, while the
-- documents are read back whole (by the server's code) far more often than looked into by SQL. The
-- few statements that look into them use the json operators or cast the part they need to jsonb
-- (docs/benchmarks.md, "Session 23"). The table is rewritten once, here.
ALTER TABLE invoice_revisions ALTER COLUMN document TYPE json USING document::json;
