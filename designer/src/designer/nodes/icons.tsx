// A step kind's line icon, drawn inline so it scales and takes the colour around it.
import type { StepKind } from '../../../../definition/schema.ts';
import { stepRegistry } from './registry.ts';

export function StepIcon({ kind, size = 16 }: { kind: StepKind; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={stepRegistry[kind].icon} />
    </svg>
  );
}
