'use strict';
/* Log: recent WARN/ERROR lines of Catalogarr's own loggers, refreshed every 10 s. */
(() => {
  const { call, el, failed, loaded, when, poll } = window.Catalogarr;

  async function load() {
    let lines;
    try {
      lines = await call('GET', '/log?limit=100');
    } catch (e) {
      failed('ca-log-lines', 4, e);
      return;
    }
    loaded('ca-log-lines');
    document.getElementById('ca-log-lines').replaceChildren(...(lines.length === 0
      ? [el('tr', null, el('td', { colspan: 4, className: 'ca-muted' }, 'No warnings or errors since the start.'))]
      : lines.map((line) => el('tr', null,
        el('td', { 'data-label': 'Time' }, when(line.at)),
        el('td', { 'data-label': 'Level' }, el('span', { className: 'ca-badge ' + line.level }, line.level)),
        el('td', { 'data-label': 'Where' }, line.logger),
        el('td', { 'data-label': 'Message' }, line.message)))));
  }

  document.getElementById('ca-log-refresh').addEventListener('click', load);
  poll(load, 10000);
})();
