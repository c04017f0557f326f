import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/** The public /verify form (a GET with ?code=), with why the last code was refused, if it was. */
export function VerifyForm({ code, refused }: { code: string; refused: { reason: string; message: string } | null }) {
  const { t } = useTranslation('courses');
  return (
    <div className="page page--narrow">
      <h1>{t('verify.title')}</h1>
      <p className="lead">{t('verify.lead')}</p>
      {refused ? (
        <p className="form-message form-message--error" role="alert" data-verify={refused.reason}>
          {t(refused.message)}
        </p>
      ) : null}
      <Form method="get" action="/verify" className="form">
        <div className="field">
          <label htmlFor="field-code">{t('verify.code')}</label>
          <input id="field-code" name="code" defaultValue={code} required maxLength={64} autoComplete="off" autoCapitalize="characters" spellCheck={false} />
        </div>
        <button type="submit" className="button button--primary">
          {t('verify.submit')}
        </button>
      </Form>
    </div>
  );
}
