#!/usr/bin/python3
"""alertgate's benchmark harness: measures alertgate side by side with its references (nginx answering 200,
an idle Alertmanager) in one run and prints one markdown table, then the conditions it ran under.
Run it through scripts/bench, which builds alertgate and provides nginx, Alertmanager and wrk.
Progress goes to stderr; the table to stdout.
"""

import argparse
import os
import platform
import signal
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import compare  # noqa: E402
import history  # noqa: E402
import ingest  # noqa: E402
import latency  # noqa: E402
from gateway import Gateway  # noqa: E402
from processes import Processes, free_port, wait_until_ready  # noqa: E402


class Profile:
    """How much to measure; --quick is for trying the harness, not for figures."""

    def __init__(self, quick):
        self.idle_seconds = 10 if quick else 60
        self.startup_runs = 3 if quick else 7
        self.wrk_rounds = 1 if quick else 3
        self.wrk_seconds = 3 if quick else 8
        self.sequential_posts = 50 if quick else 300
        self.repeat_posts = 300 if quick else 3000
        self.latency_samples = 50 if quick else 400
        self.history_events = 100_000 if quick else 1_000_000
        self.history_days = 30
        self.query_runs = 5 if quick else 21


def progress(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# Alertmanager, the reference for memory, idle CPU and start-up.

ALERTMANAGER_CONFIG = """route:
  receiver: alertgate
receivers:
- name: alertgate
  webhook_configs:
  - url: http://127.0.0.1:{port}/api/v1/alertmanager
"""


def start_alertmanager(processes, binary, directory, webhook_port):
    """Alertmanager on loopback, clustering off, its storage in directory; returns (process, seconds to
    ready)."""
    os.makedirs(directory, exist_ok=True)
    config = os.path.join(directory, "alertmanager.yml")
    with open(config, "w", encoding="utf-8") as out:
        out.write(ALERTMANAGER_CONFIG.format(port=webhook_port))
    port = free_port()
    process = processes.start([binary, f"--config.file={config}", f"--storage.path={directory}/data",
                               f"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address="],
                              os.path.join(directory, "log"))
    return process, wait_until_ready(process, port)


# The phases. Each returns a dict of figures.

def measure_idle(run, profile, fakes, while_idle):
    """RSS and CPU over the idle window of alertgate (plain, and with tower, Slack, heartbeat and staleness
    on) and of Alertmanager, all started together; while_idle() runs meanwhile in this process (it does not
    count against theirs)."""
    plain = Gateway(run.processes, run.alertgate, run.dir("idle-plain"))
    full = Gateway(run.processes, run.alertgate, run.dir("idle-full"), fakes.full_ini())
    manager, _ = start_alertmanager(run.processes, run.alertmanager, run.dir("idle-alertmanager"), plain.port)
    watched = {"plain": plain.process, "full": full.process, "alertmanager": manager}
    time.sleep(2)  # past start-up
    cpu_before = {name: p.cpu_seconds() for name, p in watched.items()}
    window_start = time.monotonic()
    while_idle()
    remaining = profile.idle_seconds - (time.monotonic() - window_start)
    if remaining < 0:
        raise RuntimeError(f"the work done meanwhile took longer than the idle window ({profile.idle_seconds} s)")
    time.sleep(remaining)
    window = time.monotonic() - window_start
    result = {"window": window}
    for name, process in watched.items():
        result[f"cpu_{name}"] = (process.cpu_seconds() - cpu_before[name]) / window
        result[f"rss_{name}"] = process.status_kib("VmRSS")
        result[f"anon_{name}"] = process.status_kib("RssAnon")
    for process in watched.values():
        run.processes.stop(process)
    return result


def measure_startup(run, profile, history_db):
    """Seconds from exec to /-/ready answering 200: alertgate on a new store, on the million-event store,
    and Alertmanager."""
    def once(directory, **kwargs):
        gateway = Gateway(run.processes, run.alertgate, directory, **kwargs)
        run.processes.stop(gateway.process)
        return gateway.startup_seconds

    def manager_once(directory):
        process, seconds = start_alertmanager(run.processes, run.alertmanager, directory, free_port())
        run.processes.stop(process)
        return seconds

    runs = profile.startup_runs
    return {
        "fresh": statistics.median(once(run.dir(f"startup-{i}")) for i in range(runs)),
        "big": statistics.median(once(run.dir(f"startup-big-{i}"), db_path=history_db) for i in range(3)),
        "alertmanager": statistics.median(manager_once(run.dir(f"startup-am-{i}")) for i in range(runs)),
        "runs": runs,
    }


def measure_ingest(run, profile):
    gateway = Gateway(run.processes, run.alertgate, run.dir("ingest"))
    nginx = ingest.Nginx(run.processes, run.nginx, run.dir("nginx"))
    sequential = ingest.sequential_bytes_per_webhook(gateway, profile.sequential_posts, first_number=1 << 40)
    result = ingest.measure(gateway, nginx, run.dir("wrk"), profile.wrk_rounds, profile.wrk_seconds)
    result["sequential"] = sequential
    run.processes.stop(gateway.process)
    run.processes.stop(nginx.process)
    return result


class Fakes:
    """The fake tower and the fake Slack (HTTPS, with a CA made for this run)."""

    def __init__(self, run):
        directory = run.dir("fakes")
        self.ca, cert, key = latency.make_test_ca(os.path.join(directory, "ca"))
        self.tower_record = os.path.join(directory, "tower.jsonl")
        self.slack_record = os.path.join(directory, "slack.jsonl")
        _, (self.tower_port, _) = latency.start_fake(run.processes, "patlite_tower.py",
                                                     ["--record", self.tower_record],
                                                     os.path.join(directory, "tower.log"))
        _, (self.slack_port,) = latency.start_fake(
            run.processes, "slack_server.py",
            ["--cert", cert, "--key", key, "--record", self.slack_record], os.path.join(directory, "slack.log"))

    def tower_ini(self):
        return f"[tower]\nprotocol = http\nhost = 127.0.0.1\nport = {self.tower_port}\n"

    def slack_ini(self):
        return (f"[slack]\nwebhook_url = https://localhost:{self.slack_port}/services/T0/B0/bench\n"
                f"ca_file = {self.ca}\n")

    def full_ini(self):
        return (self.tower_ini() + self.slack_ini() +
                "[heartbeat]\ntimeout = 5m\n[alerts]\nstale_after = 12h\n")


def measure_latency(run, profile, fakes):
    floors = {"tower": latency.tower_floor(fakes.tower_port, latency.RecordTail(fakes.tower_record),
                                           profile.latency_samples),
              "slack": latency.slack_floor(fakes.slack_port, fakes.ca, latency.RecordTail(fakes.slack_record),
                                           profile.latency_samples),
              "fsync": ingest.fsync_latencies(run.dir("fsync"), profile.latency_samples)}
    tail = latency.RecordTail(fakes.tower_record)
    tower_gateway = Gateway(run.processes, run.alertgate, run.dir("latency-tower"), fakes.tower_ini())
    tower, answered = latency.tower_latencies(tower_gateway, tail, profile.latency_samples, 1 << 44)
    run.processes.stop(tower_gateway.process)
    slack_gateway = Gateway(run.processes, run.alertgate, run.dir("latency-slack"), fakes.slack_ini())
    slack = latency.slack_latencies(slack_gateway, latency.RecordTail(fakes.slack_record),
                                    profile.latency_samples, 1 << 45)
    run.processes.stop(slack_gateway.process)
    return {"tower": tower, "answered": answered, "slack": slack, "floors": floors}


def build_history_store(run, profile, end_epoch):
    """The daemon creates the store (schema and migrations); SQL fills it."""
    directory = run.dir("history")
    gateway = Gateway(run.processes, run.alertgate, directory)
    run.processes.stop(gateway.process)
    events = history.fill(gateway.db_path, profile.history_events, profile.history_days, end_epoch)
    return gateway.db_path, events


def measure_history(run, profile, db_path, end_epoch):
    gateway = Gateway(run.processes, run.alertgate, run.dir("history-serve"), db_path=db_path)
    since, until = history.day_bounds(end_epoch, profile.history_days // 2)
    day = [("since", since), ("until", until)]
    narrow = day + [("alertname", "BenchAlert05"), ("severity", history.SEVERITIES[5 % 4])]
    result = {"day": day, "narrow": narrow}
    for name, filters in (("day", day), ("narrow", narrow)):
        times, summary = history.time_cli(run.alertgate, gateway.config, filters, profile.query_runs)
        result[f"cli_{name}"], result[f"cli_{name}_summary"] = statistics.median(times), summary
        times, count = history.time_http(gateway, filters, profile.query_runs)
        result[f"http_{name}"], result[f"http_{name}_count"] = statistics.median(times), count
    version_times = []
    for _ in range(profile.query_runs):
        start = time.monotonic()
        subprocess.run([run.alertgate, "--version"], check=True, capture_output=True)
        version_times.append(time.monotonic() - start)
    result["process_start"] = statistics.median(version_times)
    result["db_bytes"] = os.path.getsize(db_path)
    run.processes.stop(gateway.process)
    return result


# The table.

def ms(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


def kib(value):
    return f"{value / 1024:.1f} KiB"


def verdict(met, gap):
    return "yes" if met else f"**no**: {gap}"


def table_rows(profile, idle, startup, load, lat, hist):
    rows = []
    gw, ng = load["alertgate"], load["nginx"]
    ratio = gw["rate"] / ng["rate"]
    rows.append((f"ingest: webhooks/s (wrk -t{load['threads']} -c{load['connections']}, median of "
                 f"{load['rounds']} × {load['seconds']} s)",
                 f"{gw['rate']:,.0f}/s", f"nginx `return 200`: {ng['rate']:,.0f}/s", "ratio ≥ 0.5",
                 verdict(ratio >= 0.5, f"ratio {ratio:.3f}, {0.5 / ratio:.0f}× short") if ratio < 0.5
                 else f"yes: ratio {ratio:.2f}"))
    def wrk_latency(run):
        return " / ".join(f"{run[key] / 1000:.2f}" for key in ("p50_us", "p99_us", "max_us")) + " ms"

    rows.append(("ingest: latency p50 / p99 / max (same runs)", wrk_latency(gw), f"nginx: {wrk_latency(ng)}",
                 "—", "—"))
    def p50_p99(samples):
        return f"{latency.percentile(samples, 50) * 1000:.2f} / {latency.percentile(samples, 99) * 1000:.2f} ms"

    floors = lat["floors"]
    rows.append((f"webhook answered 200, one at a time ({len(lat['answered'])} posts): p50 / p99",
                 p50_p99(lat["answered"]), f"fsync of 4 KiB on this disk: {p50_p99(floors['fsync'])}", "—", "—"))
    for name, key, floor, target in (("tower command", "tower", "GET", 0.002),
                                     ("Slack request", "slack", "HTTPS POST", 0.005)):
        samples = lat[key]
        p99 = latency.percentile(samples, 99)
        rows.append((f"webhook → fake {name}: p50 / p99 ({len(samples)} posts, one at a time)", p50_p99(samples),
                     f"a {floor} from the harness to the same fake: {p50_p99(floors[key])}",
                     f"p99 ≤ {target * 1000:.0f} ms", verdict(p99 <= target, f"p99 {p99 / target:.1f}× the target")))
    rss_ratio = idle["rss_full"] / idle["rss_alertmanager"]
    rows.append(("resident memory, idle: VmRSS (of it anonymous, RssAnon)",
                 f"{mib(idle['rss_full'])} ({mib(idle['anon_full'])}); no outputs: {mib(idle['rss_plain'])} "
                 f"({mib(idle['anon_plain'])})",
                 f"Alertmanager idle: {mib(idle['rss_alertmanager'])} ({mib(idle['anon_alertmanager'])})",
                 "≤ 1/4 of Alertmanager's",
                 f"yes: {rss_ratio:.2f}" if rss_ratio <= 0.25 else verdict(False, f"{rss_ratio:.2f} of it")))
    rows.append(("resident memory, peak under the wrk load", mib(load["peak_rss_kib"]), "—", "—", "—"))
    cpu_full, cpu_plain, cpu_am = (idle[f"cpu_{n}"] * 100 for n in ("full", "plain", "alertmanager"))
    rows.append((f"CPU used while idle ({idle['window']:.0f} s, utime+stime)",
                 f"{cpu_full:.3f} % (no outputs: {cpu_plain:.3f} %)", f"Alertmanager: {cpu_am:.3f} %",
                 "≤ 0.1 %, no polling", verdict(max(cpu_full, cpu_plain) <= 0.1, f"{max(cpu_full, cpu_plain):.3f} %")))
    rows.append((f"start-up to /-/ready 200 (median of {startup['runs']})",
                 f"{ms(startup['fresh'])} (with the {hist['events']:,}-event store: {ms(startup['big'])})",
                 f"Alertmanager: {ms(startup['alertmanager'])}", "—", "—"))
    write_bytes, wchar, growth = load["sequential"]
    rows.append((f"disk writes per webhook, one at a time ({profile.sequential_posts} new alerts)",
                 f"{kib(write_bytes)} (write() calls: {kib(wchar)}; db+WAL growth: {kib(growth)})", "—", "—", "—"))
    rows.append(("disk writes per webhook under the wrk load (group commit)", kib(load["bytes_per_webhook"]),
                 "—", "—", "—"))
    floor = f"`alertgate --version`: {ms(hist['process_start'])}"
    for name, label in (("day", "one day"), ("narrow", "one day + alertname + severity")):
        cli, http = hist[f"cli_{name}"], hist[f"http_{name}"]
        rows.append((f"`alertgate history`, {label}, {hist['events']:,} events (median of {profile.query_runs})",
                     f"{ms(cli)} ({hist[f'cli_{name}_summary']})", floor, "≤ 20 ms",
                     verdict(cli <= 0.020, f"{ms(cli)}")))
        rows.append((f"GET /api/v1/history, {label}", f"{ms(http)} ({hist[f'http_{name}_count']} events)", "—",
                     "≤ 20 ms", verdict(http <= 0.020, f"{ms(http)}")))
    return rows


def print_table(rows):
    print("| metric | alertgate | reference | target | met? |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def machine():
    with open("/proc/cpuinfo", encoding="ascii", errors="replace") as cpuinfo:
        model = next((l.split(":", 1)[1].strip() for l in cpuinfo if l.startswith("model name")), "unknown")
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        total_kib = int(meminfo.readline().split()[1])
    return (f"{os.cpu_count()} CPUs ({model}), {total_kib / 1024 / 1024:.1f} GiB RAM, Linux {platform.release()}, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")


def errors(by_side):
    """wrk's error counts, e.g. "none" or "alertgate: 2 read"."""
    parts = [f"{side}: " + ", ".join(f"{count} {kind}" for kind, count in counts.items() if count)
             for side, counts in by_side.items() if any(counts.values())]
    return "; ".join(parts) or "none"


def print_notes(run, load, hist):
    filesystem = subprocess.run(["df", "--output=fstype", run.work], capture_output=True, text=True).stdout.split()[-1]
    print()
    print(f"- Machine: {machine()}; files on {filesystem}. Shared machines are noisy: compare the ratios.")
    print(f"- Ingest: every request is a new alert (the Alertmanager 0.25 fixture disk-alert-firing, "
          f"{load['body_bytes']} bytes, its fingerprint and instance made unique per request) with a bearer "
          f"token; alertgate answers after its group commit (WAL, synchronous=FULL, fsync). nginx reads and "
          f"discards the same body (checked). {load['alertgate_requests']:,} webhooks stored in "
          f"{load['batch']:.1f} per commit on average; commits ({load['commit_ms']:.2f} ms each) took "
          f"{load['commit_share'] * 100:.0f} % of the writer thread's time. wrk errors: {errors(load['errors'])}.")
    print("- Latency: from the harness sending the POST to the fake receiving the command or message, both "
          "read from CLOCK_MONOTONIC; Slack over HTTPS with a test CA.")
    print(f"- History: store made by the daemon, filled with {hist['events']:,} events over 30 days "
          f"({hist['db_bytes'] / 2**20:,.0f} MiB); filter {' '.join(f'--{n} {v}' for n, v in hist['narrow'])}.")
    print(f"- Command: `bash scripts/bench`; took {time.monotonic() - run.started:.0f} s.")


class Run:
    def __init__(self, args):
        self.work = args.work
        self.alertgate = os.path.abspath(args.alertgate)
        self.nginx = os.path.abspath(args.nginx)
        self.alertmanager = os.path.abspath(args.alertmanager)
        self.processes = Processes()
        self.started = time.monotonic()

    def dir(self, name):
        path = os.path.join(self.work, name)
        os.makedirs(path, exist_ok=True)
        return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("work", "alertgate", "nginx", "alertmanager"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--quick", action="store_true", help="fewer samples, shorter runs: to try the harness")
    parser.add_argument("--old-alertgate", help="the store figures only, this binary (before) beside --alertgate")
    parser.add_argument("--history-events", type=int, help="events in the history store (default 1,000,000)")
    args = parser.parse_args()
    profile = Profile(args.quick)
    if args.history_events is not None:
        profile.history_events = args.history_events
    run = Run(args)
    if args.old_alertgate:
        return compare_main(args, profile, run)

    def interrupted(signum, frame):
        raise SystemExit(f"interrupted by signal {signum}")

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    try:
        fakes = Fakes(run)
        end_epoch = time.time()
        store = {}

        def build_store():
            progress(f"building the {profile.history_events:,}-event history store")
            store["db"], store["events"] = build_history_store(run, profile, end_epoch)

        progress(f"idle window ({profile.idle_seconds} s): alertgate and Alertmanager")
        idle = measure_idle(run, profile, fakes, build_store)
        progress("start-up")
        startup = measure_startup(run, profile, store["db"])
        progress("ingest: disk writes, then wrk against nginx and alertgate")
        load = measure_ingest(run, profile)
        progress("latency: webhook -> tower, webhook -> Slack")
        lat = measure_latency(run, profile, fakes)
        progress("history queries")
        hist = measure_history(run, profile, store["db"], end_epoch)
        hist["events"] = store["events"]
    finally:
        run.processes.stop_all()
    print_table(table_rows(profile, idle, startup, load, lat, hist))
    print_notes(run, load, hist)


def compare_main(args, profile, run):
    """Before and after in one run: the store's figures of two binaries (compare.py)."""
    run.progress = progress
    run.end_epoch = time.time()
    names = ("old", "new")
    try:
        figures = compare.measure(run, profile, [("old", os.path.abspath(args.old_alertgate)),
                                                 ("new", run.alertgate)])
    finally:
        run.processes.stop_all()
    compare.print_table(figures, names, None)
    print(f"\n- Machine: {machine()}. Old: {args.old_alertgate}; new: {run.alertgate}. "
          f"wrk -t2 -c16, {profile.wrk_rounds} × {profile.wrk_seconds} s (median), nginx alternating. "
          f"Alone: {profile.sequential_posts} new alerts, then {profile.repeat_posts} repeats, one at a time. "
          f"Took {time.monotonic() - run.started:.0f} s.")


if __name__ == "__main__":
    main()
