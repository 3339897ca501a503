import { type ReactNode, useEffect, useRef, useState } from "react";
import type { Connectivity } from "../connectivity/connectivityMonitor";
import { useI18n } from "../i18n/i18n";
import { LanguageSelect } from "../i18n/LanguageSelect";
import { SyncIndicator } from "../syncStatus/SyncIndicator";
import type { SyncStatusSummary } from "../syncStatus/syncStatusSummary";

interface AppHeaderProps {
  terminalName: string;
  cashierName: string;
  connectivity: Connectivity;
  /** Scheduled maintenance in progress: shown instead of "Sin conexión". */
  maintenance?: boolean;
  /** The "Administración" menu, for admins. */
  adminMenu?: ReactNode;
  syncStatus: SyncStatusSummary;
  onSync: () => void;
  onNewSale: () => void;
  onSalesHistory: () => void;
  onLogout: () => void;
}

export function AppHeader(props: AppHeaderProps) {
  const { t } = useI18n();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menuOpen) return;
    function close(event: MouseEvent) {
      if (!menuRef.current?.contains(event.target as Node)) setMenuOpen(false);
    }
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [menuOpen]);

  // On phones and tablets (CSS, ≤ 1024 px) everything but the till's identity and status folds into "Menú".
  const [panelOpen, setPanelOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!panelOpen) return;
    function close(event: MouseEvent) {
      if (!panelRef.current?.contains(event.target as Node)) setPanelOpen(false);
    }
    function onKey(event: KeyboardEvent) {
      if (event.key === "Escape") setPanelOpen(false);
    }
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", onKey);
    };
  }, [panelOpen]);
  /** A choice in the folded menu closes it. */
  const andClose = (action: () => void) => () => {
    setPanelOpen(false);
    action();
  };

  return (
    <header className={`app-header no-print${panelOpen ? " app-header--open" : ""}`} ref={panelRef}>
      <div className="app-header__identity">
        <img src="/icons/icon.svg" alt="" width={28} height={28} />
        <span className="app-header__terminal" title={t("header.terminal")}>
          {props.terminalName}
        </span>
        <span className="app-header__cashier" title={t("header.cashier")}>
          {props.cashierName}
        </span>
      </div>
      <div className="app-header__sync">
        <span
          className={`connectivity connectivity--${props.maintenance ? "maintenance" : props.connectivity}`}
          role="status"
        >
          {props.maintenance
            ? t("maintenance.header")
            : props.connectivity === "online"
              ? t("header.online")
              : t("header.offline")}
        </span>
        <SyncIndicator status={props.syncStatus} />
      </div>
      <button
        type="button"
        className="button button--ghost app-header__toggle"
        aria-expanded={panelOpen}
        aria-controls="app-header-panel"
        onClick={() => setPanelOpen((open) => !open)}
      >
        <span aria-hidden="true">☰</span> {t("header.menu")}
      </button>
      <div className="app-header__panel" id="app-header-panel">
        <nav className="app-header__nav" aria-label={t("header.navigation")}>
          <button type="button" className="button button--ghost" onClick={andClose(props.onNewSale)}>
            {t("header.newSale")}
          </button>
          <div className="menu" ref={menuRef}>
            <button
              type="button"
              className="button button--ghost"
              aria-haspopup="menu"
              aria-expanded={menuOpen}
              onClick={() => setMenuOpen((open) => !open)}
            >
              {t("header.menuIncome")} <span aria-hidden="true">▾</span>
            </button>
            {menuOpen && (
              <div className="menu__popup" role="menu">
                <button
                  type="button"
                  role="menuitem"
                  className="menu__item"
                  onClick={() => {
                    setMenuOpen(false);
                    setPanelOpen(false);
                    props.onSalesHistory();
                  }}
                >
                  {t("header.salesHistory")}
                </button>
              </div>
            )}
          </div>
          {props.adminMenu}
        </nav>
        <div className="app-header__actions">
          <button
            type="button"
            className="button"
            aria-label={t("header.sync")}
            aria-busy={props.syncStatus.syncing}
            disabled={props.syncStatus.syncing}
            onClick={props.onSync}
          >
            {props.syncStatus.syncing ? t("header.syncing") : t("header.sync")}
          </button>
          <LanguageSelect />
          <button type="button" className="button button--ghost" onClick={andClose(props.onLogout)}>
            {t("header.logout")}
          </button>
        </div>
      </div>
    </header>
  );
}
