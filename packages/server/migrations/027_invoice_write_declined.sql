-- The one-round-trip write of a few invoices (invoiceOneTripWriter) sends its statement and COMMIT
-- together, before it has read the statement's answer, so what it assumed (every invoice it decided to
-- accept is written by it, no device vanished, none is electronic) is checked inside the statement. When
-- an assumption fails the statement calls this function: the transaction is rolled back with SQLSTATE
-- MS001, and the writer writes the same invoices again the way that reads each answer first.
CREATE FUNCTION invoice_write_declined(reason text) RETURNS integer
  LANGUAGE plpgsql VOLATILE
  AS $$
BEGIN
  RAISE EXCEPTION 'one-trip invoice write declined: %', reason USING ERRCODE = 'MS001';
END
$$;
