// What a group session looks like to the tablets and to the facilitator's console: the view
// types the browser receives (no server code here, so components import them directly).
import type { GroupSessionStatus, PacingMode } from '~/db/vocabulary';
import type { StepAggregate } from './aggregate';

export interface TabletView {
  version: number;
  status: GroupSessionStatus;
  pacing: PacingMode;
  /** The group's step (together mode). */
  step: string | null;
  /** The counts of the current step, once the facilitator reveals them. */
  revealed: StepAggregate | null;
  /** How many girls the facilitator removed: when it changes, each tablet asks whether it was her. */
  removals: number;
}

export interface FacilitatorView extends TabletView {
  joinCode: string;
  locked: boolean;
  /**
   * Who joined, by an opaque handle (for "remove"; null once the session has ended), never by
   * her participant id. Never with her step: in own pace, the step after a choice would tell what she chose.
   */
  participants: { handle: string | null; nickname: string | null; avatar: string | null }[];
  aggregates: Record<string, StepAggregate>;
  /** Own pace: how many girls are at each step. */
  stepCounts: Record<string, number>;
  finished: number;
  /** Girls asking to stop or ask something, not yet marked seen: the console only, never the projector (decision 0015). */
  careSignals: { id: string; nickname: string | null; avatar: string | null; at: string }[];
  /** How many care signals there were: all the summary keeps of them. */
  careSignalCount: number;
}
