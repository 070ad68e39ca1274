'use strict';
/* Dashboard: what to paste into Sonarr/Prowlarr, each with a copy button, and a health summary. */
(() => {
  const { call, el, copyButton, feedback, poll } = window.Catalogarr;

  function fact(list, label, value, id, secret) {
    if (value === null || value === undefined || value === '') {
      list.append(el('dt', null, label), el('dd', null, el('span', { id, className: 'ca-muted' }, 'none set')));
      return;
    }
    const shown = el('code', { id }, secret ? '•'.repeat(12) : String(value));
    const buttons = [copyButton(label, () => String(value))];
    if (secret) {
      buttons.unshift(el('button', {
        type: 'button',
        onclick: (event) => {
          const hidden = shown.textContent !== String(value);
          shown.textContent = hidden ? String(value) : '•'.repeat(12);
          event.target.textContent = hidden ? 'Hide' : 'Show';
        }
      }, 'Show'));
    }
    list.append(el('dt', null, label), el('dd', null, shown, ...buttons));
  }

  let drawn = false;
  async function load() {
    let overview;
    try {
      overview = await call('GET', '/overview');
    } catch (e) {
      feedback(e.message, 'error');
      document.getElementById('ca-health').textContent = 'unknown';
      return;
    }
    const health = document.getElementById('ca-health');
    health.textContent = overview.health.status;
    health.className = 'ca-badge ' + overview.health.status;
    document.getElementById('ca-version').textContent = overview.version ? 'Catalogarr ' + overview.version : '';
    document.getElementById('ca-problems').replaceChildren(
      ...(overview.health.problems || []).map((problem) => el('li', null, problem)));
    if (drawn) return; // the connection details do not change while the page is open
    drawn = true;
    const torznab = document.getElementById('ca-torznab');
    fact(torznab, 'Torznab URL', overview.torznab.url, 'ca-torznab-url');
    fact(torznab, 'API key', overview.torznab.apikey, 'ca-apikey', true);
    const qbit = document.getElementById('ca-qbittorrent');
    fact(qbit, 'Host', overview.qbittorrent.host, 'ca-qbit-host');
    fact(qbit, 'Port', overview.qbittorrent.port, 'ca-qbit-port');
    fact(qbit, 'Username', overview.qbittorrent.username, 'ca-qbit-user');
  }

  poll(load, 10000);
})();
