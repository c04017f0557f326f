import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldShell {
  name: string;
  label: string;
  hint?: string;
  /** An i18n key from the server's validation. */
  error?: string;
  /**
   * The control's id when a page has the field more than once (one form per card); its hint
   * and error are `<id>-hint` and `<id>-error`. By default `field-<name>`, `<name>-hint`, `<name>-error`.
   */
  id?: string;
  /** Announce the error at once (role="alert"): for a page whose one field is the whole form, like the girls' join pages. */
  alert?: boolean;
}

/** The ids of a field's control, hint and error. */
function fieldIds({ name, id }: Pick<FieldShell, 'name' | 'id'>) {
  const stem = id ?? name;
  return { control: id ?? `field-${name}`, hint: `${stem}-hint`, error: `${stem}-error` };
}

function describedBy(shell: FieldShell) {
  const ids = fieldIds(shell);
  return [shell.error ? ids.error : null, shell.hint ? ids.hint : null].filter(Boolean).join(' ') || undefined;
}

function FieldFrame({ children, ...shell }: FieldShell & { children: ReactNode }) {
  const { t } = useTranslation();
  const ids = fieldIds(shell);
  return (
    <div className="field">
      <label htmlFor={ids.control}>{shell.label}</label>
      {children}
      {shell.hint ? (
        <p id={ids.hint} className="field__hint">
          {shell.hint}
        </p>
      ) : null}
      {shell.error ? (
        <p id={ids.error} className="field__error" role={shell.alert ? 'alert' : undefined}>
          {t(shell.error)}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its hint and its (translated) error wired up for screen readers. */
export function TextField({ name, label, hint, error, id, alert, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const shell = { name, label, hint, error, id, alert };
  return (
    <FieldFrame {...shell}>
      <input
        id={fieldIds(shell).control}
        name={name}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(shell)}
        {...input}
      />
    </FieldFrame>
  );
}

/** A labelled text area, wired up like `TextField`. */
export function TextAreaField({ name, label, hint, error, id, alert, ...textarea }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const shell = { name, label, hint, error, id, alert };
  return (
    <FieldFrame {...shell}>
      <textarea
        id={fieldIds(shell).control}
        name={name}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(shell)}
        {...textarea}
      />
    </FieldFrame>
  );
}

export function SelectField({
  name,
  label,
  hint,
  error,
  id,
  alert,
  options,
  placeholder,
  ...select
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[]; placeholder?: string }) {
  const shell = { name, label, hint, error, id, alert };
  return (
    <FieldFrame {...shell}>
      <select
        id={fieldIds(shell).control}
        name={name}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(shell)}
        {...select}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A form-level message: an error (announced) or a notice. */
export function FormMessage({ error, notice }: { error?: string | null; notice?: string | null }) {
  const { t } = useTranslation();
  if (error) {
    return (
      <p className="form-message form-message--error" role="alert">
        {t(error)}
      </p>
    );
  }
  if (notice) {
    return (
      <p className="form-message form-message--notice" role="status">
        {t(notice)}
      </p>
    );
  }
  return null;
}

/** The password she has now, to confirm a change to her account (e-mail, password, deletion). */
export function CurrentPasswordField({ name, error }: { name: string; error?: string }) {
  const { t } = useTranslation();
  return <TextField name={name} type="password" label={t('account.fields.currentPassword')} autoComplete="current-password" required error={error} />;
}

/** A new password: the policy as a hint, the browser's password manager told what it is. */
/** `retype`: the form came back from the server, which never sends a password back. */
export function NewPasswordField({ name, error, retype = false }: { name: string; error?: string; retype?: boolean }) {
  const { t } = useTranslation();
  return (
    <TextField
      name={name}
      type="password"
      label={t('account.fields.newPassword')}
      hint={retype ? `${t('account.password.retype')} ${t('account.password.hint')}` : t('account.password.hint')}
      autoComplete="new-password"
      required
      minLength={12}
      error={error}
    />
  );
}
