-- Back office (issue 11): an optional colour for the product's tile at the till.
ALTER TABLE products
  ADD COLUMN tile_color text
  CHECK (tile_color IN ('red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink', 'gray'));
