-- The most unused leased numbers one device may hold of a numbering (NULL = two blocks' worth), so
-- one device, or a stolen device token, can never exhaust a numbering for every other till.
ALTER TABLE numberings ADD COLUMN max_unused_per_device integer CHECK (max_unused_per_device > 0);
