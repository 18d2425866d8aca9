"""The store's figures (issue 15) for two alertgate binaries side by side in one run: the tree before
(--old-alertgate) and after. Both run through the same harness on the same machine, one after the other:

- distinct ingest: wrk posting new alerts over 50 alert names, each its own group (a growing store);
- repeats: wrk posting one notification again and again (what Alertmanager's repeat_interval sends);
- disk writes (/proc/PID/io write_bytes, checkpoints included) per webhook posted alone, for a new alert and
  for a repeat, and under the wrk load;
- a history store of `history_events` events made by the old binary and filled by SQL (history.fill); the
  new binary opens a copy and migrates it (timed): bytes on disk per notification against its payload, the
  combined-filter query (CLI and HTTP) above the `alertgate --version` floor, start-up after a clean stop and
  after a SIGKILL (what the log says the start did);
- the new binary only (the old one has no retention): webhooks posted one at a time, their answer time
  while retention deletes half of that store, against the same posts with retention off.
"""

import os
import shutil
import signal
import statistics
import subprocess
import time

import history
import ingest
from gateway import Gateway, alert_body
from processes import wait_until_ready


def repeat_bytes_per_webhook(gateway, count):
    """Posts one new alert, then the same notification count times; returns write_bytes per repeat.
    count is large (thousands): a checkpoint that falls in the window also copies the pages of the new
    alerts posted before, up to a whole WAL's worth, which a few hundred repeats would each carry a
    large share of."""
    body = alert_body(1 << 50)
    if gateway.post(body) != 200:
        raise RuntimeError("webhook failed")
    before = gateway.process.io()["write_bytes"]
    for _ in range(count):
        if gateway.post(body) != 200:
            raise RuntimeError("webhook failed")
    return (gateway.process.io()["write_bytes"] - before) / count


def ingest_figures(run, profile, binary, name, nginx):
    gateway = Gateway(run.processes, binary, run.dir(f"{name}-ingest"))
    alone = ingest.sequential_bytes_per_webhook(gateway, profile.sequential_posts, first_number=1 << 40)
    repeat = repeat_bytes_per_webhook(gateway, profile.repeat_posts)
    distinct = ingest.measure(gateway, nginx, run.dir(f"{name}-wrk"), profile.wrk_rounds, profile.wrk_seconds)
    repeats = ingest.measure(gateway, nginx, run.dir(f"{name}-wrk-repeat"), profile.wrk_rounds,
                             profile.wrk_seconds, repeat=True)
    run.processes.stop(gateway.process)
    return {"alone": alone[0], "repeat": repeat, "distinct": distinct, "repeats": repeats}


def timed_start(run, binary, directory, db_path, ready_timeout=30.0):
    gateway = Gateway(run.processes, binary, directory, db_path=db_path, ready_timeout=ready_timeout)
    return gateway, gateway.startup_seconds


def store_log_lines(process):
    return [line.split("] ", 1)[-1][:200] for line in process.log().splitlines()
            if "quick_check" in line or "check skipped" in line or "migrated" in line or "auto_vacuum" in line]


def post_latencies(gateway, count, first_number):
    """Seconds each of count new alerts, posted one at a time, took to be answered 200."""
    times = []
    for i in range(count):
        body = alert_body(first_number + i)
        start = time.monotonic()
        if gateway.post(body) != 200:
            raise RuntimeError("webhook failed")
        times.append(time.monotonic() - start)
    return times


def pruned_rows(gateway):
    status, body = gateway.get("/metrics")
    if status != 200:
        raise RuntimeError(f"/metrics answered {status}")
    return sum(float(line.rsplit(" ", 1)[1]) for line in body.decode().splitlines()
               if line.startswith("alertgate_store_pruned_rows_total{"))


def prune_figures(run, profile, binary, db_path):
    """Webhooks alone with retention off, then while a retention of half the store's span deletes."""
    posts = profile.sequential_posts
    gateway = Gateway(run.processes, binary, run.dir("prune-off"), db_path=db_path)
    idle = post_latencies(gateway, posts, 1 << 44)
    run.processes.stop(gateway.process)
    retention = f"{profile.history_days // 2}d"
    gateway = Gateway(run.processes, binary, run.dir("prune-on"), db_path=db_path,
                      extra_ini=f"[store]\nretention = {retention}\n")
    busy = post_latencies(gateway, posts, 1 << 45)
    pruned_during = pruned_rows(gateway)
    run.processes.stop(gateway.process)
    quantiles = lambda xs: (statistics.median(xs), sorted(xs)[int(0.99 * (len(xs) - 1))])
    return {"idle": quantiles(idle), "pruning": quantiles(busy), "pruned_during": pruned_during,
            "retention": retention, "posts": posts}


