/**
 * The dashboard's two static assets, served by the Worker from `/assets/*` so the page CSP can stay
 * `script-src 'self'; style-src 'self'` with nothing inline. The script only wires copy buttons (the one
 * thing that needs JavaScript, hidden until it does); every form works without it.
 */

/** The stylesheet: readable defaults, a visible focus ring, badges, tables that scroll in place on a phone. */
export const APP_CSS: string = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0a58ca;
  --ok: #116329; --warn: #7d4e00; --bad: #a40e26; --bg-soft: #f6f8fa; --focus: #1b1f24; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); }
a { color: var(--accent); }
header.top { display: flex; gap: 1.5rem; align-items: center; padding: .75rem 1.5rem;
  border-bottom: 1px solid var(--line); background: var(--bg-soft); flex-wrap: wrap; }
header.top .brand { font-weight: 700; text-decoration: none; color: var(--fg); }
header.top nav { display: flex; gap: .25rem 1rem; flex: 1; flex-wrap: wrap; }
header.top form { margin: 0; }
header.top .who { overflow-wrap: anywhere; }
.skip-link { position: absolute; left: .5rem; top: -4rem; z-index: 10; padding: .5rem .9rem; background: #fff;
  border: 1px solid var(--line); border-radius: 6px; }
.skip-link:focus { top: .5rem; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; overflow-wrap: break-word; }
/* Focus arrives here only from the skip link: the ring belongs to the controls inside. */
main:focus { outline: none; }
h1 { font-size: 1.6rem; margin: .25rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; }
nav.tabs { display: flex; gap: .25rem; border-bottom: 1px solid var(--line); margin-bottom: 1.5rem; flex-wrap: wrap; }
nav.tabs a { padding: .5rem .9rem; text-decoration: none; border: 1px solid transparent; border-bottom: 0;
  border-radius: 6px 6px 0 0; }
nav.tabs a[aria-current="page"] { border-color: var(--line); background: #fff; font-weight: 600;
  margin-bottom: -1px; color: var(--fg); }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
