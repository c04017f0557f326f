import { useTranslation } from 'react-i18next';
import { usePlayer } from './player-context';

const voices: Record<string, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };

/**
 * Roma variant: a button that reads a text aloud with the browser's own speech synthesis
 * (nothing leaves the device). Shown only where the browser can speak.
 */
export function ReadAloud({ text }: { text: string }) {
  const { t } = useTranslation();
  const { variant, hydrated, language } = usePlayer();
  if (variant !== 'roma' || !hydrated || typeof window === 'undefined' || !('speechSynthesis' in window)) return null;
  return (
    <button
      type="button"
      className="read-aloud"
      onClick={() => {
        window.speechSynthesis.cancel();
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = voices[language] ?? language;
        utterance.rate = 0.9;
        window.speechSynthesis.speak(utterance);
      }}
    >
      <span aria-hidden="true">🔊</span> {t('player.readAloud')}
    </button>
  );
}

/** A paragraph of text, with its read-aloud button in the Roma variant (`say`: what it reads, if more than the text). */
export function Spoken({ text, say, as: Tag = 'p', className }: { text: string; say?: string; as?: 'p' | 'h1' | 'h2'; className?: string }) {
  return (
    <div className="spoken">
      <Tag className={className}>{text}</Tag>
      <ReadAloud text={say ?? text} />
    </div>
  );
}
