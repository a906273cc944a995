-- scripts/bench/wrk-signed.lua held to a target rate (wrk 4 has no open-loop mode). Each thread
-- aims at RATE/THREADS requests per second: its connections wait between requests, and once a
-- second the wait is recomputed from the count the thread reached in the last second (which
-- tells how long answers took). Used by scripts/compose-e2e.sh:
--   WRK_SIGNED_LUA=scripts/bench/wrk-signed.lua wrk -t T -c C -d D -s wrk-paced.lua URL -- PAYLOADS T C RATE
dofile(os.getenv("WRK_SIGNED_LUA"))

local quota = 0       -- requests per second for this thread
local conns = 1       -- connections of this thread
local pace_ms = 0     -- wait of one connection between its requests
local second, count = 0, 0
local signed_init = init

function init(args)
  signed_init(args)
  local threads, connections, rate = tonumber(args[2]), tonumber(args[3]), tonumber(args[4])
  if threads and connections and rate and rate > 0 then
    quota = rate / threads
    conns = connections / threads
    pace_ms = connections * 1000 / rate
  end
end

function delay()
  if quota <= 0 then
    return 0
  end
  local now = os.time()
  if now ~= second then
    if second ~= 0 and now == second + 1 and count > 0 then
      -- count = conns / (pace + answer time): estimate the answer time, then the pace for quota
      local answer_ms = conns * 1000 / count - pace_ms
      pace_ms = math.max(0, conns * 1000 / quota - math.max(0, answer_ms))
    end
    second, count = now, 0
  end
  count = count + 1
  return math.floor(pace_ms)
end
