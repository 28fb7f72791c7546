// The intake's settings from the environment, for the worker that runs its activities.
import type { MessageHours } from '../../definition/message-hours.ts';
import type { IntakeSource } from './sources.ts';

export type IntakeSettings = { source?: IntakeSource; historyLimit?: number; messageHours?: MessageHours };

type IntakeEnv = { INTAKE_DIR?: string | undefined; INTAKE_URL?: string | undefined; INTAKE_TOKEN?: string | undefined; INTAKE_DEFINITION: string; CASE_HISTORY_LIMIT?: number | undefined; MESSAGE_HOURS?: MessageHours | undefined };

export function intakeSettings(env: IntakeEnv): IntakeSettings {
  return {
    ...(env.INTAKE_DIR || env.INTAKE_URL ? { source: { dir: env.INTAKE_DIR, url: env.INTAKE_URL, token: env.INTAKE_TOKEN, definitionId: env.INTAKE_DEFINITION } } : {}),
    ...(env.CASE_HISTORY_LIMIT !== undefined ? { historyLimit: env.CASE_HISTORY_LIMIT } : {}),
    ...(env.MESSAGE_HOURS ? { messageHours: env.MESSAGE_HOURS } : {}),
  };
}

/** Whether the daily Schedule is made: only with a place to take the list from. */
export const intakeScheduled = (env: IntakeEnv) => Boolean(env.INTAKE_DIR || env.INTAKE_URL);
