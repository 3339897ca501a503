-- Each pull's probe asks what devices other than the asking one sold in the terminal's open shift
-- (terminalShiftReader.shiftFactsSql). On (company_id, shift_id) that visited every invoice of the
-- shift, the asking till's own too: a shift of 3,000 sales on one till added ≈ 1 ms to each idle pull
-- (docs/benchmarks.md, "Session 24"). With the device in the key, the other devices' invoices are two
-- ranges of the index (below and above the asking device's id) and the till's own are not read. The
-- queries by shift alone use its first two columns, as before. Same number of indexes on invoices.
CREATE INDEX invoices_shift_device ON invoices (company_id, shift_id, device_id) WHERE shift_id IS NOT NULL;
DROP INDEX invoices_shift;
