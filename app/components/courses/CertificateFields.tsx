/** A certificate's fields as the PDF shows them, labelled in the certificate's language. */
export function CertificateFields({ fields, lang }: { fields: { label: string; value: string }[]; lang?: string }) {
  return (
    <dl className="certificate__fields" lang={lang}>
      {fields.map((field) => (
        <div key={field.label}>
          <dt>{field.label}</dt>
          <dd>{field.value}</dd>
        </div>
      ))}
    </dl>
  );
}
