'use strict';
/*
 * Downloads: active jobs first, with progress bars, speed, ETA and the total speed; filtered by state, site and
 * category; updated every 2 s without reloading. Rows are kept by hash and only their values change, so a button
 * does not vanish under the pointer. Deleting a job's files asks first.
 */
(() => {
  const { call, el, feedback, failed, loaded, act, bytes, speed, duration, poll } = window.Catalogarr;
  const ACTIVE = ['downloading', 'retrying', 'queued', 'paused'];
  const filters = ['state', 'site', 'category'].map((name) => document.getElementById('ca-filter-' + name));
  const rows = new Map();

  function confirmDelete(job) {
    const dialog = document.getElementById('ca-confirm');
    document.getElementById('ca-confirm-text').textContent = 'Delete "' + job.name
      + '" and its files (finished and partial) from the disk? This cannot be undone.';
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
      dialog.returnValue = 'cancel';
      dialog.showModal();
    });
  }

  async function remove(button, job, withFiles) {
    if (withFiles && !(await confirmDelete(job))) {
      feedback('Nothing deleted.', 'info');
      return;
    }
    const done = await act(button, () => call('DELETE', '/jobs/' + encodeURIComponent(job.hash) + '?files=' + withFiles),
      '"' + job.name + '" deleted' + (withFiles ? ' with its files.' : '; its files are kept.'));
    if (done !== undefined) await load();
  }

  function action(label, job, verb) {
    const b = el('button', { type: 'button', 'data-action': label });
    b.textContent = label;
    b.addEventListener('click', async () => {
      const done = await act(b, () => call('POST', '/jobs/' + encodeURIComponent(job.current.hash) + '/' + verb),
        '"' + job.current.name + '": ' + label.toLowerCase() + ' done.');
      if (done !== undefined) await load();
    });
    return b;
  }

  /** The state in words; a job waiting to retry says when and why. */
  function stateText(job) {
    if (job.state === 'retrying') {
      const seconds = job.retryAt ? Math.max(0, Math.round((new Date(job.retryAt).getTime() - Date.now()) / 1000)) : null;
      return 'retrying' + (seconds === null ? '' : seconds === 0 ? ' now' : ' in ' + seconds + ' s')
        + (job.message ? ' (' + job.message + ')' : '');
    }
    return job.state;
  }

  function newRow(hash) {
    const holder = { current: null };
    const bar = el('span');
    const barText = el('em');
    const cells = {
      name: el('td', { 'data-label': 'Name' }), site: el('td', { 'data-label': 'Site' }),
      category: el('td', { 'data-label': 'Category' }), state: el('td', { 'data-label': 'State' }),
      progress: el('td', { 'data-label': 'Progress' }, el('div', { className: 'ca-bar', role: 'progressbar',
        'aria-valuemin': 0, 'aria-valuemax': 100 }, bar, barText)),
      size: el('td', { 'data-label': 'Size' }), speed: el('td', { 'data-label': 'Speed' }),
      eta: el('td', { 'data-label': 'ETA' }), actions: el('td', { 'data-label': 'Actions' })
    };
    const buttons = {
      pause: action('Pause', holder, 'pause'), resume: action('Resume', holder, 'resume'),
      retry: action('Retry', holder, 'retry'),
      delete: el('button', { type: 'button', 'data-action': 'Delete', onclick: (e) => remove(e.target, holder.current, false) }, 'Delete'),
      deleteFiles: el('button', { type: 'button', className: 'ca-danger', 'data-action': 'Delete with files',
        onclick: (e) => remove(e.target, holder.current, true) }, 'Delete with files')
    };
    cells.actions.append(...Object.values(buttons));
    const tr = el('tr', { 'data-hash': hash }, ...Object.values(cells));
    return { tr, cells, bar, barText, buttons, holder };
  }

  function update(row, job) {
    row.holder.current = job;
    const percent = Math.floor((job.progress || 0) * 1000) / 10;
    row.cells.name.textContent = job.name;
    row.cells.site.textContent = job.site;
    row.cells.category.textContent = job.category || '–';
    row.cells.state.replaceChildren(el('span', { className: 'ca-badge ' + job.state }, stateText(job)),
      ...(job.state !== 'retrying' && job.message ? [el('div', { className: 'ca-muted' }, job.message)] : []));
    row.bar.style.width = percent + '%';
    row.barText.textContent = percent + ' %';
    row.cells.progress.firstChild.setAttribute('aria-valuenow', percent);
    row.cells.size.textContent = job.size ? bytes(job.downloaded) + ' of ' + bytes(job.size) : bytes(job.downloaded);
    row.cells.speed.textContent = job.state === 'downloading' ? speed(job.speed) : '–';
    row.cells.eta.textContent = job.state === 'downloading' ? duration(job.eta) : '–';
    row.buttons.pause.hidden = !['downloading', 'queued', 'retrying'].includes(job.state);
    row.buttons.resume.hidden = job.state !== 'paused';
    row.buttons.retry.hidden = !['failed', 'retrying'].includes(job.state);
  }

  function fillChoices(select, values) {
    const chosen = select.value;
    const known = new Set([...select.options].map((option) => option.value));
    [...new Set(values)].filter((value) => value && !known.has(value)).sort()
      .forEach((value) => select.append(el('option', { value }, value)));
    select.value = chosen;
  }

  async function load() {
    let jobs;
    try {
      const query = new URLSearchParams();
      filters.forEach((select) => { if (select.value) query.set(select.id.replace('ca-filter-', ''), select.value); });
      jobs = await call('GET', '/jobs' + (query.toString() ? '?' + query : ''));
    } catch (e) {
      failed('ca-jobs', 9, e);
      return;
    }
    loaded('ca-jobs');
    // Active first, whatever order the service keeps (it does the same; this holds for filtered lists too).
    jobs.sort((a, b) => (ACTIVE.includes(a.state) ? 0 : 1) - (ACTIVE.includes(b.state) ? 0 : 1));
    fillChoices(filters[1], jobs.map((job) => job.site));
    fillChoices(filters[2], jobs.map((job) => job.category));
    const body = document.getElementById('ca-jobs');
    const seen = new Set();
    const ordered = jobs.map((job) => {
      seen.add(job.hash);
      let row = rows.get(job.hash);
      if (!row) {
        row = newRow(job.hash);
        rows.set(job.hash, row);
      }
      update(row, job);
      return row.tr;
    });
    for (const hash of [...rows.keys()]) {
      if (!seen.has(hash)) rows.delete(hash);
    }
    if (ordered.length === 0) {
      body.replaceChildren(el('tr', null, el('td', { colspan: 9, className: 'ca-muted' },
        filters.some((select) => select.value) ? 'No job matches the filters.' : 'No downloads yet.')));
    } else if (ordered.some((tr, i) => body.children[i] !== tr) || body.children.length !== ordered.length) {
      body.replaceChildren(...ordered);
    }
    const total = jobs.filter((job) => job.state === 'downloading').reduce((sum, job) => sum + (job.speed || 0), 0);
    document.getElementById('ca-total-speed').textContent = speed(total);
    document.getElementById('ca-updated').textContent = 'updated ' + new Date().toLocaleTimeString();
  }

  filters.forEach((select) => select.addEventListener('change', load));
  poll(load, 2000);
})();
