// Sonarr's grab-poll-remove flow, driven by @ctrl/qbittorrent instead of our own HTTP code, so the shim is
// judged by a client whose authors never saw it.
//
//   node qbit-flow.mjs BASE_URL USER PASSWORD MAGNET
//
// Exits 0 when the flow works, 1 with the reason on stderr otherwise.
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { QBittorrent } from '@ctrl/qbittorrent';

const CATEGORY = 'tv-sonarr';
const COMPLETION_TIMEOUT_MS = 120_000;

const [baseUrl, username, password, magnet] = process.argv.slice(2);
if (!magnet) {
  fail('usage: node qbit-flow.mjs BASE_URL USER PASSWORD MAGNET');
}
const hash = magnet.match(/xt=urn:btih:([0-9a-fA-F]{40})/)?.[1]?.toLowerCase()
  ?? fail(`no hex btih in the magnet: ${magnet}`);

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

function check(condition, message) {
  if (!condition) {
    fail(message);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function awaitCompletion(client) {
  const deadline = Date.now() + COMPLETION_TIMEOUT_MS;
  let torrent;
  while (Date.now() < deadline) {
    // getTorrent throws "Torrent not found" when torrents/info misses the hash: Sonarr needs it at once too.
    torrent = await client.getTorrent(hash);
    if (torrent.isCompleted && torrent.state === 'seeding') {
      return torrent;
    }
    await sleep(500);
  }
  fail(`not complete after ${COMPLETION_TIMEOUT_MS} ms; last seen: ${JSON.stringify(torrent)}`);
}

async function main() {
  const client = new QBittorrent({ baseUrl, username, password, timeout: 10_000 });

  const version = await client.getAppVersion();
  const apiVersion = await client.getApiVersion();
  console.log(`app/version ${version}, webapiVersion ${apiVersion}`);
  check(/^v\d+\.\d+\.\d+$/.test(version), `app/version is not v<major>.<minor>.<patch>: ${version}`);
  check(/^\d+\.\d+(\.\d+)?$/.test(apiVersion), `webapiVersion is not a bare version: ${apiVersion}`);

  await client.createCategory(CATEGORY);
  check(CATEGORY in await client.getCategories(), `category ${CATEGORY} missing after createCategory`);

  await client.addMagnet(magnet, { category: CATEGORY });
  const listed = await client.listTorrents({ category: CATEGORY });
  check(listed.some((t) => t.hash === hash), `torrents/info?category=${CATEGORY} lacks ${hash} right after the add`);

  const done = await awaitCompletion(client);
  console.log(`completed: ${JSON.stringify({ ...done, raw: undefined })}`);
  check(done.id === hash, `id ${done.id} is not the magnet's btih ${hash}`);
  check(typeof done.name === 'string' && done.name.length > 0, `empty name`);
  check(done.progress === 1, `progress ${done.progress} is not 1`);
  check(done.label === CATEGORY, `label ${done.label} is not ${CATEGORY}`);
  check(isAbsolute(done.savePath ?? ''), `savePath ${done.savePath} is not absolute`);
  check(Number.isInteger(done.totalSize) && done.totalSize > 0, `totalSize ${done.totalSize} is not a positive integer`);
  check(done.eta === 0, `eta ${done.eta} of a completed torrent is not 0`);
  const contentPath = done.raw.content_path;
  check(contentPath !== done.savePath && existsSync(contentPath), `content_path ${contentPath} is not a file of its own`);

  await client.removeTorrent(hash, true);
  check((await client.listTorrents({ hashes: hash })).length === 0, `${hash} still listed after removeTorrent`);
  check(!existsSync(contentPath), `${contentPath} still exists after removeTorrent with deleteFiles`);
  console.log('OK');
}

main().catch((error) => fail(`${error.message}${error.data ? ` (body: ${JSON.stringify(error.data)})` : ''}`));
