import { useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { goTo } from "../navigation/appLocation";
import "./admin.css";

/**
 * "Administración ▾" in the till's header, for admins only: opens the back office (/admin/…),
 * which loads its own chunks; the till keeps running underneath (its sync engine is not a screen).
 */
export function AdminMenu() {
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

  const item = (path: string, label: string) => (
    <button
      type="button"
      role="menuitem"
      className="menu__item"
      onClick={() => {
        setOpen(false);
        goTo(`/admin/${path}`);
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
          {item("productos", t("header.backOffice"))}
          {item("mantenimientos", t("maintenance.admin.open"))}
          {item("numeraciones", t("numbering.admin.open"))}
          {item("dispositivos", t("devices.admin.open"))}
          {item("turnos", t("shift.admin.title"))}
          {item("empresa", t("header.company"))}
        </div>
      )}
    </div>
  );
}
