// After a page change the focus goes to the new page's main heading, so a screen reader reads
// where one is and the keyboard goes on from there (instead of from the top of the document).
// A page that loads its data shows its heading a moment later; the focus waits for it, but
// never takes it from something the user already chose inside the page.
import { useEffect, useRef, type RefObject } from 'react';
import { useLocation } from 'react-router';

export function useFocusHeadingOnNavigate(main: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    // The first page keeps the browser's own focus (the sign-in form's field, say).
    if (first.current) {
      first.current = false;
      return;
    }
    const root = main.current;
    if (!root) return;
    const settle = (): boolean => {
      const active = document.activeElement;
      if (active && active !== document.body && root.contains(active)) return true;
      const heading = root.querySelector('h1');
      if (!heading) return false;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
      return true;
    };
    if (settle()) return;
    const watch = new MutationObserver(() => settle() && watch.disconnect());
    watch.observe(root, { childList: true, subtree: true });
    const giveUp = setTimeout(() => watch.disconnect(), 5000);
    return () => {
      watch.disconnect();
      clearTimeout(giveUp);
    };
  }, [pathname, main]);
}
