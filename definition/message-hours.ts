// When a message may reach a tenant: WhatsApp, SMS and e-mail on working days within the
// message hours (Amsterdam time), letters on postal days. Pure, for the workflow sandbox: the
// hours travel in each case's input, so a case keeps the hours it started with.
import { z } from 'zod';
import { amsterdamDate, amsterdamMoment, isDutchWorkingDay, nextDutchWorkingDay } from './calendar.ts';
import type { Channel } from './catalog.ts';

const MINUTE = 60_000;
const CLOCK = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** "09:00" → minutes since midnight; null when it is not a time of day (24:00 is the end of the day). */
function minutesOf(text: string): number | null {
  const m = CLOCK.exec(text);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

const ClockSchema = z.string().refine((v) => minutesOf(v) !== null, 'a time of day is written HH:MM');

/** From (inclusive) to (exclusive), both HH:MM in Amsterdam time. */
export const MessageHoursSchema = z
  .object({ from: ClockSchema, to: ClockSchema })
  .refine((h) => minutesOf(h.from)! < minutesOf(h.to)!, 'the message hours start before they end');
export type MessageHours = z.infer<typeof MessageHoursSchema>;

export const DEFAULT_MESSAGE_HOURS: MessageHours = { from: '09:00', to: '20:00' };

/** "09:00-20:00" → the hours, or null when it is not written so or ends before it starts. */
export function parseMessageHours(text: string): MessageHours | null {
  const [from, to, ...rest] = text.trim().split(/\s*-\s*/);
  if (from === undefined || to === undefined || rest.length > 0) return null;
  const parsed = MessageHoursSchema.safeParse({ from, to });
  return parsed.success ? parsed.data : null;
}

/**
 * The first moment at or after `ms` (business time) a message on `channel` may go out: `ms`
 * itself when it is allowed, else the start of the next allowed period.
 */
export function nextMessageMoment(channel: Channel, ms: number, hours: MessageHours): number {
  const { day, timeOfDay } = amsterdamDate(ms);
  // A letter is posted on any postal day; it waits for the next one from the day's start.
  if (channel === 'letter') return isDutchWorkingDay(day) ? ms : amsterdamMoment(nextDutchWorkingDay(day), 0);
  const from = minutesOf(hours.from)! * MINUTE;
  const to = minutesOf(hours.to)! * MINUTE;
  if (isDutchWorkingDay(day)) {
    if (timeOfDay >= from && timeOfDay < to) return ms;
    if (timeOfDay < from) return amsterdamMoment(day, from);
  }
  return amsterdamMoment(nextDutchWorkingDay(day), from);
}
