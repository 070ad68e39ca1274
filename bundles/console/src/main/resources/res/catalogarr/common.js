'use strict';
/*
 * What every Catalogarr console page shares: calls to the admin REST API (the console's own login, sent by the
 * browser), plain-words errors instead of raw error pages, feedback lines, DOM building without markup from data
 * (site and job names come from scraped pages), and the formats of sizes, speeds and times.
 */
window.Catalogarr = (() => {
  const API = '/api/catalogarr/v1';

  // The console's frame has no viewport tag, so a phone would lay the page out 980 px wide and shrink it;
  // with it, the pages' narrow layout applies. Phones honour the tag when it is added after loading.
  if (!document.querySelector('meta[name="viewport"]')) {
    document.head.append(Object.assign(document.createElement('meta'), { name: 'viewport', content: 'width=device-width, initial-scale=1' }));
  }

  /** A refused or failed call: its plain sentence, status and the messages per settings field. */
  class ApiError extends Error {
    constructor(message, status, fields) {
      super(message);
      this.status = status;
      this.fields = fields || {};
    }
  }

  async function call(method, path, body) {
    const options = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(API + path, options);
    } catch (e) {
      throw new ApiError('Catalogarr did not answer (' + e.message + '). Is it running?', 0);
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (e) {
        data = null; // an error page of the server, not the API: said below in plain words
      }
    }
    if (!response.ok) {
      const message = data && typeof data.error === 'string' ? data.error
        : response.status === 401 ? 'Not logged in (or the login was refused): reload the page and log in.'
        : 'The request failed with status ' + response.status + '.';
      throw new ApiError(message, response.status, data && data.fields);
    }
    return data;
  }

  /** An element with attributes (on* values are listeners) and children (text or elements). */
  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on')) element.addEventListener(name.substring(2), value);
      else if (name === 'className') element.className = value;
      else element.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      element.append(child instanceof Node ? child : String(child));
    }
    return element;
  }

  /** Shows a message in the page's feedback line; errors stay, others fade after a while. */
  let feedbackTimer;
  function feedback(message, kind) {
    const line = document.getElementById('ca-feedback');
    if (!line) return;
    clearTimeout(feedbackTimer);
    line.dataset.stale = 'false';
    line.className = 'ca-feedback ca-' + (kind || 'info');
    line.textContent = message;
    if (kind !== 'error') feedbackTimer = setTimeout(() => { line.textContent = ''; line.className = 'ca-feedback'; }, 8000);
  }

  /** A list that could not be loaded says so in its table, not only in the feedback line, until a load works. */
  function failed(bodyId, columns, error) {
    feedback(error.message, 'error');
    document.getElementById('ca-feedback').dataset.stale = 'true';
    const body = document.getElementById(bodyId);
    if (body && body.dataset.loaded !== 'true') {
      body.replaceChildren(el('tr', null, el('td', { colspan: columns, className: 'ca-muted' }, 'Could not load: ' + error.message)));
    }
  }

  /** Marks a table as loaded, and clears an error a failed load left in the feedback line. */
  function loaded(bodyId) {
    document.getElementById(bodyId).dataset.loaded = 'true';
    const line = document.getElementById('ca-feedback');
    if (line && line.dataset.stale === 'true') {
      line.textContent = '';
      line.className = 'ca-feedback';
    }
  }

  /** Runs an action of a button: disables it meanwhile, says what happened. */
  async function act(button, action, success) {
    button.disabled = true;
    try {
      const result = await action();
      if (success) feedback(typeof success === 'function' ? success(result) : success, 'ok');
      return result;
    } catch (e) {
      feedback(e.message, 'error');
      return undefined;
    } finally {
      button.disabled = false;
    }
  }

  /** Copies text; the clipboard API needs a secure context (https or localhost), else the older way. */
  async function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return;
    }
    const area = el('textarea', { readonly: true, style: 'position:fixed;left:-9999px' }, text);
    document.body.append(area);
    area.select();
    const done = document.execCommand('copy');
    area.remove();
    if (!done) throw new Error('the browser refused to copy; select the text and copy it by hand');
  }

  function copyButton(label, value) {
    return el('button', {
      type: 'button', 'data-copy': label,
      onclick: async () => {
        try {
          await copy(value());
          feedback(label + ' copied.', 'ok');
        } catch (e) {
          feedback('Could not copy the ' + label + ': ' + e.message, 'error');
        }
      }
    }, 'Copy');
  }

  function bytes(n) {
    if (n === null || n === undefined) return '–';
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let value = n;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (unit === 0 ? value : value.toFixed(1)) + ' ' + units[unit];
  }

  function speed(n) {
    return n ? bytes(n) + '/s' : '–';
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined || seconds < 0) return '–';
    const s = Math.round(seconds);
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
    if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
    return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
  }

  /** "3 min ago" or "in 2 min", with the exact local time as the element's title. */
  function when(iso) {
    if (!iso) return el('span', { className: 'ca-muted' }, 'never');
    const at = new Date(iso);
    const seconds = (at.getTime() - Date.now()) / 1000;
    const text = Math.abs(seconds) < 5 ? 'now' : seconds < 0 ? duration(-seconds) + ' ago' : 'in ' + duration(seconds);
    return el('time', { datetime: iso, title: at.toLocaleString() }, text);
  }

  /** Calls {@code load} now and every {@code millis} after the last call ended, so calls never pile up. */
  function poll(load, millis) {
    let timer;
    const next = async () => {
      try {
        await load();
      } finally {
        timer = setTimeout(next, millis);
      }
    };
    next();
    return () => clearTimeout(timer);
  }

  return { call, ApiError, el, feedback, failed, loaded, act, copy, copyButton, bytes, speed, duration, when, poll };
})();
