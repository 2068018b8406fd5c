/**
 * Screens are addressed by the URL fragment (`#/disputes/D123`): works the same under app://
 * and in browser mode, survives a reload, and needs no server routes.
 */
import { useEffect, useState, type ReactNode } from 'react';

function current(): string[] {
  return window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export function useRoute(): string[] {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const onChange = () => setRoute(current());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function href(...parts: string[]): string {
  return `#/${parts.map(encodeURIComponent).join('/')}`;
}

export function navigate(...parts: string[]): void {
  window.location.hash = href(...parts);
}

export function Link({ to, children, className }: { to: string[]; children: ReactNode; className?: string }) {
  return (
    <a href={href(...to)} className={className}>
      {children}
    </a>
  );
}
