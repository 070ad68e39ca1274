#!/usr/bin/env python3
"""Drives the same qBittorrent WebAPI calls against qBittorrent and Catalogarr and compares the answers'
shape: status, media type, JSON field names and JSON types, or the form of a text body. Values differ by
nature (an offline qBittorrent never gets past metaDL for a magnet, nor finds a peer for a .torrent), so
they are not compared.

  compare_qbittorrent_api.py QBT_URL CATALOGARR_URL USER PASSWORD MAGNET_TORRENT FILE_TORRENT ALLOW_LIST REPORT

MAGNET_TORRENT and FILE_TORRENT are two of Catalogarr's .torrent files of different episodes: the first is
added as its magnet, the second as a file, so that both servers also have a torrent with metadata.

Exits 1 when a difference is not in ALLOW_LIST: lines "<difference> | <reason>", # comments; a difference
ending in "*" accepts every difference that starts with what precedes the "*".
"""
import hashlib
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

CATEGORY = "tv-sonarr"
IMPORTED = "tv-sonarr-imported"
UNKNOWN_HASH = "0" * 40
BOUNDARY = "----compare-qbittorrent-api"


class Server:
    def __init__(self, name, base):
        self.name, self.base, self.cookie = name, base.rstrip("/"), ""

    def call(self, method, path, params=None, files=()):
        data = urllib.parse.urlencode(params or {})
        url = f"{self.base}/api/v2/{path}" + (f"?{data}" if method == "GET" and data else "")
        if files:
            request = urllib.request.Request(url, method=method, data=multipart(params or {}, files))
            request.add_header("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")
        else:
            request = urllib.request.Request(url, method=method,
                                             data=data.encode() if method == "POST" else None)
        if method == "POST" and not files:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        if self.cookie:
            request.add_header("Cookie", self.cookie)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


