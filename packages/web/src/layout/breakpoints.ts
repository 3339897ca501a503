/**
 * The till's three layouts. The same widths are written in app/layout.css (CSS cannot read these):
 * phone ≤ 640 px (portrait phones and small windows: catalog and cart as two views, history as cards),
 * tablet 641–1024 px (both orientations: catalog beside a narrower cart, header folded into "Menú"),
 * desktop above.
 */
export const PHONE_MAX_WIDTH = 640;
export const TABLET_MAX_WIDTH = 1024;

export const phoneQuery = `(max-width: ${PHONE_MAX_WIDTH}px)`;
