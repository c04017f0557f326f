import { createContext, useContext } from 'react';
import type { LessonTexts, LessonVariant } from '~/lessons/schema';

export interface PlayerContextValue {
  texts: LessonTexts;
  variant: LessonVariant;
  language: string;
  hydrated: boolean;
  /** Easy reading and read-aloud, switched on by the girl (or by default in roma). */
  easyRead: boolean;
  /** Whose screen this is: what stays on the device is kept per participant. */
  participantId: string;
  text: (key: string | undefined) => string;
}

export const PlayerContext = createContext<PlayerContextValue | null>(null);

export function usePlayer(): PlayerContextValue {
  const value = useContext(PlayerContext);
  if (!value) throw new Error('usePlayer outside the player');
  return value;
}
