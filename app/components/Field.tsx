import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldShell {
  name: string;
  label: string;
  hint?: string;
  /** An i18n key from the server's validation. */
  error?: string;
}

function describedBy(name: string, hint?: string, error?: string) {
  return [error ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(' ') || undefined;
}

function FieldFrame({ name, label, hint, error, children }: FieldShell & { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={`field-${name}`}>{label}</label>
      {children}
      {hint ? (
        <p id={`${name}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="field__error">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its hint and its (translated) error wired up for screen readers. */
export function TextField({ name, label, hint, error, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      <input
        id={`field-${name}`}
        name={name}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        {...input}
      />
    </FieldFrame>
  );
}

export function SelectField({
  name,
  label,
  hint,
  error,
  options,
  placeholder,
  ...select
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[]; placeholder?: string }) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      <select
        id={`field-${name}`}
        name={name}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
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
