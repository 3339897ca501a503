import { clientIdTypeSchema, clientInputSchema, uuidv7 } from "@mostrador/domain";
import { type FormEvent, useState } from "react";
import { useI18n } from "../i18n/i18n";
import type { ClientRecord } from "../storage/localRecords";
import type { NewClientDraft } from "./cart";

interface NewClientFormProps {
  clients: readonly ClientRecord[];
  onCreate: (client: NewClientDraft) => void;
  onCancel: () => void;
}

/** Creates a client at the till, also offline: it gets its id here and travels with the invoice. */
export function NewClientForm({ clients, onCreate, onCancel }: NewClientFormProps) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [idType, setIdType] = useState<NewClientDraft["idType"]>("CC");
  const [idNumber, setIdNumber] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [address, setAddress] = useState("");
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    event.stopPropagation();
    const parsed = clientInputSchema.safeParse({
      name,
      idType,
      idNumber,
      email: email.trim() || null,
      phone: phone.trim() || null,
      address: address.trim() || null,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(t("client.invalid", { message: `${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}` }));
      return;
    }
    const existing = clients.find((c) => c.idNumber === parsed.data.idNumber && c.idType === parsed.data.idType);
    if (existing) {
      setError(t("client.duplicate", { name: existing.name }));
      return;
    }
    const { active: _active, ...data } = parsed.data;
    onCreate({ id: uuidv7(), ...data });
  }

  return (
    <div className="dialog-backdrop">
      <form className="dialog card" onSubmit={submit} aria-labelledby="new-client-title">
        <h2 id="new-client-title">{t("client.new")}</h2>
        <label className="field">
          <span>{t("client.name")}</span>
          <input required autoFocus value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <div className="field-row">
          <label className="field">
            <span>{t("client.idType")}</span>
            <select value={idType} onChange={(e) => setIdType(e.target.value as NewClientDraft["idType"])}>
              {clientIdTypeSchema.options.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          </label>
          <label className="field field--grow">
            <span>{t("client.idNumber")}</span>
            <input required inputMode="numeric" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} />
          </label>
        </div>
        <label className="field">
          <span>{t("client.email")}</span>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <div className="field-row">
          <label className="field field--grow">
            <span>{t("client.phone")}</span>
            <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
          </label>
          <label className="field field--grow">
            <span>{t("client.address")}</span>
            <input value={address} onChange={(e) => setAddress(e.target.value)} />
          </label>
        </div>
        {error && (
          <p className="message message--error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onCancel}>
            {t("client.cancel")}
          </button>
          <button type="submit" className="button button--primary">
            {t("client.save")}
          </button>
        </div>
      </form>
    </div>
  );
}
