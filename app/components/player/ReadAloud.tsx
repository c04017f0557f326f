import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonVariant } from '~/lessons/schema';
import { usePlayer } from './player-context';

const voices: Record<string, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };

const settingKey = 'weerbaar.easyRead';

/**
 * "Easy reading and read-aloud" (decision 0010): a switch any girl can turn on in any variant,
 * never named after a group. Kept on this device only; on by default in the roma variant,
 * whose text is easy-read already.
 */
export function useEasyReadSetting(variant: LessonVariant): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(variant === 'roma');
  useEffect(() => {
    const stored = window.localStorage.getItem(settingKey);
    if (stored !== null) setOn(stored === 'on');
  }, []);
  return [
    on,
    (next) => {
      window.localStorage.setItem(settingKey, next ? 'on' : 'off');
      setOn(next);
    },
  ];
}

/** The switch itself: a toggle button (works once the page runs JavaScript). */
export function EasyReadSwitch({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const { t } = useTranslation();
  const { hydrated } = usePlayer();
  if (!hydrated) return null;
  return (
    <button type="button" className="read-aloud easy-read-switch" aria-pressed={on} onClick={() => onChange(!on)}>
      {t('player.easyRead')}
    </button>
  );
}

/**
 * A button that reads a text aloud with the browser's own speech synthesis (nothing leaves
 * the device), where easy reading is switched on and the browser can speak.
 */
export function ReadAloud({ text }: { text: string }) {
  const { t } = useTranslation();
  const { easyRead, hydrated, language } = usePlayer();
  if (!easyRead || !hydrated || typeof window === 'undefined' || !('speechSynthesis' in window)) return null;
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

/** A paragraph of text, with its read-aloud button when easy reading is on (`say`: what it reads, if more than the text). */
export function Spoken({ text, say, as: Tag = 'p', className }: { text: string; say?: string; as?: 'p' | 'h1' | 'h2'; className?: string }) {
  return (
    <div className="spoken">
      <Tag className={className}>{text}</Tag>
      <ReadAloud text={say ?? text} />
    </div>
  );
}
