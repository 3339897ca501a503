import { useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n";
import "./admin.css";

export type AdminView = "maintenance" | "numberings" | "devices" | "company" | "shifts";

/** "Administración ▾" in the header, for admins only: maintenance windows, numberings and devices. */
export function AdminMenu({ onOpen }: { onOpen: (view: AdminView) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    function close(event: MouseEvent) {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  const item = (view: AdminView, label: string) => (
    <button
      type="button"
      role="menuitem"
      className="menu__item"
      onClick={() => {
        setOpen(false);
        onOpen(view);
      }}
    >
      {label}
    </button>
  );

  return (
    <div className="menu" ref={ref}>
      <button
        type="button"
        className="button button--ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {t("maintenance.admin.menu")} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="menu__popup" role="menu">
          {item("maintenance", t("maintenance.admin.open"))}
          {item("numberings", t("numbering.admin.open"))}
          {item("devices", t("devices.admin.open"))}
          {item("company", t("company.open"))}
          {item("shifts", t("shift.admin.title"))}
        </div>
      )}
    </div>
  );
}
