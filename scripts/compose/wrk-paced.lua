-- scripts/bench/wrk-signed.lua at a fixed pace: every connection waits CONNECTIONS*1000/RATE ms
-- between its requests, so C connections send about RATE requests/s in all (a little less when
-- the server's answers take time: wrk 4 has no open-loop mode). Used by scripts/compose-e2e.sh.
--   WRK_SIGNED_LUA=scripts/bench/wrk-signed.lua wrk -t T -c C -d D -s wrk-paced.lua URL -- PAYLOADS T C RATE
dofile(os.getenv("WRK_SIGNED_LUA"))

local pace_ms = 0
local signed_init = init

function init(args)
  signed_init(args)
  local connections, rate = tonumber(args[3]), tonumber(args[4])
  if connections and rate and rate > 0 then
    pace_ms = math.floor(connections * 1000 / rate)
  end
end

function delay()
  return pace_ms
end
