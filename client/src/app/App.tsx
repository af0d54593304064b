import { lazy, Suspense, type MouseEvent } from 'react';
import { matchRoute, navigate, useLocation, usePageTitle } from './router';
import ExplorerView from '../views/Explorer/ExplorerView';
import { SignInGate } from './SignInGate';

const ConsoleView = lazy(() => import('../views/Console/ConsoleView'));
const SnapshotsView = lazy(() => import('../views/Snapshots/SnapshotsView'));
const DuplicatesView = lazy(() => import('../views/Duplicates/DuplicatesView'));
const ImportView = lazy(() => import('../views/Import/ImportView'));
const ExtractView = lazy(() => import('../views/Extract/ExtractView'));

function NavLink({ to, current, children }: { to: string; current: boolean; children: string }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} aria-current={current ? 'page' : undefined} className="nav-link">
      {children}
    </a>
  );
}

export default function App() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  // each page names itself in the tab (a snapshot page with its own title, set by the page)
  const titles: Record<string, string> = { explorer: 'Explorer', console: 'Console', notFound: 'Page not found' };
  usePageTitle(route.name === 'snapshot' || route.name === 'snapshots' ? null : (titles[route.name] ?? null));
  return (
    <div className="app">
      <header className="app-header">
        <span className="brand" aria-label="Parley">
          Parley
        </span>
        <nav aria-label="Main">
          <NavLink to="/" current={route.name === 'explorer'}>
            Explorer
          </NavLink>
          <NavLink to="/console" current={route.name === 'console'}>
            Console
          </NavLink>
          <NavLink to="/snapshots" current={route.name === 'snapshots' || route.name === 'snapshot'}>
            Snapshots
          </NavLink>
          <NavLink to="/duplicates" current={route.name === 'duplicates'}>
            Duplicates
          </NavLink>
          <NavLink to="/import" current={route.name === 'import'}>
            Import
          </NavLink>
          <NavLink to="/extract" current={route.name === 'extract'}>
            Article
          </NavLink>
        </nav>
        <SignInGate />
      </header>
      <Suspense fallback={<p className="loading">Loading…</p>}>
        {route.name === 'explorer' && <ExplorerView />}
        {route.name === 'console' && <ConsoleView />}
        {(route.name === 'snapshots' || route.name === 'snapshot') && <SnapshotsView />}
        {route.name === 'duplicates' && <DuplicatesView />}
        {route.name === 'import' && <ImportView />}
        {route.name === 'extract' && <ExtractView />}
        {route.name === 'notFound' && (
          <main className="not-found">
            <h1>Page not found</h1>
            <p>
              There is nothing at this address.{' '}
              <NavLink to="/" current={false}>
                Open the explorer
              </NavLink>
              .
            </p>
          </main>
        )}
      </Suspense>
    </div>
  );
}