.field { margin-bottom: 1rem; }
.hint { color: var(--muted); font-size: .9rem; margin: .2rem 0 0; }
.error { color: var(--bad); font-size: .95rem; margin: .25rem 0 0; font-weight: 600; }
input[type=text], input[type=email], input[type=password], input[type=url], input[type=search], select {
  width: 100%; max-width: 32rem; padding: .45rem .6rem; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
input[aria-invalid="true"] { border-color: var(--bad); }
button, .button { font: inherit; padding: .45rem .9rem; border-radius: 6px; border: 1px solid var(--line);
  background: #fff; cursor: pointer; color: var(--fg); text-decoration: none; display: inline-block; }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
/* Every destructive link or button (components/danger.tsx), whatever element it is. */
.danger { color: var(--bad); border-color: var(--bad); }
/* At least 3:1 against every background the dashboard uses (white, --bg-soft), outside the control. */
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.table-scroll { overflow-x: auto; margin: .5rem 0 1rem; position: relative; }
.table-scroll table { margin: 0; }
.table-scroll code { white-space: nowrap; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .45rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-size: .85rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
th code { text-transform: none; letter-spacing: 0; }
.card form + form { margin-top: .75rem; }
td form, form.inline { display: inline; margin-right: .25rem; }
.filters { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: flex-end; }
.filters .field { margin: 0 0 .5rem; }
.pager { display: flex; gap: 1.5rem; margin: 1rem 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; }
.notice { border-left: 4px solid var(--accent); background: var(--bg-soft); padding: .75rem 1rem; margin: 1rem 0; }
.notice.bad { border-color: var(--bad); }
.notice.ok { border-color: var(--ok); }
.notice.warn { border-color: var(--warn); }
.secret { font-family: ui-monospace, monospace; background: #fff8c5; padding: .4rem .6rem; border-radius: 6px;
  word-break: break-all; display: inline-block; }
.badge { display: inline-block; padding: .05rem .55rem; border-radius: 999px; font-size: .85rem; font-weight: 600;
  border: 1px solid currentColor; }
.badge.ok { color: var(--ok); } .badge.warn { color: var(--warn); } .badge.bad { color: var(--bad); }
.badge.muted { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
/* Long lists: the search box beside its button, page links spaced for a finger, the revoked section's toggle. */
form.search input[type=search] { width: auto; flex: 1 1 12rem; }
form.search { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .5rem 0; }
form.search label { flex-basis: 100%; margin: 0; }
.pager { display: flex; flex-wrap: wrap; gap: .25rem .75rem; margin: .5rem 0 1rem; }
.pager a { padding: .25rem .5rem; }
.pager a[aria-current="page"] { font-weight: 700; color: var(--fg); }
/* Where a 303 lands (#form-errors, #new-token, #card-…): a little room above, not flush with the window's edge. */
[tabindex="-1"] { scroll-margin-top: 1rem; }
details > summary { cursor: pointer; font-weight: 600; margin: 1.5rem 0 .5rem; }
code { font-family: ui-monospace, monospace; font-size: .92em; overflow-wrap: anywhere; }
.signin { max-width: 26rem; margin: 3rem auto; }
/* A phone held upright (390 px): the navigation takes its own wrapping row under the brand, less padding. */
@media (max-width: 40rem) {
  header.top { gap: .5rem 1rem; padding: .5rem 1rem; }
  header.top nav { order: 3; flex-basis: 100%; }
  main { padding: 1rem; }
  .card { padding: .75rem 1rem; }
  .signin { margin: 1.5rem auto; }
}
/* space endpoints (MCP, preview URLs): a call's or save's result lands at its card (#result-…); leave the
   card's heading in sight above it, so the reader sees which endpoint it is about. */
.card-result[tabindex="-1"] { scroll-margin-top: 6rem; }
/* admin pages (users table, a user's page, invitations, audit log): */
/* The audit table takes a 1280 px window's width and tighter type, so every column shows without scrolling. */
main:has(table.audit) { max-width: 80rem; }
table.audit { font-size: .875rem; }
table.audit code { font-size: .85em; }
td.when { white-space: nowrap; }
.action-code { color: var(--muted); font-size: .8em; }
table.audit th { white-space: nowrap; }
table.audit td.action { min-width: 9.5rem; }
table.audit td.space { min-width: 8rem; }
/* A long pasted URL as a target wraps anywhere rather than squeezing the other columns. */
table.audit td.target { overflow-wrap: anywhere; }
.filters .hint { flex-basis: 100%; margin: 0 0 .5rem; }
/* A table that scrolls sideways shadows the edge where more of it hides: the white covers move with the
   content (local), the shadows stay at the box's edges (scroll), so a shadow shows only where there is more. */
.table-scroll {
  background:
    linear-gradient(to right, #fff 30%, rgba(255, 255, 255, 0)) left center / 2.5rem 100% no-repeat local,
    linear-gradient(to left, #fff 30%, rgba(255, 255, 255, 0)) right center / 2.5rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, .3), rgba(0, 0, 0, 0)) left center / 1rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, .3), rgba(0, 0, 0, 0)) right center / 1rem 100% no-repeat scroll;
  background-color: #fff;
}
/* The Users table: a user's name under their email. */
.user-name { display: block; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
ul.roles li { margin: .25rem 0; }
/* frame: hidden means hidden (author display rules such as the buttons' would otherwise show a copy
   button without JavaScript), a secret one click selects whole, the account menu, and on a phone a bar of
   two short rows (brand, account, Sign out; then the navigation as one row that scrolls in place) above
   space tabs in one scrolling row: header and tabs within about 140 px of a 390 px screen. */
[hidden] { display: none !important; }
.secret { user-select: all; }
.crumbs { margin: 0 0 .5rem; }
header.top details.account { position: relative; min-width: 0; }
header.top details.account > summary { display: flex; align-items: center; gap: .3rem; margin: 0 0 0 auto;
  width: fit-content; max-width: 18rem; padding: .15rem .4rem; border-radius: 6px; font-weight: 400; list-style: none; }
header.top details.account > summary::-webkit-details-marker { display: none; }
header.top details.account > summary::after { content: "▾" / ""; color: var(--muted); }
header.top details.account .who { display: block; min-width: 0; overflow: hidden; text-overflow: ellipsis;
  white-space: nowrap; overflow-wrap: normal; }
.account-menu { position: absolute; right: 0; top: calc(100% + .35rem); z-index: 5; width: max-content;
  min-width: 12rem; max-width: min(22rem, calc(100vw - 1.5rem)); padding: .6rem .8rem; background: #fff;
  border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 4px 12px rgb(0 0 0 / 12%); overflow-wrap: anywhere; }
.account-menu p { margin: 0 0 .4rem; }
.account-menu strong { display: block; }
@media (max-width: 40rem) {
  header.top { padding: .3rem .75rem; gap: .15rem .5rem; line-height: 1.35; }
  /* The menu hangs from the whole bar, within the screen's edges, however long the label. */
  header.top { position: relative; }
  header.top details.account { order: 2; flex: 1 1 0; position: static; }
  .account-menu { left: .75rem; right: .75rem; top: calc(100% + .25rem); width: auto; max-width: none; }
  header.top details.account > summary { max-width: 100%; }
  header.top form { order: 3; }
  header.top form button { padding: .15rem .6rem; }
  header.top nav { order: 4; flex-wrap: nowrap; overflow-x: auto; white-space: nowrap; gap: 1rem; }
  main { padding: .6rem 1rem 1rem; }
  .crumbs { font-size: .9rem; margin: 0 0 .3rem; }
  nav.tabs { flex-wrap: nowrap; overflow-x: auto; margin-bottom: 1rem; }
  nav.tabs a { padding: .25rem .6rem; white-space: nowrap; }
}
`

/**
 * Copy buttons: `<button data-copy="#id" hidden>` copies the text of that element and says so. Each is
 * rendered hidden and shown here only where the clipboard API exists (a secure context), so a page
 * without JavaScript, or without a clipboard, never shows a button that does nothing: the value stays
 * selectable text.
 */
export const APP_JS: string = `
document.addEventListener('click', function (event) {
  var button = event.target instanceof Element ? event.target.closest('button[data-copy]') : null
  if (!button) return
  var source = document.querySelector(button.getAttribute('data-copy'))
  if (!source || !navigator.clipboard) return
  navigator.clipboard.writeText(source.textContent.trim()).then(function () {
    button.textContent = 'Copied'
  }, function () {
    button.textContent = 'Copy failed: select the text'
  })
})
if (navigator.clipboard) for (const b of document.querySelectorAll('button[data-copy]')) b.hidden = false
`
