// A case's business time now, from its clock anchor: the business moment and the real moment
// of the case's last workflow task, and how much faster than the calendar the case runs.
// Pure, so the workflow's view, the server and the web app compute it the same way.

export type ClockAnchor = { business: number; real: number; timeScale: number };

/** Business time now, from a view's clock anchor and the caller's own clock. */
export function businessNow(view: { clock: ClockAnchor }, realNow = Date.now()): number {
  return view.clock.business + (realNow - view.clock.real) * view.clock.timeScale;
}
