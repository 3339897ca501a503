import { localDate, type Numbering } from "@mostrador/domain";
import { useI18n } from "../i18n/i18n";
import { numberingNotices } from "./numberingNotices";

interface NumberingNoticesProps {
  numbering: Numbering;
  numbersLeft: number | null;
  online: boolean;
  timeZone: string;
}

/** Numbering warnings next to the cart: few numbers left here, range nearly used, validity ending or over. */
export function NumberingNotices({ numbering, numbersLeft, online, timeZone }: NumberingNoticesProps) {
  const { t, date } = useI18n();
  const notices = numberingNotices({
    numbering,
    numbersLeft,
    online,
    today: localDate(new Date().toISOString(), timeZone),
  });
  if (notices.length === 0) return null;
  return (
    <div className="numbering-notices" data-testid="numbering-notices">
      {notices.map((n) => {
        const params =
          typeof n.params.date === "string"
            ? { ...n.params, date: date(`${n.params.date}T12:00:00Z`, "UTC") }
            : n.params;
        return (
          <p key={n.key} className={`message message--${n.tone}`} role={n.tone === "error" ? "alert" : undefined}>
            {t(n.key, params)}
          </p>
        );
      })}
    </div>
  );
}
