// Small line icons for the heat badges and table heads. Inline SVG, because an emoji may have
// no glyph on a workstation (or in a headless browser) and shows as an empty box.
type Props = { size?: number; title?: string };

function Svg({ size = 12, title, children }: Props & { children: React.ReactNode }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" role={title ? 'img' : undefined} aria-hidden={title ? undefined : true} aria-label={title}>
      {children}
    </svg>
  );
}

export const PersonIcon = (p: Props) => (
  <Svg {...p}>
    <circle cx="8" cy="5" r="2.6" />
    <path d="M2.8 14c.6-2.8 2.6-4.3 5.2-4.3s4.6 1.5 5.2 4.3" />
  </Svg>
);
export const PauseIcon = (p: Props) => (
  <Svg {...p}>
    <path d="M5.5 3v10M10.5 3v10" />
  </Svg>
);
export const FailingIcon = (p: Props) => (
  <Svg {...p}>
    <path d="M8 1.8 15 14H1z" />
    <path d="M8 6.5v3.2M8 11.8v.1" />
  </Svg>
);
export const BlockedIcon = (p: Props) => (
  <Svg {...p}>
    <circle cx="8" cy="8" r="6" />
    <path d="M3.8 12.2 12.2 3.8" />
  </Svg>
);