def multipart(params, files):
    """A form as Sonarr sends a .torrent: file parts (field, file name, bytes), then the fields."""
    body = b""
    for field, name, content in files:
        body += (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n").encode() + content + b"\r\n"
    for field, value in params.items():
        body += f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"\r\n\r\n{value}\r\n'.encode()
    return body + f"--{BOUNDARY}--\r\n".encode()


def bdecode(data, at=0):
    """The bencoded value at `at` and the offset after it; dictionaries as {bytes key: value}."""
    kind = data[at:at + 1]
    if kind == b"i":
        end = data.index(b"e", at)
        return int(data[at + 1:end]), end + 1
    if kind in (b"l", b"d"):
        items, at = [], at + 1
        while data[at:at + 1] != b"e":
            item, at = bdecode(data, at)
            items.append(item)
        return (dict(zip(items[::2], items[1::2])) if kind == b"d" else items), at + 1
    colon = data.index(b":", at)
    end = colon + 1 + int(data[at:colon])
    return data[colon + 1:end], end


def infohash(torrent):
    """SHA-1 of the info value's bytes as they stand in the file, as BitTorrent clients take it."""
    at = 1
    while torrent[at:at + 1] != b"e":
        key, at = bdecode(torrent, at)
        start = at
        _, at = bdecode(torrent, at)
        if key == b"info":
            return hashlib.sha1(torrent[start:at]).hexdigest()
    raise SystemExit("a .torrent without an info dictionary")


def magnet_of(torrent):
    """The magnet Catalogarr's feed gives for the episode of one of its .torrent files."""
    top, _ = bdecode(torrent)
    episode = top[b"info"][b"x-catalogarr"]
    params = {"dn": top[b"title"].decode(), "tr": top[b"announce"].decode()}
    params.update({f"x.catalogarr.{key}": str(episode[key.encode()]) if key in ("season", "episode")
                   else episode[key.encode()].decode() for key in ("site", "slug", "season", "episode", "lang")})
    return f"magnet:?xt=urn:btih:{infohash(torrent)}&{urllib.parse.urlencode(params)}"


def json_type(value):
    # bool before int: in Python a bool is an int.
    for python_type, name in ((bool, "boolean"), (int, "integer"), (float, "float"), (str, "string"),
                              (list, "array"), (dict, "object"), (type(None), "null")):
        if isinstance(value, python_type):
            return name


def shape(value, maps, depth, path="", out=None):
    """Field path -> JSON types. Objects keyed by data (hashes, category names) are listed in maps and
    collapse to '*'; array elements merge under '[]'. Empty containers map to {"empty"} too, as nothing
    below them can be compared."""
    out = {} if out is None else out
    out.setdefault(path, set()).add(json_type(value))
    if value in ([], {}):
        out[path].add("empty")
    if depth == 0:
        return out
    prefix = f"{path}." if path else ""
    if isinstance(value, dict):
        for key, item in value.items():
            shape(item, maps, depth - 1, prefix + ("*" if path in maps else key), out)
    elif isinstance(value, list):
        for item in value:
            shape(item, maps, depth - 1, prefix + "[]", out)
    return out


def below_empty(field, fields):
    """Whether a container above this field is empty on the other side."""
    parts = field.split(".")
    return any("empty" in fields.get(".".join(parts[:i]), ()) for i in range(len(parts)))


def text_shape(body):
    for pattern, name in ((r"", "empty"), (r"Ok\.", "Ok."), (r"Fails\.", "Fails."), (r"v\d+\.\d+\.\d+", "v<version>"),
                          (r"\d+\.\d+(\.\d+)?", "<version>"), (r"/.*", "<absolute path>")):
        if re.fullmatch(pattern, body):
            return name
    return "<text>"


def body_shape(headers, body):
    return "JSON" if as_json(headers, body) is not None else text_shape(body)


def media_type(headers):
    return (headers.get("Content-Type") or "").split(";")[0].strip() or "<none>"


def compare(label, reference, candidate, maps=(), depth=99):
    """Differences between two answers (status, headers, body) as stable one-line keys."""
    differences, notes = [], []
    (ref_status, ref_headers, ref_body), (our_status, our_headers, our_body) = reference, candidate
    if ref_status != our_status:
        differences.append(f"{label}: status qbittorrent={ref_status} catalogarr={our_status}")
    if media_type(ref_headers) != media_type(our_headers):
        differences.append(f"{label}: content-type qbittorrent={media_type(ref_headers)} "
                           f"catalogarr={media_type(our_headers)}")
    ref_json, our_json = as_json(ref_headers, ref_body), as_json(our_headers, our_body)
    if ref_json is None or our_json is None:
        if text_shape(ref_body) != text_shape(our_body):
            differences.append(f"{label}: body qbittorrent={text_shape(ref_body)} catalogarr={text_shape(our_body)}")
        return differences, notes
    ref_fields, our_fields = shape(ref_json, set(maps), depth), shape(our_json, set(maps), depth)
    for field in sorted(ref_fields.keys() | our_fields.keys()):
        label_field = field or "<root>"
        if field not in our_fields or field not in ref_fields:
            side, other = ("qbittorrent", our_fields) if field in ref_fields else ("catalogarr", ref_fields)
            if below_empty(field, other):
                notes.append(f"{label}: {label_field} only in {side}, the other side's container is empty")
            else:
                differences.append(f"{label}: only in {side}: {label_field}")
        elif ref_fields[field] - {"empty"} != our_fields[field] - {"empty"}:
            differences.append(f"{label}: type of {label_field} qbittorrent={'|'.join(sorted(ref_fields[field]))} "
                               f"catalogarr={'|'.join(sorted(our_fields[field]))}")
    return differences, notes


def as_json(headers, body):
    if "json" not in media_type(headers) and not body.lstrip().startswith(("{", "[")):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def await_listed(server, hash_):
    """qBittorrent lists a magnet a moment after torrents/add returns; give both the same chance."""
    for _ in range(50):
        status, _, body = server.call("GET", "torrents/info", {"hashes": hash_})
        if status == 200 and json.loads(body):
            return
        time.sleep(0.1)
    raise SystemExit(f"{server.name} never listed {hash_} after torrents/add")


def main():
    if len(sys.argv) != 9:
        raise SystemExit(__doc__)
    qbt_url, our_url, user, password, magnet_torrent, file_torrent, allow_file, report_file = sys.argv[1:]
    with open(magnet_torrent, "rb") as first, open(file_torrent, "rb") as second:
        magnet, torrent = magnet_of(first.read()), second.read()
    hash_ = re.search(r"btih:([0-9a-f]{40})", magnet).group(1)
    file_hash = infohash(torrent)
    file_name = bdecode(torrent)[0][b"title"].decode() + ".torrent"
    servers = [Server("qbittorrent", qbt_url), Server("catalogarr", our_url)]
    rids = {}
    calls_seen = []

    def both(label, method, path, params=None, maps=(), depth=99, files=()):
        answers = []
        for server in servers:
            call_params = params(server) if callable(params) else params
            answers.append(server.call(method, path, call_params, files))
        calls_seen.append(f"{label}: " + ", ".join(f"{server.name} {status} {body_shape(headers, body)}"
                                                    for server, (status, headers, body) in zip(servers, answers)))
        return compare(label, *answers, maps=maps, depth=depth), answers

    results = [both("torrents/info without a session", "GET", "torrents/info")[0],
               both("app/webapiVersion without a session", "GET", "app/webapiVersion")[0],
               both("app/version without a session", "GET", "app/version")[0],
               both("auth/logout without a session", "POST", "auth/logout")[0],
               both("torrents/tags without a session", "GET", "torrents/tags")[0],
               both("auth/login wrong password", "POST", "auth/login", {"username": user, "password": "wrong"})[0]]

    login, answers = both("auth/login", "POST", "auth/login", {"username": user, "password": password})
    for server, (_, headers, _) in zip(servers, answers):
        sid = re.match(r"(SID=[^;]+)", headers.get("Set-Cookie") or "")
        if not sid:
            raise SystemExit(f"{server.name} set no SID cookie on login: {headers.get('Set-Cookie')}")
        server.cookie = sid.group(1)
    results.append(login)

    def maindata_rid(server):
        return {"rid": rids[server.name]}

    calls = [
        ("app/version", "GET", "app/version", None),
        ("app/webapiVersion", "GET", "app/webapiVersion", None),
        ("app/buildInfo", "GET", "app/buildInfo", None),
        ("app/preferences", "GET", "app/preferences", None),
        ("app/defaultSavePath", "GET", "app/defaultSavePath", None),
        ("GET on POST-only torrents/delete", "GET", "torrents/delete", {"hashes": UNKNOWN_HASH}),
        ("torrents/createCategory", "POST", "torrents/createCategory", {"category": CATEGORY}),
        ("torrents/createCategory existing", "POST", "torrents/createCategory", {"category": CATEGORY}),
        ("torrents/createCategory empty", "POST", "torrents/createCategory", {"category": ""}),
        (f"torrents/createCategory {IMPORTED}", "POST", "torrents/createCategory", {"category": IMPORTED}),
        ("torrents/categories", "GET", "torrents/categories", None, {""}),
        ("torrents/tags none", "GET", "torrents/tags", None),
        ("torrents/createTags", "POST", "torrents/createTags", {"tags": "b, a ,,Ünï cødé, "}),
        ("torrents/createTags existing", "POST", "torrents/createTags", {"tags": "a"}),
        ("torrents/createTags empty", "POST", "torrents/createTags", {"tags": ""}),
        ("torrents/createTags without tags", "POST", "torrents/createTags", {}),
        ("GET on POST-only torrents/createTags", "GET", "torrents/createTags", {"tags": "c"}),
        ("torrents/deleteTags", "POST", "torrents/deleteTags", {"tags": "b,never-created"}),
        ("torrents/deleteTags without tags", "POST", "torrents/deleteTags", {}),
        ("torrents/tags", "GET", "torrents/tags", None),
        ("sync/maindata rid=0", "GET", "sync/maindata", {"rid": 0}, {"torrents", "categories", "trackers"}),
        ("torrents/add", "POST", "torrents/add", {"urls": magnet, "category": CATEGORY}),
    ]
    after_add = [
        ("torrents/info", "GET", "torrents/info", None),
        ("torrents/info category", "GET", "torrents/info", {"category": CATEGORY}),
        ("torrents/properties", "GET", "torrents/properties", {"hash": hash_}),
        ("torrents/properties unknown hash", "GET", "torrents/properties", {"hash": UNKNOWN_HASH}),
        ("torrents/files", "GET", "torrents/files", {"hash": hash_}),
        ("torrents/files unknown hash", "GET", "torrents/files", {"hash": UNKNOWN_HASH}),
        # Only the delta's top-level keys: which torrent fields changed in between depends on timing.
        ("sync/maindata delta", "GET", "sync/maindata", maindata_rid, (), 1),
        ("transfer/info", "GET", "transfer/info", None),
        ("torrents/setCategory", "POST", "torrents/setCategory", {"hashes": hash_, "category": IMPORTED}),
        ("torrents/setCategory unknown", "POST", "torrents/setCategory", {"hashes": hash_, "category": "nope"}),
        ("torrents/setShareLimits", "POST", "torrents/setShareLimits",
         {"hashes": hash_, "ratioLimit": "2", "seedingTimeLimit": "-2", "inactiveSeedingTimeLimit": "-2"}),
        ("torrents/setShareLimits bad ratio", "POST", "torrents/setShareLimits",
         {"hashes": hash_, "ratioLimit": "lots", "seedingTimeLimit": "-2"}),
        ("torrents/topPrio", "POST", "torrents/topPrio", {"hashes": hash_}),
        ("torrents/setForceStart", "POST", "torrents/setForceStart", {"hashes": hash_, "value": "true"}),
        ("torrents/addTags", "POST", "torrents/addTags", {"hashes": hash_, "tags": "a,b"}),
        ("torrents/addTags without tags", "POST", "torrents/addTags", {"hashes": hash_}),
        ("torrents/info after limits, priority and tags", "GET", "torrents/info", {"hashes": hash_}),
        ("torrents/deleteTags of a torrent", "POST", "torrents/deleteTags", {"tags": "a"}),
        ("torrents/info after deleteTags", "GET", "torrents/info", {"hashes": hash_}),
        ("torrents/tags after deleteTags", "GET", "torrents/tags", None),
        ("torrents/pause", "POST", "torrents/pause", {"hashes": hash_}),
        ("torrents/resume", "POST", "torrents/resume", {"hashes": hash_}),
        ("torrents/delete", "POST", "torrents/delete", {"hashes": hash_, "deleteFiles": "false"}),
        ("torrents/info after delete", "GET", "torrents/info", {"hashes": hash_}),
    ]
    # A torrent with metadata: its files and properties are what a magnet offline never gets to.
    with_file = [
        ("torrents/add torrent file", "POST", "torrents/add", {"category": CATEGORY}, (), 99,
         [("torrents", file_name, torrent)]),
        ("torrents/info torrent file", "GET", "torrents/info", {"hashes": file_hash}),
        ("torrents/properties torrent file", "GET", "torrents/properties", {"hash": file_hash}),
        ("torrents/files torrent file", "GET", "torrents/files", {"hash": file_hash}),
        ("torrents/add not a torrent file", "POST", "torrents/add", {}, (), 99,
         [("torrents", "broken.torrent", b"<html>404 Not Found</html>")]),
        ("torrents/delete torrent file", "POST", "torrents/delete", {"hashes": file_hash, "deleteFiles": "true"}),
    ]
    for label, method, path, params, *rest in calls + after_add + with_file:
        if label in ("torrents/info", "torrents/info torrent file"):
            for server in servers:
                await_listed(server, hash_ if label == "torrents/info" else file_hash)
        maps = rest[0] if rest else ()
        depth = rest[1] if len(rest) > 1 else 99
        files = rest[2] if len(rest) > 2 else ()
        result, answers = both(label, method, path, params, maps=maps, depth=depth, files=files)
        result[0].extend(same_values(label, answers))
        if label == "sync/maindata rid=0":
            for server, (_, _, body) in zip(servers, answers):
                rids[server.name] = json.loads(body)["rid"]
        results.append(result)

    differences = [d for found, _ in results for d in found]
    notes = [n for _, found in results for n in found]
    allowed = read_allow_list(allow_file)
    reasons = {d: reason_for(d, allowed) for d in differences}
    unexpected = [d for d in differences if reasons[d] is None]
    stale = sorted(a for a in allowed if not any(matches(a, d) for d in differences))
    lines = [f"qBittorrent {qbt_url} vs Catalogarr {our_url}: {len(differences)} differences, "
             f"{len(differences) - len(unexpected)} allowed, {len(unexpected)} unexpected", ""]
    lines += [f"UNEXPECTED {d}" for d in unexpected]
    lines += [f"allowed    {d}  ({reasons[d]})" for d in differences if reasons[d] is not None]
    lines += [f"note       {n}" for n in notes]
    lines += [f"stale      {s}  (allowed, but not seen)" for s in stale]
    lines += ["", f"{len(calls_seen)} calls:"] + [f"  {c}" for c in calls_seen]
    report = "\n".join(lines) + "\n"
    with open(report_file, "w", encoding="utf-8") as out:
        out.write(report)
    print(report, end="")
    return 1 if unexpected else 0


# Answers whose values, not only their shape, must agree: the tags are the same names on both servers.
VALUES = {
    "torrents/tags": lambda answer: sorted(answer),
    "torrents/tags after deleteTags": lambda answer: sorted(answer),
    "torrents/info after deleteTags": lambda answer: [t["tags"] for t in answer],
}


def same_values(label, answers):
    if label not in VALUES:
        return []
    values = []
    for _, headers, body in answers:
        parsed = as_json(headers, body)
        values.append(None if parsed is None else VALUES[label](parsed))
    if values[0] == values[1]:
        return []
    return [f"{label}: values qbittorrent={values[0]} catalogarr={values[1]}"]


def matches(accepted, difference):
    if accepted.endswith("*"):
        return difference.startswith(accepted[:-1])
    return difference == accepted


def reason_for(difference, allowed):
    return next((reason for accepted, reason in allowed.items() if matches(accepted, difference)), None)


def read_allow_list(path):
    allowed = {}
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            difference, _, reason = line.partition(" | ")
            if not reason.strip():
                raise SystemExit(f"{path}:{number}: an accepted difference needs ' | <reason>'")
            allowed[difference.strip()] = reason.strip()
    return allowed


if __name__ == "__main__":
    sys.exit(main())
