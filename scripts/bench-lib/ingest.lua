-- wrk script: POSTs distinct valid submissions (one new id per request) and counts 201s per thread.
-- The path is the URL's: scripts/bench posts these same bodies to TiengNoi's /api/v1/submissions and
-- to the bare Hummingbird server's /echo, so both sides read and answer the same bytes.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local texts = {
  "Cháu mong có lớp dạy bơi miễn phí vào mùa hè",
  "em de nghi lam go giam toc o cong truong vi xe chay nhanh qua",
  "Nhóm em đề xuất đặt hộp thư để các bạn bị bắt nạt kể lại mà không cần ghi tên",
  "Thưa bác, vì sao nhiều bạn phải nghỉ học đi bán vé số ạ?",
  "Lớp em sẽ nhặt rác và trồng cây xanh quanh sân trường",
  "em bi nguoi la nhan tin tren mang doi gui anh, em phai lam sao",
}
local kinds = { "question", "opinion", "recommendation", "initiative" }
local schools = { "TH-AN-BINH", "TH-BINH-MINH", "THCS-PHU-MY", "THCS-TAN-THANH", "TH-LE-LOI" }
-- scripts/bench passes a device token: the API takes entries only with a token or a school's key.
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. (os.getenv("TIENGNOI_TOKEN") or "") }

-- A run number in every id (BENCH_RUN, set by scripts/bench for each run): the counter starts again
-- at 0 in each run, and a repeated id would be taken as a resend of an entry already stored.
local run = tonumber(os.getenv("BENCH_RUN") or "0")

function init(args)
  counter = 0
  created = 0
  other = 0
end

function request()
  counter = counter + 1
  local i = counter
  local body = string.format(
    '{"id":"%04x%04x-0000-4000-8000-%012x","form":"dien-dan-tre-em","formVersion":1,' ..
    '"answers":{"school":"%s","kind":"%s","text":"%s (%d)","grade":%d,"gender":"%s"}}',
    run, tid, i, schools[i % #schools + 1], kinds[i % #kinds + 1], texts[i % #texts + 1], i,
    3 + i % 7, (i % 2 == 0) and "nam" or "nu")
  return wrk.format("POST", wrk.path, headers, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f requests=%d created=%d other=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, c, o, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout))
end
