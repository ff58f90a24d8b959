/** The clerk's full-page tools: the certification book (and its print view), the copy cache, keys, the authority queue. */
import { useEffect, useState } from 'preact/hooks';
import { boot } from '../common/boot.js';
import { t } from '../common/i18n.js';
import { AuthorityQueue } from '../clerk/AuthorityQueue.js';
import { useCertifyTarget } from '../clerk/deps.js';
import { BookPage } from './BookPage.js';
import { CopiesPage } from './CopiesPage.js';
import { KeysPage } from './KeysPage.js';
import { PrintView } from './PrintView.js';
import '../clerk/clerk.css';
import './manage.css';

const ROUTES = ['book', 'copies', 'keys', 'authority'] as const;
type Route = (typeof ROUTES)[number];

function routeOf(hash: string): { route: Route } | { print: string; month?: string } {
  const h = hash.replace(/^#/, '');
  // #print/BOOK (the whole book) or #print/BOOK/YYYY-MM (the monthly print with that month's totals)
  const print = /^print\/([0-9A-Za-z-]{1,64})(?:\/(\d{4}-(?:0[1-9]|1[0-2])))?$/.exec(h);
  if (print) return { print: print[1], ...(print[2] ? { month: print[2] } : {}) };
  return { route: (ROUTES as readonly string[]).includes(h) ? (h as Route) : 'book' };
}

function Manage() {
  const [where, setWhere] = useState(() => routeOf(location.hash));
  const target = useCertifyTarget();
  useEffect(() => {
    const on = () => setWhere(routeOf(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  useEffect(() => {
    if ('route' in where) document.title = `${t(`manage_${where.route}`)} — saoy`;
  }, [where]);

  if ('print' in where) return <PrintView bookId={where.print} month={where.month} />;
  return (
    <>
      <header class="topbar">
        <span class="logo">saoy</span>
        <nav class="manage-nav">
          {ROUTES.map((r) => (
            <a href={`#${r}`} id={`nav-${r}`} class={where.route === r ? 'on' : ''} aria-current={where.route === r ? 'page' : undefined}>
              {t(`manage_${r}`)}
            </a>
          ))}
        </nav>
      </header>
      <main class="wrap wide" data-route={where.route}>
        {where.route === 'book' && <BookPage />}
        {where.route === 'copies' && <CopiesPage target={target} />}
        {where.route === 'keys' && <KeysPage />}
        {where.route === 'authority' && (
          <section class="card narrow-card">
            <AuthorityQueue target={target} />
          </section>
        )}
      </main>
    </>
  );
}

void boot(Manage, 'manage_title');
