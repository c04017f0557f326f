import type { ReasonSpec } from '~/reasons';

/** The refusals of this area, with their status and message (decision 0022; the registry is app/reasons.ts). */
export const sessionReasons = {} as const satisfies Record<string, ReasonSpec>;
