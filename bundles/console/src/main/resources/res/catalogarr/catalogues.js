'use strict';
/*
 * Catalogues: per site its state, last search, last error, block and index; enable/disable, reorder, test, refresh
 * the index, and the site's settings in a form validated by the service (errors shown at their field).
 * Only possible actions are offered: no Up on the first enabled site, no Down on the last.
 */
(() => {
  const { call, el, feedback, failed, loaded, act, when, duration, poll } = window.Catalogarr;
  const path = (id, action) => '/catalogues/' + encodeURIComponent(id) + (action ? '/' + action : '');

  function cell(label, ...content) {
    return el('td', { 'data-label': label }, ...content);
  }

  function button(label, action, success, attributes) {
    const b = el('button', Object.assign({ type: 'button', 'data-action': label }, attributes || {}), label);
    b.addEventListener('click', async () => {
      const done = await act(b, action, success);
      if (done !== undefined) await load();
    });
    return b;
  }

  function row(site, first, last) {
    const name = site.name || site.id;
    const actions = [];
    if (site.enabled) {
      actions.push(button('Disable', () => call('POST', path(site.id, 'disable')), name + ' disabled.'));
      if (!first) actions.push(button('Up', () => call('POST', path(site.id, 'priority'), { move: 'up' }), name + ' moved up.'));
      if (!last) actions.push(button('Down', () => call('POST', path(site.id, 'priority'), { move: 'down' }), name + ' moved down.'));
    } else {
      actions.push(button('Enable', () => call('POST', path(site.id, 'enable')), name + ' enabled.'));
    }
    actions.push(el('button', { type: 'button', 'data-action': 'Test', onclick: (e) => test(e.target, site) }, 'Test'));
    actions.push(button('Refresh index', () => call('POST', path(site.id, 'refresh-index')),
      (answer) => (answer && answer.message) || 'The index of ' + name + ' is being refreshed.'));
    actions.push(el('button', { type: 'button', 'data-action': 'Settings', onclick: () => openSettings(site) }, 'Settings'));

    const problems = (site.problems || []).map((problem) => el('li', null, problem));
    return el('tr', { 'data-site': site.id },
      cell('Site', el('strong', null, name), el('br'), el('span', { className: 'ca-muted' }, site.id)),
      cell('State', el('span', { className: 'ca-badge ' + site.state }, site.state),
        problems.length ? el('ul', { className: 'ca-problems' }, problems) : null),
      cell('Priority', site.priority === null || site.priority === undefined ? '–' : site.priority),
      cell('Last search', when(site.lastSearchAt),
        site.lastLatencyMs === null || site.lastLatencyMs === undefined ? null : ' (' + site.lastLatencyMs + ' ms)'),
      cell('Last error', site.lastError || el('span', { className: 'ca-muted' }, 'none')),
      cell('Blocked until', site.blockedUntil ? when(site.blockedUntil) : el('span', { className: 'ca-muted' }, 'not blocked')),
      cell('Title index', site.indexTitles === null || site.indexTitles === undefined ? 'none yet'
        : site.indexTitles + ' titles, ' + (site.indexAgeSeconds === null || site.indexAgeSeconds === undefined ? 'age unknown'
          : duration(site.indexAgeSeconds) + ' old')),
      cell('Actions', ...actions));
  }

  async function test(target, site) {
    feedback('Testing ' + (site.name || site.id) + '…', 'info');
    const result = await act(target, () => call('POST', path(site.id, 'test')));
    if (result === undefined) return;
    const facts = [result.latencyMs !== undefined && result.latencyMs !== null ? result.latencyMs + ' ms' : null,
      result.titles !== undefined && result.titles !== null ? result.titles + ' titles' : null].filter(Boolean).join(', ');
    feedback((site.name || site.id) + ': ' + result.message + (facts ? ' (' + facts + ')' : ''), result.ok ? 'ok' : 'error');
    await load();
  }

  async function load() {
    let sites;
    try {
      sites = await call('GET', '/catalogues');
    } catch (e) {
      failed('ca-sites', 8, e);
      return;
    }
    loaded('ca-sites');
    const enabled = sites.filter((site) => site.enabled).map((site) => site.id);
    document.getElementById('ca-sites').replaceChildren(...sites.map((site) =>
      row(site, enabled[0] === site.id, enabled[enabled.length - 1] === site.id)));
  }

  // The settings form: one input per metatype field, errors under the field they belong to.
  function input(field) {
    const id = 'ca-field-' + field.name;
    const value = Array.isArray(field.value) ? field.value.join(', ') : field.value;
    if (field.type === 'boolean') {
      return el('input', { type: 'checkbox', id, name: field.name, checked: value === true || value === 'true' });
    }
    if (field.type === 'option' && Array.isArray(field.options)) {
      return el('select', { id, name: field.name }, field.options.map((option) => {
        const optionValue = typeof option === 'object' ? option.value : option;
        const optionLabel = typeof option === 'object' ? (option.label || option.value) : option;
        return el('option', { value: optionValue, selected: String(optionValue) === String(value) }, optionLabel);
      }));
    }
    // Numbers as text: what was typed reaches the service, which says why it is wrong.
    return el('input', { type: 'text', id, name: field.name, value: value === null || value === undefined ? '' : String(value),
      inputmode: field.type === 'int' ? 'numeric' : null });
  }

  function valueOf(field, form) {
    const control = form.elements[field.name];
    if (field.type === 'boolean') return control.checked;
    const text = control.value.trim();
    if (field.type === 'int' && /^-?\d+$/.test(text)) return Number(text);
    return text;
  }

  function showErrors(form, fields, message) {
    form.querySelectorAll('.ca-field-error').forEach((line) => { line.textContent = ''; });
    form.querySelectorAll('.ca-invalid').forEach((control) => {
      control.classList.remove('ca-invalid');
      control.removeAttribute('aria-invalid');
    });
    for (const [name, problem] of Object.entries(fields || {})) {
      const line = form.querySelector('[data-error-for="' + CSS.escape(name) + '"]');
      const control = form.elements[name];
      if (line) line.textContent = problem;
      if (control && control.classList) {
        control.classList.add('ca-invalid');
        control.setAttribute('aria-invalid', 'true');
      }
    }
    form.querySelector('.ca-form-message').textContent = message || '';
  }

  async function openSettings(site) {
    const section = document.getElementById('ca-settings');
    let settings;
    try {
      settings = await call('GET', path(site.id, 'settings'));
    } catch (e) {
      feedback(e.message, 'error');
      return;
    }
    const form = el('form', { className: 'ca-settings', id: 'ca-settings-form', 'data-site': site.id, novalidate: true });
    form.append(el('h2', null, 'Settings of ' + (site.name || site.id)),
      el('p', { className: 'ca-muted' }, 'Saved to ', el('code', null, settings.pid + '.cfg'),
        '; nothing is written while a value is refused.'));
    for (const field of settings.fields) {
      const control = input(field);
      const label = el('label', { for: control.id }, field.label || field.name);
      // A checkbox sits inside its label; other inputs follow theirs.
      form.append(...(field.type === 'boolean' ? [el('label', null, control, ' ', field.label || field.name)] : [label, control]),
        ...(field.description ? [el('div', { className: 'ca-help' }, field.description)] : []),
        el('div', { className: 'ca-field-error', 'data-error-for': field.name, role: 'alert' }));
    }
    const save = el('button', { type: 'submit' }, 'Save');
    form.append(el('p', { className: 'ca-field-error ca-form-message', role: 'alert' }),
      el('p', null, save, el('button', { type: 'button', onclick: () => { section.hidden = true; section.replaceChildren(); } }, 'Close')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const values = {};
      settings.fields.forEach((field) => { values[field.name] = valueOf(field, form); });
      save.disabled = true;
      try {
        await call('PUT', path(site.id, 'settings'), { values });
        showErrors(form, {}, '');
        feedback('Settings of ' + (site.name || site.id) + ' saved.', 'ok');
        await load();
      } catch (e) {
        showErrors(form, e.fields, e.message);
        feedback(e.message, 'error');
      } finally {
        save.disabled = false;
      }
    });
    section.replaceChildren(form);
    section.hidden = false;
    form.scrollIntoView({ block: 'start' });
  }

  poll(load, 15000);
})();
