// The status page: polls the JSON API once a second and redraws. Every text that comes from an alert
// (labels, annotations, names) is put in with textContent, never as markup: labels are hostile.
'use strict';

const LAMPS = ['red', 'yellow', 'green', 'blue', 'white'];
const MODES = { '0': 'off', '1': 'on', '2': 'flash', '3': 'flash2' };
const POLL_MS = 1000;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function sevClass(severity) {
  return /^[a-z]+$/.test(severity || '') ? 'sev-' + severity : 'sev-other';
}

async function getJson(path) {
  const response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
  return response.json();
}

function since(time, now) {
  const ms = now - Date.parse(time);
  if (!isFinite(ms)) return '';
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min';
  if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
}

function labelText(labels) {
  return Object.keys(labels || {}).filter((k) => k !== 'alertname' && k !== 'severity')
    .map((k) => k + '=' + labels[k]).join('  ');
}

function summaryOf(alert) {
  const a = alert.annotations || {};
  return a.summary || a.description || alert.alertname || alert.fingerprint;
}

function drawTower(signals, alerts) {
  const digits = signals.enabled ? signals.tower.desired : '000000';
  LAMPS.forEach((lamp, i) => {
    const node = document.querySelector('.lamp[data-lamp="' + lamp + '"]');
    const mode = MODES[digits.charAt(i)] || 'off';
    node.className = 'lamp ' + mode;
    node.dataset.mode = mode;
    node.title = lamp + ': ' + mode;
  });
  const state = document.getElementById('tower-state');
  if (!signals.enabled) state.textContent = 'no tower or buzzer configured';
  else if (!signals.tower.configured) state.textContent = 'no tower configured (shown: what it would light)';
  else state.textContent = 'tower ' + (signals.tower.up ? 'up' : 'down') +
    (signals.tower.lastError ? ': ' + signals.tower.lastError : '');

  // Why: for each lit lamp, the alerts lighting it.
  const why = document.getElementById('why');
  clear(why);
  const byFingerprint = new Map(alerts.map((a) => [a.fingerprint, a]));
  const lamps = signals.severityLamps || {};
  LAMPS.forEach((lamp, i) => {
    if ((digits.charAt(i) || '0') === '0') return;
    const li = el('li');
    li.appendChild(el('span', 'lampname', lamp + ': '));
    const names = [];
    (signals.lighting || []).forEach((fp) => {
      const alert = byFingerprint.get(fp);
      if (alert && (lamps[alert.severity] || '0').charAt(i) !== '0')
        names.push(alert.alertname + ' ' + (alert.labels.instance || '') + ' (' + alert.severity + ')');
    });
    if (signals.blind) names.push('heartbeat lost (monitoring is blind)');
    li.appendChild(el('span', null, names.join(', ') || '—'));
    why.appendChild(li);
  });
}

function drawAlerts(alerts, signals, now) {
  const order = ['critical', 'warning', 'alert', 'info'];
  const rank = (s) => { const r = order.indexOf(s); return r < 0 ? order.length : r; };
  const sorted = alerts.slice().sort((a, b) => rank(a.severity) - rank(b.severity) ||
    Date.parse(b.firstSeenAt) - Date.parse(a.firstSeenAt));
  const lighting = new Set(signals.lighting || []);
  const box = document.getElementById('alerts');
  clear(box);
  document.getElementById('alert-count').textContent = '(' + alerts.length + ')';
  if (alerts.length === 0) box.appendChild(el('div', 'ok', 'Nothing is firing.'));
  sorted.forEach((alert) => {
    const card = el('div', 'alert ' + sevClass(alert.severity));
    card.dataset.fingerprint = alert.fingerprint;
    card.appendChild(el('div', 'summary', summaryOf(alert)));
    const meta = el('div', 'meta');
    meta.appendChild(el('span', 'badge ' + sevClass(alert.severity), alert.severity || 'none'));
    meta.appendChild(el('span', null, alert.alertname + ' · firing for ' + since(alert.startsAt, now) +
      (lighting.has(alert.fingerprint) ? ' · lights the tower' : '') +
      (alert.suppressed ? ' · ' + alert.suppressed + ' in Alertmanager' : '')));
    card.appendChild(meta);
    card.appendChild(el('div', 'labels', labelText(alert.labels)));
    box.appendChild(card);
  });
}

