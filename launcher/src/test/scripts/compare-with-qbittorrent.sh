#!/usr/bin/env bash
# Compares Catalogarr's qBittorrent WebAPI with Debian's real qbittorrent-nox, call by call: status codes,
# field names and JSON types (see compare_qbittorrent_api.py). Run as root after `mvn verify`, by hand,
# not in CI: it installs qbittorrent-nox and needs a network namespace.
#
#   sudo launcher/src/test/scripts/compare-with-qbittorrent.sh [REPORT]
#
# Both servers run inside one namespace that has only loopback, so neither reaches the internet: the
# catalogue sites are switched off, and qbittorrent-nox keeps the magnet in metaDL. Both also get one of
# Catalogarr's .torrent files, whose metadata qbittorrent-nox has at once, for torrents/files and
# properties. Differences that are accepted are listed with their reason in qbittorrent-differences.txt;
# any other one fails the run.
set -euo pipefail

scripts="$(cd "$(dirname "$0")" && pwd)"
repo="$(git -C "$scripts" rev-parse --show-toplevel)"
dist="$repo/launcher/target/catalogarr"
# A worktree lies deeper than the main checkout; QBITTORRENT_OFFLINE names the helper there.
offline="${QBITTORRENT_OFFLINE:-$repo/../shared/tools/qbittorrent-nox-offline.sh}"
report="${1:-$repo/launcher/target/qbittorrent-comparison.txt}"
user=sonarr
password=s3cret-compare

fail() { echo "compare-with-qbittorrent: $*" >&2; exit 2; }
(( EUID == 0 )) || fail "run as root: qbittorrent-nox runs in its own network namespace"
[[ -x "$dist/bin/catalogarr" ]] || fail "no distribution at $dist; build it first (mvn -o verify -pl launcher -am)"
[[ -f "$offline" ]] || fail "missing $offline"
command -v qbittorrent-nox >/dev/null || apt-get install -y qbittorrent-nox >/dev/null \
  || fail "apt-get install qbittorrent-nox failed"

work="$(mktemp -d)"
QBT_PID="" NETNS_PID="" catalogarr_pid=""
end() {
  [[ -n "$1" ]] && kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$1" 2>/dev/null || true
}
stop() {
  # Exactly the processes this script started, the servers before their namespace's holder.
  end "$catalogarr_pid"; end "$QBT_PID"; end "$NETNS_PID"
  rm -rf "$work"
}
trap stop EXIT

started="$(bash "$offline" "$work/qbt" 8091 "$user" "$password")" || fail "qbittorrent-nox did not start"
eval "$started"  # NETNS_PID, QBT_PID, URL and NS, the prefix that runs a command inside the namespace

# The shipped defaults with both catalogue sites off and pointed at a closed port: nothing to fetch.
mkdir -p "$work/config"
cp "$dist"/config/*.cfg "$work/config/"
for site in "$work"/config/org.catalogarr.site.*.cfg; do
  sed -i -e 's/^enabled = .*/enabled = false/' -e 's|^base_url = .*|base_url = http://127.0.0.1:9|' \
    -e 's/^plain_http_hosts =.*/plain_http_hosts = 127.0.0.1/' "$site"
done
printf 'username = %s\npassword = %s\n' "$user" "$password" >"$work/config/org.catalogarr.qbit.cfg"
printf 'enclosure = torrent\n' >"$work/config/org.catalogarr.torznab.cfg"

port="$($NS python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# nsenter and bin/catalogarr exec, so $! is the JVM's pid.
CATALOGARR_PORT="$port" CATALOGARR_HOST=127.0.0.1 CATALOGARR_DATA="$work/data" CATALOGARR_CONFIG="$work/config" \
  $NS "$dist/bin/catalogarr" >"$work/catalogarr.out" 2>&1 &
catalogarr_pid=$!
# Up once it answers at all: webapiVersion is 403 without a session, as in qBittorrent.
for _ in $(seq 1 120); do
  $NS python3 -c "
import urllib.error, urllib.request
try:
    urllib.request.urlopen('http://127.0.0.1:$port/api/v2/app/webapiVersion', timeout=1)
except urllib.error.HTTPError:
    pass" 2>/dev/null && break
  kill -0 "$catalogarr_pid" 2>/dev/null || { cat "$work/catalogarr.out" >&2; fail "Catalogarr exited"; }
  sleep 0.5
done

# Two of our own .torrent files from the enclosure link, which needs no catalogue site: Attack on Titan
# S01E01 (the comparer adds it as its magnet) and S01E02 (added as the file), German dub, from AniWorld.
for episode in 1 2; do
  $NS python3 - "http://127.0.0.1:$port/torznab/download?site=aniworld&slug=attack-on-titan&season=1&episode=$episode&lang=german-dub&title=Attack.on.Titan.S01E0$episode.German.1080p.WEB.h264-ANIWORLD" \
    "$work/episode$episode.torrent" <<'PY' || fail "no .torrent from the enclosure link"
import sys, time, urllib.error, urllib.request

class Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):  # a 302 to the magnet: the setting has not arrived yet
        return None

# 404 until the download servlet is registered, a moment after the API answers.

opener = urllib.request.build_opener(Stay)
for _ in range(60):
    try:
        with opener.open(urllib.request.Request(sys.argv[1], headers={"Accept": "application/x-bittorrent"}),
                         timeout=5) as answer:
            if answer.headers.get("Content-Type", "").startswith("application/x-bittorrent"):
                open(sys.argv[2], "wb").write(answer.read())
                sys.exit(0)
    except urllib.error.HTTPError as error:
        if error.code not in (302, 404):
            raise
    time.sleep(0.5)
sys.exit(1)
PY
done

mkdir -p "$(dirname "$report")"
$NS python3 "$scripts/compare_qbittorrent_api.py" "$URL" "http://127.0.0.1:$port" "$user" "$password" \
  "$work/episode1.torrent" "$work/episode2.torrent" "$scripts/qbittorrent-differences.txt" "$report"
