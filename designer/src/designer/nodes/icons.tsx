// Small line icons per step kind, drawn inline so they scale and take the node's colour.
import type { StepKind } from '../../../../definition/schema.ts';

const paths: Record<StepKind, string> = {
  start: 'M8 5v14l11-7z',
  communicate: 'M3 6h18v12H3z M3 7l9 6 9-6',
  wait: 'M12 7v5l3 2 M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18',
  task: 'M12 12a4 4 0 1 0 0-8a4 4 0 1 0 0 8 M4 21c0-4 4-6 8-6s8 2 8 6',
  approval: 'M9 12l2 2 4-4 M12 3l7 3v6c0 4-3 7-7 9-4-2-7-5-7-9V6z',
  arrangement: 'M4 6h16v14H4z M4 10h16 M8 3v5 M16 3v5 M8 14h2 M12 14h2 M16 14h1',
  handover: 'M4 12h12 M12 7l5 5-5 5 M20 5v14',
  decision: 'M12 3l9 9-9 9-9-9z',
  'collection-costs': 'M17 6.5A6 6 0 1 0 17 17.5 M4 10h9 M4 14h9',
  end: 'M6 6h12v12H6z',
};

export function StepIcon({ kind, size = 16 }: { kind: StepKind; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={paths[kind]} />
    </svg>
  );
}
