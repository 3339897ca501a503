-- "Tomar turno" (issue 12): another device of the terminal takes an open shift over after the
-- cashier signed out. The shift's device_id follows the holder; the handovers of its current
-- revision are kept here so a later revision of a device that handed the shift over is answered
-- SHIFT_TAKEN_OVER (each revision's document in shift_revisions keeps them too).
ALTER TABLE shifts ADD COLUMN handovers jsonb NOT NULL DEFAULT '[]'::jsonb;