function drawHealth(signals, channels, now) {
  const hb = document.getElementById('heartbeat');
  clear(hb);
  if (signals.enabled) {
    const seen = !!signals.heartbeatLastSeen;
    hb.appendChild(el('span', signals.blind ? 'blind' : seen ? 'ok' : 'muted',
      signals.blind ? 'BLIND: heartbeat lost' : seen ? 'OK' : 'no heartbeat seen yet'));
    if (seen) hb.appendChild(el('div', 'muted', 'last seen ' + since(signals.heartbeatLastSeen, now) + ' ago'));
  } else hb.appendChild(el('span', 'muted', 'not monitored'));
  const buzzer = document.getElementById('buzzer');
  buzzer.textContent = !signals.enabled ? '—'
    : signals.silenced ? 'silenced'
    : signals.buzzerPattern ? 'sounding: ' + signals.buzzerPattern : 'quiet';
  const list = document.getElementById('channels');
  clear(list);
  if (channels.length === 0) list.appendChild(el('li', 'muted', 'no channel configured'));
  channels.forEach((c) => {
    const li = el('li');
    li.dataset.channel = c.channel;
    li.appendChild(el('span', 'lampname', c.channel + ': '));
    li.appendChild(el('span', c.dead > 0 ? 'error' : (c.pending > 0 ? null : 'ok'),
      c.pending + ' pending, ' + c.dead + ' dead'));
    if (c.lastError) li.appendChild(el('div', 'labels', 'last error: ' + c.lastError));
    list.appendChild(li);
  });
}

function historyQuery() {
  const params = new URLSearchParams({ limit: '50', since: document.getElementById('f-since').value });
  const status = document.getElementById('f-status').value;
  const severity = document.getElementById('f-severity').value.trim();
  const alertname = document.getElementById('f-alertname').value.trim();
  if (status) params.set('status', status);
  if (severity) params.set('severity', severity);
  if (alertname) params.set('alertname', alertname);
  return '/api/v1/history?' + params.toString();
}

function drawHistory(events) {
  const body = document.querySelector('#history tbody');
  clear(body);
  events.slice().reverse().forEach((e) => {
    const tr = el('tr');
    tr.dataset.status = e.status;
    tr.appendChild(el('td', null, (e.at || '').replace('T', ' ').replace(/\.\d+Z$/, 'Z')));
    tr.appendChild(el('td', null, e.status + (e.reason && e.reason !== 'notified' ? ' (' + e.reason + ')' : '')));
    tr.appendChild(el('td', null, e.severity));
    tr.appendChild(el('td', null, e.status === 'silenced'
      ? ((e.annotations && e.annotations.comment) || 'silence') : e.alertname));
    tr.appendChild(el('td', 'labels', labelText(e.labels)));
    body.appendChild(tr);
  });
}

let busy = false;
async function refresh() {
  if (busy) return;
  busy = true;
  const error = document.getElementById('error');
  try {
    const [signals, alerts, channels, history] = await Promise.all([
      getJson('/api/v1/signals'), getJson('/api/v1/alerts'), getJson('/api/v1/channels'), getJson(historyQuery())]);
    const now = Date.now();
    drawTower(signals, alerts);
    drawAlerts(alerts, signals, now);
    drawHealth(signals, channels, now);
    drawHistory(history);
    document.getElementById('silence').disabled = !!signals.silenced;
    document.getElementById('updated').textContent = 'updated ' + new Date(now).toLocaleTimeString();
    error.hidden = true;
    document.body.dataset.ready = 'true';
  } catch (e) {
    error.textContent = String(e.message || e);
    error.hidden = false;
  } finally {
    busy = false;
  }
}

async function silence() {
  const button = document.getElementById('silence');
  button.disabled = true;
  try {
    const response = await fetch('/api/v1/silence', {
      method: 'POST', credentials: 'same-origin',
      // X-Requested-By: the API's defence against cross-site requests; a form on another site cannot send it.
      headers: { 'Content-Type': 'application/json', 'X-Requested-By': 'alertgate-status-page' },
      body: JSON.stringify({ by: 'status page' })
    });
    if (!response.ok) throw new Error('silence: HTTP ' + response.status);
  } catch (e) {
    const error = document.getElementById('error');
    error.textContent = String(e.message || e);
    error.hidden = false;
  }
  refresh();
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('silence').addEventListener('click', silence);
  ['f-since', 'f-status', 'f-severity', 'f-alertname'].forEach((id) =>
    document.getElementById(id).addEventListener('change', refresh));
  refresh();
  setInterval(refresh, POLL_MS);
});
