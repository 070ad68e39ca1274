#!/usr/bin/env python3
"""Start-up profile of one start of the distribution (issue 12), from what startup-bench's PROFILE mode records.

Usage: startup-profile.py CLASS_LOG [JFR_FILE] [READY_MS]

CLASS_LOG is written by -Xlog:class+load:file=...:uptime. For each part of the stack it prints when its first
and last class was loaded (seconds since the JVM started), how many classes it loaded and how many of those did
not come from the class-data-sharing archive. With JFR_FILE (a recording of the same start,
-XX:StartFlightRecording) it also prints where the Java threads spent their CPU samples, by the same parts and
by the outermost Catalogarr frame (which component's activation or request asked for the work).
"""
import collections
import re
import subprocess
import sys

# The parts, first match wins: packages of a class, or of a stack frame.
PARTS = [
    ("Felix framework, resolver", r"org\.apache\.felix\.(framework|main|resolver)\b|org\.osgi\.framework"),
    ("SPI Fly weaving (ASM)", r"org\.apache\.aries\.spifly|org\.objectweb\.asm"),
    ("logging (logback, slf4j, XML)", r"ch\.qos\.logback|org\.slf4j|com\.sun\.org\.apache\.xerces|org\.apache\.felix\.log\b"),
    ("SCR", r"org\.apache\.felix\.scr"),
    ("Config Admin, Metatype", r"org\.apache\.felix\.(cm|metatype)"),
    ("Event Admin", r"org\.apache\.felix\.eventadmin"),
    ("FileInstall", r"org\.apache\.felix\.fileinstall"),
    ("Jetty, HTTP whiteboard", r"org\.eclipse\.jetty|org\.apache\.felix\.http|jakarta\.servlet"),
    ("Web Console, console", r"org\.apache\.felix\.(webconsole|inventory)|org\.catalogarr\.console"),
    ("Jackson", r"com\.fasterxml"),
    ("Derby", r"org\.apache\.derby"),
    ("TLS, HTTP client", r"sun\.security|javax\.net\.ssl|jdk\.internal\.net\.http|java\.net\.http"),
    ("jsoup", r"org\.jsoup"),
    ("Catalogarr sites", r"org\.catalogarr\.(site|catalogue)"),
    ("Catalogarr hosters", r"org\.catalogarr\.hoster"),
    ("Catalogarr core, settings", r"org\.catalogarr\.(core|settings)"),
    ("JFR itself", r"jdk\.jfr"),
]


def part(name):
    for label, pattern in PARTS:
        if re.match(pattern, name):
            return label
    return None


def classes(path):
    first, last, count, loaded = {}, {}, collections.Counter(), collections.Counter()
    total = archived = 0
    line_pattern = re.compile(r"^\[([0-9.]+)s\]\s+(\S+) source: (.*)$")
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = line_pattern.match(line.strip())
            if not match:
                continue
            seconds, name, source = float(match.group(1)), match.group(2), match.group(3)
            total += 1
            shared = source.startswith("shared objects file")
            archived += shared
            label = part(name) or "JDK and other"
            first.setdefault(label, seconds)
            last[label] = seconds
            count[label] += 1
            if not shared:
                loaded[label] += 1
    print(f"Classes: {total}, {archived} from the class-data-sharing archive")
    print("| part | first class (s) | last class (s) | classes | not from the archive |")
    print("|---|---|---|---|---|")
    for label in sorted(first, key=first.get):
        print(f"| {label} | {first[label]:.2f} | {last[label]:.2f} | {count[label]} | {loaded[label]} |")


def samples(path):
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", path],
                          capture_output=True, text=True, check=True).stdout
    events = text.split("jdk.ExecutionSample {")[1:]
    by_part, by_thread, by_component = collections.Counter(), collections.Counter(), collections.Counter()
    for event in events:
        frames = re.findall(r"^\s+([\w$.<>]+)\([^)]*\)\s+line:", event, re.M)
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        by_thread[re.sub(r"\d+", "N", thread.group(1) if thread else "?")] += 1
        # The innermost frame that belongs to a part: who does the work.
        by_part[next((part(f) for f in frames if part(f)), "JDK and other")] += 1
        # The outermost Catalogarr frame: which component or request asked for it.
        ours = [f for f in frames if f.startswith("org.catalogarr.")]
        if ours:
            by_component[ours[-1].rsplit(".", 1)[0] + "." + ours[-1].rsplit(".", 1)[1]] += 1
    n = max(len(events), 1)
    print(f"\nJFR CPU samples of Java code: {len(events)}")
    print("| part (innermost frame) | samples | share |")
    print("|---|---|---|")
    for label, value in by_part.most_common():
        print(f"| {label} | {value} | {100 * value / n:.0f} % |")
    print("\n| thread | samples |")
    print("|---|---|")
    for label, value in by_thread.most_common(8):
        print(f"| {label} | {value} |")
    print("\n| outermost Catalogarr frame | samples |")
    print("|---|---|")
    for label, value in by_component.most_common(12):
        print(f"| {label} | {value} |")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if len(sys.argv) > 3:
        print(f"Ready {int(sys.argv[3]) / 1000:.2f} s after the start script began.")
    classes(sys.argv[1])
    if len(sys.argv) > 2 and sys.argv[2]:
        samples(sys.argv[2])


if __name__ == "__main__":
    main()
