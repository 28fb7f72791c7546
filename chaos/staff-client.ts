// The chaos run's staff member: calls the API as a person at a desk would, and like a careful
// client tries again, with the same idempotent reference, when the API says it is unavailable
// (503) or cannot be reached. It keeps score of every answer, so the run can show that an
// outage reads as a clear 503 and never as a 500.

import { SESSION_COOKIE } from '../server/auth/sessions.ts';

export type Answer = { status: number; body: any; session?: string };

export type AnswerTally = {
  byStatus: Record<string, number>;
  /** A few 503 messages, as a person would read them. */
  unavailableMessages: Set<string>;
  /** Answers other than 2xx/4xx/503: each one a defect. */
  unexpected: Array<{ what: string; status: number; body: unknown }>;
};

export function newTally(): AnswerTally {
  return { byStatus: {}, unavailableMessages: new Set(), unexpected: [] };
}

export class StaffClient {
  constructor(
    private readonly baseUrl: string,
    private readonly tally: AnswerTally,
    private token = '',
  ) {}

  async signIn(username: string, password: string): Promise<void> {
    const res = await this.call('POST', '/api/auth/login', { username, password }, 'sign in');
    if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    if (!res.session) throw new Error(`sign-in as ${username} set no session cookie`);
    this.token = res.session;
  }

  /** The request, again after a pause while the answer is 503 or there is none, for up to `patienceMs`. */
  async call(method: string, path: string, body: unknown, what: string, patienceMs = 600_000): Promise<Answer> {
    const deadline = Date.now() + patienceMs;
    for (let pause = 250; ; pause = Math.min(pause * 2, 4000)) {
      let answer: Answer | undefined;
      try {
        const res = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await res.text();
        const session = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
        answer = { status: res.status, body: text ? (JSON.parse(text) as unknown) : null, session: session?.slice(SESSION_COOKIE.length + 1).split(';')[0] };
      } catch {
        this.count('no answer');
      }
      if (answer) {
        this.count(String(answer.status));
        if (answer.status !== 503) {
          if (answer.status >= 500) this.tally.unexpected.push({ what, status: answer.status, body: answer.body });
          return answer;
        }
        const message = (answer.body as { error?: { message?: string } } | null)?.error?.message;
        if (this.tally.unavailableMessages.size < 5 && message) this.tally.unavailableMessages.add(message);
      }
      if (Date.now() > deadline) throw new Error(`${what}: no answer but 503 for ${patienceMs / 1000} s`);
      await new Promise((r) => setTimeout(r, pause));
    }
  }

  post(path: string, body: unknown, what: string) {
    return this.call('POST', path, body, what);
  }

  private count(key: string) {
    this.tally.byStatus[key] = (this.tally.byStatus[key] ?? 0) + 1;
  }
}
