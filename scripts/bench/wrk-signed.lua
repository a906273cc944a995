-- wrk script for scripts/bench.sh: cycles through pre-generated, HMAC-signed webhook requests.
--
--   WRK_RESULT=out.json wrk -t T -c C -d D -s wrk-signed.lua http://127.0.0.1:PORT -- PAYLOADS T
--
-- PAYLOADS has one request per line: path TAB X-Signature TAB alert-count TAB body
-- (io.alertline.bench.tool.BenchTool payloads). Thread i of T sends lines i, i+T, i+2T, ... in
-- order, so no two threads send the same body and a body repeats only once a thread has sent
-- all of its share. done() writes the summary, with the alerts the server accepted (summed
-- from the "processed" field of the 200 answers), as JSON to $WRK_RESULT.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local file = args[1]
  local nthreads = tonumber(args[2])
  if file == nil or nthreads == nil then
    error("usage: wrk ... -s wrk-signed.lua URL -- PAYLOAD_FILE THREADS")
  end
  reqs = {}
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == id then
      local path, sig, _, body = line:match("^([^\t]+)\t([^\t]+)\t(%d+)\t(.+)$")
      if path == nil then
        error("malformed payload line " .. (i + 1))
      end
      reqs[#reqs + 1] = wrk.format("POST", path,
        { ["Content-Type"] = "application/json", ["X-Signature"] = sig }, body)
    end
    i = i + 1
  end
  if #reqs == 0 then
    error("no payloads for thread " .. id)
  end
  pos = 0
  sent = 0
  ok = 0
  bad = 0
  alerts = 0
  wraps = 0
  first_bad = ""
end

function request()
  pos = pos + 1
  if pos > #reqs then
    pos = 1
    wraps = wraps + 1
  end
  sent = sent + 1
  return reqs[pos]
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
    local n = string.match(body, '"processed":(%d+)')
    if n then
      alerts = alerts + tonumber(n)
    end
  else
    bad = bad + 1
    if first_bad == "" then
      first_bad = status .. " " .. string.sub(body or "", 1, 200)
    end
  end
end

local function esc(s)
  return (string.gsub(s, '[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end))
end

function done(summary, latency, requests)
  local ok_total, bad_total, alerts_total, sent_total, wraps_total, first = 0, 0, 0, 0, 0, ""
  for _, t in ipairs(threads) do
    ok_total = ok_total + t:get("ok")
    bad_total = bad_total + t:get("bad")
    alerts_total = alerts_total + t:get("alerts")
    sent_total = sent_total + t:get("sent")
    wraps_total = wraps_total + t:get("wraps")
    if first == "" then first = t:get("first_bad") end
  end
  local secs = summary.duration / 1e6
  local e = summary.errors
  local errors_total = e.connect + e.read + e.write + e.timeout + bad_total
  local function p(q) return latency:percentile(q) / 1000 end
  local out = string.format(
    '{"tool":"wrk %s","duration_s":%.3f,"requests":%d,"rps":%.1f,"ok":%d,"non_200":%d,' ..
    '"errors_total":%d,"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
    '"alerts_accepted":%d,"alerts_per_s":%.1f,"payload_wraps":%d,"bytes_read":%d,' ..
    '"latency_ms":{"mean":%.3f,"stdev":%.3f,"p50":%.3f,"p90":%.3f,"p99":%.3f,"p99.9":%.3f,"max":%.3f},' ..
    '"first_error":"%s"}\n',
    "closed loop", secs, summary.requests, summary.requests / secs, ok_total, bad_total,
    errors_total, e.connect, e.read, e.write, e.timeout,
    alerts_total, alerts_total / secs, wraps_total, summary.bytes,
    latency.mean / 1000, latency.stdev / 1000, p(50), p(90), p(99), p(99.9), latency.max / 1000,
    esc(first))
  local path = os.getenv("WRK_RESULT")
  if path and path ~= "" then
    local f = assert(io.open(path, "w"))
    f:write(out)
    f:close()
  end
  io.write(out)
end
