// The faults of a chaos run, on a cluster whose processes are supervised (runtime/cluster.ts):
// a worker killed with SIGKILL, the Temporal server killed with SIGKILL, PostgreSQL stopped
// the hard way (an immediate shutdown: no checkpoint, crash recovery at the next start). The
// cluster's supervisors start each again; nothing here helps them. Faults come in a random
// order, one at a time, `intervalMs` apart.
import type { Supervisor } from '../runtime/supervise.ts';

export type FaultKind = 'worker' | 'temporal' | 'postgres';

export type Fault = {
  kind: FaultKind;
  pid: number;
  at: number;
  /** Until its supervisor had it running again. */
  downMs: number | null;
  /** What the API's health said while it was down: its first answer other than 200, if any. */
  health: { status: number; body: unknown } | null;
};

export type FaultPlan = Record<FaultKind, number>;

type Targets = { workers: Supervisor[]; temporal: Supervisor; postgres: Supervisor };

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function backUp(s: Supervisor, since: number, killedPid: number, timeoutMs = 300_000): Promise<number> {
  for (;;) {
    const st = s.status();
    if (st.state === 'running' && st.pid !== killedPid) return Date.now() - since;
    if (Date.now() - since > timeoutMs) throw new Error(`${s.name} was not running again ${timeoutMs / 1000} s after it was killed`);
    await pause(50);
  }
}

async function health(apiUrl: string): Promise<Fault['health']> {
  try {
    const res = await fetch(`${apiUrl}/api/health`, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: (await res.json()) as unknown };
  } catch (err) {
    return { status: 0, body: (err as Error).message };
  }
}

export async function injectFaults(o: {
  targets: Targets;
  plan: FaultPlan;
  intervalMs: number;
  apiUrl: string;
  log: (line: string) => void;
}): Promise<Fault[]> {
  const left = { ...o.plan };
  const faults: Fault[] = [];
  const returning: Array<Promise<unknown>> = [];
  for (;;) {
    const kinds = (Object.keys(left) as FaultKind[]).flatMap((k) => Array<FaultKind>(left[k]).fill(k));
    if (kinds.length === 0) {
      await Promise.all(returning);
      return faults;
    }
    await pause(o.intervalMs * (0.5 + Math.random()));
    const kind = kinds[Math.floor(Math.random() * kinds.length)]!;
    left[kind]--;
    if (kind === 'worker') {
      // Never the last one running: that would be a full outage, which the other faults cover.
      const running = o.targets.workers.filter((w) => w.status().state === 'running');
      if (running.length < 2) {
        left.worker++;
        continue;
      }
      const victim = running[Math.floor(Math.random() * running.length)]!;
      const pid = victim.status().pid!;
      process.kill(pid, 'SIGKILL');
      const fault: Fault = { kind, pid, at: Date.now(), downMs: null, health: null };
      faults.push(fault);
      returning.push(backUp(victim, fault.at, pid).then((ms) => (fault.downMs = ms)));
      continue;
    }
    const target = kind === 'temporal' ? o.targets.temporal : o.targets.postgres;
    const pid = target.status().pid;
    if (pid === null) {
      left[kind]++;
      continue;
    }
    const at = Date.now();
    process.kill(pid, kind === 'temporal' ? 'SIGKILL' : 'SIGQUIT');
    const fault: Fault = { kind, pid, at, downMs: null, health: null };
    faults.push(fault);
    // Health, asked while it is down: the first answer that is not a 200 is kept (a short
    // Temporal outage may pass unseen: the API's client retries an unavailable server).
    const back = backUp(target, at, pid).then((ms) => (fault.downMs = ms));
    while (fault.downMs === null) {
      const h = await health(o.apiUrl);
      if (fault.health?.status !== 503) fault.health = h;
      await Promise.race([back, pause(250)]);
    }
    o.log(`${kind} killed (pid ${pid}); back after ${(fault.downMs / 1000).toFixed(1)} s; health meanwhile: ${fault.health?.status}`);
  }
}