def history_figures(run, profile, binary, name, db_path):
    """Opens db_path with binary (migrating it if needed), then measures on it."""
    result = {}
    started = time.monotonic()
    # The first open of the old tree's store by the new binary migrates it (minutes at a million events).
    gateway, _ = timed_start(run, binary, run.dir(f"{name}-history-open"), db_path, ready_timeout=1800.0)
    result["first_open"] = time.monotonic() - started
    result["first_open_log"] = store_log_lines(gateway.process)
    run.processes.stop(gateway.process)
    with __import__("sqlite3").connect(db_path) as db:
        notifications, payload = db.execute("SELECT count(*), avg(length(CAST(payload AS BLOB))) FROM notifications").fetchone()
        events = db.execute("SELECT count(*) FROM alert_events").fetchone()[0]
    result.update(notifications=notifications, payload=payload, events=events, db_bytes=os.path.getsize(db_path))
    # Start-up after a clean stop (median of 3), then after a SIGKILL.
    times = []
    for i in range(3):
        gateway, seconds = timed_start(run, binary, run.dir(f"{name}-startup-{i}"), db_path)
        times.append(seconds)
        log = store_log_lines(gateway.process)
        run.processes.stop(gateway.process)
    result["startup_clean"], result["startup_clean_log"] = statistics.median(times), log
    gateway, _ = timed_start(run, binary, run.dir(f"{name}-startup-kill"), db_path)
    gateway.process.popen.send_signal(signal.SIGKILL)
    gateway.process.stop()
    gateway, seconds = timed_start(run, binary, run.dir(f"{name}-startup-after-kill"), db_path)
    result["startup_killed"], result["startup_killed_log"] = seconds, store_log_lines(gateway.process)
    # The combined filter, CLI and HTTP, against the process floor.
    since, until = history.day_bounds(run.end_epoch, profile.history_days // 2)
    narrow = [("since", since), ("until", until), ("alertname", "BenchAlert05"),
              ("severity", history.SEVERITIES[5 % 4])]
    cli, result["cli_summary"] = history.time_cli(binary, gateway.config, narrow, profile.query_runs)
    http, result["http_count"] = history.time_http(gateway, narrow, profile.query_runs)
    result["cli"], result["http"] = statistics.median(cli), statistics.median(http)
    floor = []
    for _ in range(profile.query_runs):
        start = time.monotonic()
        subprocess.run([binary, "--version"], check=True, capture_output=True)
        floor.append(time.monotonic() - start)
    result["floor"] = statistics.median(floor)
    result["narrow"] = narrow
    run.processes.stop(gateway.process)
    if name == "new":
        result["prune"] = prune_figures(run, profile, binary, db_path)
    return result


def measure(run, profile, binaries):
    """binaries: [(name, path)], the old one first (it makes the history store). Returns {name: figures}."""
    nginx = ingest.Nginx(run.processes, run.nginx, run.dir("nginx"))
    figures = {name: {} for name, _ in binaries}
    for name, binary in binaries:
        run.progress(f"{name}: ingest and disk writes")
        figures[name]["ingest"] = ingest_figures(run, profile, binary, name, nginx)
    run.processes.stop(nginx.process)
    if profile.history_events == 0:
        return figures
    old_name, old_binary = binaries[0]
    run.progress(f"building the {profile.history_events:,}-event store with {old_name}")
    directory = run.dir("history-made")
    made = Gateway(run.processes, old_binary, directory)
    run.processes.stop(made.process)
    history.fill(made.db_path, profile.history_events, profile.history_days, run.end_epoch)
    for name, binary in binaries:
        copy = os.path.join(run.dir(f"{name}-history"), "alertgate.db")
        shutil.copyfile(made.db_path, copy)
        run.progress(f"{name}: history store (open/migrate, start-up, queries)")
        figures[name]["history"] = history_figures(run, profile, binary, name, copy)
        os.unlink(copy)
    return figures


def ms(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def kib(value):
    return f"{value / 1024:.1f} KiB"


def print_rows(rows, old, new):
    print(f"| metric | before ({old}) | after ({new}) | after / before | target |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()


def print_table(figures, names, nginx_rate_of):
    old, new = names
    o, n = figures[old], figures[new]
    rows = []

    def ingest_row(key, label):
        runs = (o["ingest"][key], n["ingest"][key])
        rates = [r["alertgate"]["rate"] for r in runs]
        ngx = [r["nginx"]["rate"] for r in runs]
        rows.append((label, f"{rates[0]:,.0f}/s ({rates[0] / ngx[0]:.3f}× nginx)",
                     f"{rates[1]:,.0f}/s ({rates[1] / ngx[1]:.3f}× nginx)", f"{rates[1] / rates[0]:.2f}×",
                     "≥ 3× old" if key == "distinct" else "—"))
        rows.append((f"{label}: latency p50 / p99", *(
            f"{r['alertgate']['p50_us'] / 1000:.2f} / {r['alertgate']['p99_us'] / 1000:.2f} ms" for r in runs), "—", "—"))
        rows.append((f"{label}: webhooks per commit; commit time; writer busy in commits; disk writes per webhook", *(
            f"{r['batch']:.1f}; {r['commit_ms']:.2f} ms; {r['commit_share'] * 100:.0f} %; {kib(r['bytes_per_webhook'])}"
            for r in runs), "—", "—"))

    ingest_row("distinct", "distinct ingest (wrk, new alert per request, 50 alert names)")
    ingest_row("repeats", "repeat ingest (wrk, one notification again and again)")
    rows.append(("disk writes per changing webhook, alone", kib(o["ingest"]["alone"]), kib(n["ingest"]["alone"]),
                 f"{o['ingest']['alone'] / n['ingest']['alone']:.1f}× less", "≤ 32 KiB"))
    rows.append(("disk writes per repeat, alone", kib(o["ingest"]["repeat"]), kib(n["ingest"]["repeat"]),
                 f"{o['ingest']['repeat'] / n['ingest']['repeat']:.1f}× less", "≤ 8 KiB"))
    if "history" not in o:
        return print_rows(rows, old, new)
    ho, hn = o["history"], n["history"]

    def per_notification(h):
        per = h["db_bytes"] / h["notifications"]
        return f"{kib(per)} = {per / h['payload']:.2f}× payload ({h['payload']:.0f} B); file {h['db_bytes'] / 2**20:,.0f} MiB"

    rows.append((f"on disk per notification ({hn['events']:,} events, {hn['notifications']:,} notifications)",
                 per_notification(ho), per_notification(hn), "—", "≤ 2.5× payload"))
    rows.append(("first open of the store made by the old tree (migration)", ms(ho["first_open"]), ms(hn["first_open"]),
                 "—", "—"))
    for key, label in (("cli", "`alertgate history` one day + alertname + severity"),
                       ("http", "GET /api/v1/history, same filter")):
        rows.append((f"{label} (minus the `--version` floor for the CLI)",
                     *(f"{ms(h[key])} ({ms(h[key] - h['floor'])} above floor)" if key == "cli" else ms(h[key])
                       for h in (ho, hn)), "—", "≤ 10 ms above the floor"))
    rows.append(("start-up to /-/ready after a clean stop (median of 3)", ms(ho["startup_clean"]),
                 ms(hn["startup_clean"]), "—", "≤ 200 ms"))
    rows.append(("start-up to /-/ready after a SIGKILL", ms(ho["startup_killed"]), ms(hn["startup_killed"]), "—",
                 "check runs, logged"))
    if "prune" in hn:
        p = hn["prune"]
        rows.append((f"webhook alone while retention ({p['retention']}) deletes: p50 / p99 (retention off: p50 / p99)",
                     "—", f"{ms(p['pruning'][0])} / {ms(p['pruning'][1])} ({ms(p['idle'][0])} / {ms(p['idle'][1])}); "
                     f"{p['pruned_during']:,.0f} rows deleted by the end of the {p['posts']} posts", "—", "usual latency"))
    print_rows(rows, old, new)
    for name in names:
        h = figures[name]["history"]
        print(f"- {name}: --version floor {ms(h['floor'])}; CLI printed `{h['cli_summary']}`, HTTP {h['http_count']} "
              f"events; filter {' '.join(f'--{k} {v}' for k, v in h['narrow'])}")
        for key in ("first_open_log", "startup_clean_log", "startup_killed_log"):
            for line in h[key]:
                print(f"  - {key}: {line}")
