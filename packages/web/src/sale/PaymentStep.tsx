import type { Minor, PaymentMethod } from "@mostrador/domain";
import { type FormEvent, type RefObject, useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n";
import {
  addPayment,
  cashDue,
  checkPayments,
  formatMoneyInput,
  type PaymentEntry,
  parseMoneyInput,
  quickCashAmounts,
  remainingToPay,
  removePayment,
  setCashReceived,
  setPaymentAmount,
  setPaymentMethod,
} from "./payment";

interface PaymentStepProps {
  total: Minor;
  methods: readonly PaymentMethod[];
  payments: PaymentEntry[];
  onChange: (payments: PaymentEntry[]) => void;
  onBack: () => void;
  onInvoice: () => void;
  /** Why "Facturar" is disabled (electronic numbering offline, no numbers left), or null. */
  blocker: string | null;
  busy: boolean;
  error: string | null;
}

/** "Método de pago", split payments, cash "Recibido" and "Cambio"; Enter invoices. */
export function PaymentStep(props: PaymentStepProps) {
  const { total, methods, payments, onChange } = props;
  const { t, money } = useI18n();
  const check = checkPayments(total, payments);
  const disabled = props.busy || props.blocker !== null || !check.ok;
  const firstAmount = useRef<HTMLInputElement>(null);

  useEffect(() => {
    firstAmount.current?.focus();
    firstAmount.current?.select();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!disabled) props.onInvoice();
  }

  const unusedMethod = methods.find((m) => !payments.some((p) => p.paymentMethodId === m.id)) ?? methods[0];

  return (
    <form className="payment" onSubmit={submit} aria-labelledby="payment-title">
      <h2 id="payment-title">{t("payment.title")}</h2>
      <p className="payment__total">
        <span>{t("sale.total")}</span>
        <strong data-testid="payment-total">{money(total)}</strong>
      </p>
      <ul className="payment__entries">
        {payments.map((entry, i) => (
          <PaymentRow
            key={entry.key}
            entry={entry}
            methods={methods}
            inputRef={i === 0 ? firstAmount : undefined}
            canRemove={payments.length > 1}
            onMethod={(method) => onChange(setPaymentMethod(payments, entry.key, method))}
            onAmount={(amount) => onChange(setPaymentAmount(payments, entry.key, amount))}
            onRemove={() => onChange(removePayment(payments, entry.key))}
          />
        ))}
      </ul>
      {payments.some((p) => p.kind === "cash") && (
        <fieldset className="quick-cash">
          <legend>{t("payment.quickCash")}</legend>
          {quickCashAmounts(cashDue(total, payments)).map((amount, i) => (
            <button
              key={amount}
              type="button"
              className="button quick-cash__button"
              onClick={() => onChange(setCashReceived(payments, amount))}
            >
              {i === 0 ? t("payment.quickCashExact", { amount: money(amount) }) : money(amount)}
            </button>
          ))}
        </fieldset>
      )}
      {unusedMethod && (
        <button type="button" className="button" onClick={() => onChange(addPayment(payments, unusedMethod, total))}>
          {t("payment.addMethod")}
        </button>
      )}
      <dl className="totals payment__summary">
        <div>
          <dt>{t("payment.change")}</dt>
          <dd data-testid="payment-change">{money(check.ok ? check.change : 0)}</dd>
        </div>
      </dl>
      {!check.ok && check.reason === "underpaid" && (
        <p className="message message--warning">
          {t("payment.missing", { amount: money(remainingToPay(total, payments)) })}
        </p>
      )}
      {!check.ok && check.reason === "change_without_cash" && (
        <p className="message message--warning">{t("payment.changeWithoutCash")}</p>
      )}
      {props.blocker && (
        <p className="message message--error" role="alert">
          {props.blocker}
        </p>
      )}
      {props.error && (
        <p className="message message--error" role="alert">
          {props.error}
        </p>
      )}
      <div className="payment__actions">
        <button type="button" className="button" onClick={props.onBack} disabled={props.busy}>
          {t("payment.back")}
        </button>
        <button type="submit" className="button button--primary button--large" disabled={disabled}>
          {props.busy ? t("payment.saving") : t("payment.invoice")}
        </button>
      </div>
      <p className="muted payment__hint">{t("payment.enterHint")}</p>
    </form>
  );
}

interface PaymentRowProps {
  entry: PaymentEntry;
  methods: readonly PaymentMethod[];
  inputRef: RefObject<HTMLInputElement | null> | undefined;
  canRemove: boolean;
  onMethod: (method: PaymentMethod) => void;
  onAmount: (amount: Minor) => void;
  onRemove: () => void;
}

function PaymentRow({ entry, methods, inputRef, canRemove, onMethod, onAmount, onRemove }: PaymentRowProps) {
  const { t } = useI18n();
  const [text, setText] = useState(formatMoneyInput(entry.amount));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    // Follow amounts set from outside (a new tender takes what is missing) unless the typed text says the same.
    setText((current) => (parseMoneyInput(current) === entry.amount ? current : formatMoneyInput(entry.amount)));
  }, [entry.amount]);
  const amountLabel = entry.kind === "cash" ? t("payment.received") : t("payment.amount");
  return (
    <li className="payment-row">
      <label className="field">
        <span>{t("payment.method")}</span>
        <select
          value={entry.paymentMethodId}
          onChange={(e) => {
            const method = methods.find((m) => m.id === e.target.value);
            if (method) onMethod(method);
          }}
        >
          {methods.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--grow">
        <span>{amountLabel}</span>
        <input
          ref={inputRef}
          inputMode="decimal"
          aria-invalid={invalid}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            const amount = parseMoneyInput(e.target.value);
            setInvalid(amount === null);
            if (amount !== null) onAmount(amount);
          }}
        />
        {invalid && <span className="field__error">{t("payment.invalidAmount")}</span>}
      </label>
      {canRemove && (
        <button
          type="button"
          className="button button--icon button--danger"
          aria-label={t("payment.remove")}
          onClick={onRemove}
        >
          ✕
        </button>
      )}
    </li>
  );
}
