// The search page: upload or drop an image, see the look-alikes, click one to search from it.
// Clicks, likes, impressions and dwell time go to /api/interactions under a user id kept in a
// cookie. Everything is rendered with textContent, never innerHTML: ids and file names are data.
'use strict';

const USER_COOKIE = 'vs_user';
const K = 12;

const user = userId();
let viewing = null; // {id, since, queryId}: the item whose look-alikes are shown, for dwell time
let queryId = null; // the queryId of the results on the page: interactions with them name it

function userId() {
  const match = document.cookie.match(/(?:^|;\s*)vs_user=([^;]+)/);
  if (match) {
    return decodeURIComponent(match[1]);
  }
  const id = 'u-' + (crypto.randomUUID ? crypto.randomUUID()
      : Math.random().toString(36).slice(2) + Date.now().toString(36));
  document.cookie = USER_COOKIE + '=' + encodeURIComponent(id)
      + '; Path=/; Max-Age=31536000; SameSite=Lax';
  return id;
}

async function api(url, options) {
  const response = await fetch(url, options);
  let body;
  try {
    body = await response.json();
  } catch (e) {
    body = {error: 'the server answered ' + response.status + ' without JSON'};
  }
  if (!response.ok) {
    throw new Error(body.error || ('HTTP ' + response.status));
  }
  return body;
}

function record(interactions) {
  // keepalive lets the last dwell time reach the server while the page unloads.
  return fetch('/api/interactions', {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(interactions),
    keepalive: true,
  }).catch(() => {});
}

function interaction(image, type, extra) {
  const event = {user: user, image: image, type: type, timestamp: new Date().toISOString()};
  if (queryId) {
    event.queryId = queryId;
  }
  return Object.assign(event, extra || {});
}

function endDwell() {
  if (viewing) {
    const ms = Math.max(0, Math.round(performance.now() - viewing.since));
    record([interaction(viewing.id, 'dwell', {dwellMs: ms, queryId: viewing.queryId})]);
    viewing = null;
  }
}

function showError(message) {
  const error = document.getElementById('error');
  error.textContent = message;
  error.hidden = !message;
}

function showQuery(src, label) {
  document.getElementById('query').hidden = false;
  document.getElementById('query-image').src = src;
  document.getElementById('query-label').textContent = label;
}

function setStatus(text) {
  document.getElementById('status').textContent = text;
}

function render(answer) {
  queryId = answer.queryId;
  const grid = document.getElementById('results');
  grid.replaceChildren();
  answer.results.forEach(hit => {
    const card = document.createElement('article');
    card.className = 'result';
    card.dataset.id = hit.id;

    const open = document.createElement('button');
    open.className = 'open';
    open.title = 'More like ' + hit.id;
    const img = document.createElement('img');
    img.src = hit.thumbnail;
    img.alt = hit.id;
    open.append(img);
    open.addEventListener('click', () => openItem(hit));

    const meta = document.createElement('div');
    meta.className = 'meta';
    const score = document.createElement('span');
    score.className = 'score';
    score.textContent = hit.score.toFixed(3);
    if (answer.personalized) {
      score.title = 'visual ' + hit.visual.toFixed(3) + ' + taste ' + hit.taste.toFixed(3)
          + ' + engagement ' + hit.engagement.toFixed(3);
    }
    const id = document.createElement('span');
    id.className = 'id';
    id.textContent = hit.id;
    id.title = hit.metadata.path || hit.id;
    const like = document.createElement('button');
    like.className = 'like';
    like.textContent = '♥';
    like.title = 'Like';
    like.setAttribute('aria-label', 'Like ' + hit.id);
    like.addEventListener('click', () => {
      like.classList.add('liked');
      record([interaction(hit.id, 'like')]);
    });
    meta.append(score, id, like);
    card.append(open, meta);
    grid.append(card);
  });
  setStatus(answer.results.length + ' results in ' + answer.tookMs.toFixed(1) + ' ms');
  if (answer.results.length > 0) {
    record(answer.results.map(hit => interaction(hit.id, 'impression')));
  }
}

async function openItem(hit) {
  endDwell();
  showError('');
  // The click is recorded before the next search starts, so it is never lost to a slow search.
  await record([interaction(hit.id, 'click')]);
  const clickedIn = queryId;
  showQuery(hit.thumbnail, 'More like ' + hit.id);
  setStatus('Searching…');
  try {
    const answer = await api('/api/similar/' + encodeURIComponent(hit.id) + '?k=' + K);
    viewing = {id: hit.id, since: performance.now(), queryId: clickedIn};
    render(answer);
  } catch (e) {
    setStatus('');
    showError(e.message);
  }
}

async function searchFile(file) {
  endDwell();
  showError('');
  showQuery(URL.createObjectURL(file), 'Look-alikes of ' + file.name);
  setStatus('Searching…');
  const form = new FormData();
  form.append('image', file, file.name);
  try {
    render(await api('/api/search?k=' + K, {method: 'POST', body: form}));
  } catch (e) {
    setStatus('');
    document.getElementById('results').replaceChildren();
    showError(e.message);
  }
}

function setUp() {
  const input = document.getElementById('file');
  input.addEventListener('change', () => {
    if (input.files.length > 0) {
      searchFile(input.files[0]);
    }
  });
  const drop = document.getElementById('drop');
  drop.addEventListener('dragover', event => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', event => {
    event.preventDefault();
    drop.classList.remove('over');
    if (event.dataTransfer.files.length > 0) {
      searchFile(event.dataTransfer.files[0]);
    }
  });
  window.addEventListener('pagehide', endDwell);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      endDwell();
    }
  });
  api('/api/info').then(info => {
    document.getElementById('info').textContent =
        info.size + ' images · ' + info.indexKind + ' index · ' + info.dimension + '-d ' + info.metric;
  }).catch(e => showError(e.message));
}

setUp();
