import { Form } from '@remix-run/react';
import type { FormEventHandler, InputHTMLAttributes } from 'react';
import { TextField } from './Field';

type SearchInput = Pick<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'onChange' | 'autoComplete' | 'maxLength'>;

interface SearchFormProps extends SearchInput {
  /** The query parameter: `q` unless the page has more than one search. */
  name?: string;
  label: string;
  hint?: string;
  /** The button's text. */
  submitLabel: string;
  /** `inline-search` (field and button on one line) unless told otherwise. */
  className?: string;
  /** Where it searches: this page unless told otherwise. */
  action?: string;
  preventScrollReset?: boolean;
  /** With JavaScript, a page may search without navigating (the organisation picker). */
  onSubmit?: FormEventHandler<HTMLFormElement>;
}

/**
 * A search: a GET form with one labelled search field and its button, a `search` landmark for
 * screen readers. It works without JavaScript (the query lands in the address, so the result
 * can be bookmarked and the Back button brings it back).
 */
export function SearchForm({
  name = 'q',
  label,
  hint,
  submitLabel,
  className = 'inline-search',
  action,
  preventScrollReset,
  onSubmit,
  maxLength = 100,
  ...input
}: SearchFormProps) {
  return (
    <Form method="get" action={action} role="search" className={className} preventScrollReset={preventScrollReset} onSubmit={onSubmit}>
      <TextField name={name} type="search" label={label} hint={hint} maxLength={maxLength} {...input} />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
