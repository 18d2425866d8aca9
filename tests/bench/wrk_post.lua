-- wrk: POSTs the webhook body in BENCH_BODY_FILE with BENCH_TOKEN as bearer token, each request an alert
-- of its own: "@N@" in the body becomes 16 hex digits (thread number, request number), used by the
-- harness as the alert's fingerprint and in its instance label; "@A@" becomes one of 50 alert names. done() prints one JSON line, BENCH {...},
-- that the harness reads (latencies in microseconds).

local template
local counter = 0
local threads_created = 0 -- in the setup environment

-- thread_number is a global of each thread's environment, set here.
function setup(thread)
    threads_created = threads_created + 1
    thread:set("thread_number", threads_created)
end

function init(args)
    local file = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
    template = file:read("*a")
    file:close()
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
end

function request()
    counter = counter + 1
    local key = string.format("%08x%08x", thread_number, counter)
    local name = string.format("BenchAlert%02d", counter % 50)
    return wrk.format(nil, nil, nil, (template:gsub("@N@", key):gsub("@A@", name)))
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        'BENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"errors":{"connect":%d,"read":%d,' ..
        '"write":%d,"status":%d,"timeout":%d}}\n',
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max, e.connect, e.read,
        e.write, e.status, e.timeout))
end
