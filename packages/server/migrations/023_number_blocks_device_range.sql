-- "Number leased to this device" (the validation context, one probe per numbered invoice) reads the
-- device's blocks of the numbering whose end is at or past the number: with range_to in the index that
-- probe starts at the number instead of reading every block the device ever leased. The new index also
-- serves every query number_blocks_device served (same leading columns), so it replaces it.
CREATE INDEX number_blocks_device_range ON number_blocks (company_id, device_id, numbering_id, range_to);
DROP INDEX number_blocks_device;
