import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

const EXIT_PATH = '/exit';
const SHIFT_PRESSES = 3;
const SHIFT_WINDOW_MS = 1500;

/** Leaves at once: replaces this page in the history, so Back does not return to it. */
function leave() {
  window.location.replace(EXIT_PATH);
}

/**
 * Always visible, fixed in a corner. Without JavaScript it is a plain link to /exit;
 * with JavaScript it replaces the history entry, and Shift pressed three times does the same.
 */
export function QuickExit() {
  const { t } = useTranslation();

  useEffect(() => {
    let presses: number[] = [];
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Shift' || event.repeat) return;
      const now = Date.now();
      presses = [...presses.filter((at) => now - at < SHIFT_WINDOW_MS), now];
      if (presses.length >= SHIFT_PRESSES) leave();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <a
      href={EXIT_PATH}
      className="quick-exit"
      data-testid="quick-exit"
      onClick={(event) => {
        event.preventDefault();
        leave();
      }}
    >
      {t('quickExit.label')}
      <span className="quick-exit__hint">{t('quickExit.hint')}</span>
    </a>
  );
}
