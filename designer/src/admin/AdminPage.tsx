// The frame of an admin page: its title and intro, and the banner that answers the last action.
import type { ReactNode } from 'react';

export type Banner = { kind: 'ok' | 'error'; text: string } | null;

export function AdminPage({ title, intro, message, children }: { title: string; intro: string; message: Banner; children: ReactNode }) {
  return (
    <section className="page st-page">
      <header className="st-page-header">
        <div>
          <h1>{title}</h1>
          <p className="muted">{intro}</p>
        </div>
      </header>
      {message && (
        <p className={`st-banner ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {children}
    </section>
  );
}
