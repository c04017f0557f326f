import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonVariant } from '~/lessons/schema';
import { Icon } from '../icons';
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

function speak(text: string, language: string) {
  window.speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = voices[language] ?? language;
  utterance.rate = 0.9;
  window.speechSynthesis.speak(utterance);
}

function useCanSpeak(): boolean {
  const { easyRead, hydrated } = usePlayer();
  return easyRead && hydrated && typeof window !== 'undefined' && 'speechSynthesis' in window;
}

/**
 * A small speaker button beside one option (or item to sort) that reads its label aloud with
 * the browser's own speech synthesis (nothing leaves the device), where easy reading is on and
 * the browser can speak. Our own icon; its name says what it does.
 */
export function ReadAloud({ text }: { text: string }) {
  const { t } = useTranslation();
  const { language } = usePlayer();
  if (!useCanSpeak()) return null;
  return (
    <button
      type="button"
      className="read-aloud read-aloud--icon"
      aria-label={t('player.readAloud')}
      title={t('player.readAloud')}
      onClick={() => speak(text, language)}
    >
      <Icon name="speaker" />
    </button>
  );
}

/** Controls and marks that are not lesson text: the screen button does not read them. */
const notRead = 'button:not(.option-button), summary, textarea, time, select, .read-aloud, [aria-hidden="true"]';

/**
 * One "read this screen" button at the top of a step (or feedback): it reads every text of the
 * screen, in order, instead of a button beside each paragraph (issue 12: sixteen buttons on
 * the sort step cluttered easy reading).
 */
export function ReadScreen() {
  const { t } = useTranslation();
  const { language } = usePlayer();
  if (!useCanSpeak()) return null;
  return (
    <p className="read-screen">
      <button
        type="button"
        className="read-aloud read-aloud--screen"
        onClick={(event) => {
          const root = event.currentTarget.closest('.step, .feedback');
          if (!root) return;
          const parts: string[] = [];
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement;
            if (!parent || parent.closest(notRead)) continue;
            const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
            if (text && parent.checkVisibility?.({ checkVisibilityCSS: true }) !== false) parts.push(text);
          }
          speak(parts.join(' '), language);
        }}
      >
        <Icon name="speaker" /> {t('player.readScreen')}
      </button>
    </p>
  );
}

/** A paragraph of text (the screen's "read this screen" button reads it; `say` is kept for what a screen reads as more than the text). */
export function Spoken({ text, as: Tag = 'p', className }: { text: string; say?: string; as?: 'p' | 'h1' | 'h2'; className?: string }) {
  return <Tag className={className}>{text}</Tag>;
}
