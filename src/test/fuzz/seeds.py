#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz tests (run from the project root: python3 src/test/fuzz/seeds.py).

Seeds come from samples/ and from the hostile cases of src/test/java/dev/plateau/reliability. Each lands in the
directory Jazzer's JUnit integration replays in regression mode (<TestClass>Inputs/<method>/ under the test class's
package in src/test/resources), so `mvn verify` runs every seed and every saved crash through the oracle.
"""
import gzip, pathlib, struct, subprocess

ROOT = pathlib.Path(__file__).resolve().parents[3]
RES = ROOT / "src/test/resources"

def put(cls, method, name, data):
    pkg, simple = cls.rsplit(".", 1)
    d = RES / pkg.replace(".", "/") / f"{simple}Inputs" / method
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (d / f"seed-{name}").write_bytes(data)

def sample(path):
    return (ROOT / path).read_bytes()

JSON = ("dev.plateau.collector.encode.JsonBodyFuzzTest", "bodyEncodesAsTheReferenceReadsItOrBothReject")
SAMPLE = ('[{"msg":"GET /a \\"q\\" \\u00e9\\n","n":-12.5e3,"ok":true,"x":null,'
          '"tags":[1,"b",{"c":[]}]},{"k":"caf\u00e9 \u20ac \U0001F600"}]')
json_seeds = {
    "app-logs": sample("samples/payloads/app-logs-10.json"),
    "one-record": sample("samples/payloads/one-record.json"),
    "hostile-sample": SAMPLE,
    "trailing-comma": '{"a":1,}', "trailing-comma-array": '[{"a":1},]', "garbage": '{"a":1}x',
    "utf8-ff": b'{"a":"\xff"}', "utf8-overlong": b'{"a":"\xc0\xaf"}', "utf8-cut": b'{"a":"\xe2\x82"}',
    "raw-nul": b'{"a":"x\x00y"}', "raw-surrogate": b'{"a":"\xed\xa0\x80"}',
    "deep-1001": "[" * 1001 + "]" * 1001, "deep-999": "[" + '{"a":' * 998 + "1" + "}" * 998 + "]",
    "scalar": "42", "object-scalar": '{"a":1} 2', "mixed-array": '[{"a":1},2,{"b":3}]',
    "broken-third": '{"a":1}{"b":2}{"c":', "escaped-nul": '{"a":"x\\u0000y"}', "dup-keys": '{"a":1,"a":2}',
    "concatenated": '{"a":1}{"a":2} {"a":3}', "empty-object": "{}", "empty-array": "[]",
    "big-int": '{"big":' + "9" * 400 + "}", "huge-float": '{"huge":1e400,"b":-1e400,"c":1e-400}',
    "uint64": '{"u":18446744073709551615,"v":18446744073709551616,"w":-9223372036854775809,"m":-9223372036854775808}',
    "lone-surrogate": '{"a":"x\\ud800y","b":"\\udc00"}', "bom": b'\xef\xbb\xbf{"a":1}',
    "tag-key": '[{"tag":"app.one","m":1},{"tag":"app.one"},{"tag":"a\\nb"},{"tag":""},{"tag":5},{"tag":"x","tag":"y"}]',
    "long-string": '{"s":"' + "\u00e9" * 9000 + '"}',
}
for k, v in json_seeds.items():
    put(*JSON, k, v)

FORM = ("dev.plateau.collector.encode.FormBodyFuzzTest", "formDecodesAsTheReferenceReadsItOrBothReject")
for k, v in {"sample": sample("samples/payloads/form.txt"), "plus": "a=b+c&d=%20x", "empty-field": "a=1&&b=2",
             "no-value": "a&b=", "bad-escape": "a=%zz", "cut-escape": "a=%4", "no-name": "=x", "only-amp": "&&",
             "utf8": "k=%C3%A9%E2%82%AC", "bad-utf8": "k=%C0%AF", "tag": "tag=a%0Ab&x=1"}.items():
    put(*FORM, k, v)

PLAIN = b'[{"log":"hello"},{"log":"world","n":1}]'
def zstd(data):
    return subprocess.run(["zstd", "-q", "-c", "--no-check"], input=data, capture_output=True, check=True).stdout
def crc32c_masked(data):
    crc = 0xffffffff
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82f63b78 if crc & 1 else 0)
    c = crc ^ 0xffffffff
    return ((((c >> 15) | (c << 17)) & 0xffffffff) + 0xa282ead8) & 0xffffffff
def snappy_framed(plain):  # stream identifier + one uncompressed chunk (type 0x01) with its masked CRC-32C
    chunk = struct.pack("<I", crc32c_masked(plain)) + plain
    return b"\xff\x06\x00\x00sNaPpY" + b"\x01" + struct.pack("<I", len(chunk))[:3] + chunk
COMP = ("dev.plateau.collector.http.CompressedBodyFuzzTest", "inflatedBodyIsBoundedAndMatchesTheReferenceDecoder")
# first byte: coding (0 gzip, 1 zstd, 2 snappy); second: limit 64 << (b % 14)
put(*COMP, "gzip", b"\x00\x05" + gzip.compress(PLAIN, mtime=0))
put(*COMP, "gzip-bomb", b"\x00\x0d" + gzip.compress(b"\x00" * 600_000, mtime=0))
put(*COMP, "zstd", b"\x01\x05" + zstd(PLAIN))
put(*COMP, "zstd-bomb", b"\x01\x0d" + zstd(b"\x00" * 600_000))
put(*COMP, "snappy", b"\x02\x05" + snappy_framed(PLAIN))
put(*COMP, "garbage", b"\x00\x05\x1f\x8b\x08\x00garbage")

CLASSIC = ("dev.plateau.collector.config.ClassicConfigFuzzTest", "classicFileLoadsOrFailsWithFileLineMessage")
put(*CLASSIC, "sample", sample("samples/fluent-bit.conf"))
put(*CLASSIC, "bad-size", "[INPUT]\n    Name http\n    buffer_max_size 12Q\n")
put(*CLASSIC, "env", "[SERVICE]\n    Flush ${FLUSH}\n[INPUT]\n    Name http\n    Port ${NOPE}\n")
put(*CLASSIC, "include", "@INCLUDE other.conf\n[INPUT]\n  Name http\n")
put(*CLASSIC, "indent", "[INPUT]\n  Name http\n\tPort 99999\n[OUTPUT]\n  Name file\n  Match *\n")
YAML = ("dev.plateau.collector.config.YamlConfigFuzzTest", "yamlFileLoadsOrFailsWithFileLineMessage")
put(*YAML, "sample", sample("samples/fluent-bit.yaml"))
put(*YAML, "bad", "pipeline:\n  inputs:\n    - name: http\n      port: [1, 2]\n")
put(*YAML, "anchors", "a: &x [*x]\n")
put(*YAML, "tabs", "service:\n\tflush: 1\n")
put(*YAML, "includes", "includes:\n  - other.yaml\npipeline: {inputs: [{name: http}]}\n")

SCEN = ("dev.plateau.runs.ScenarioFuzzTest", "scenarioParsesOrFailsWithOneLineMessage")
for p in sorted((ROOT / "samples/scenarios").glob("*.json")):
    put(*SCEN, p.stem, p.read_bytes())
put(*SCEN, "not-object", "[1,2]")
put(*SCEN, "bad-size", '{"name":"x","collector":{"buffer_max_size":"12Q"},"bursts":[]}')

CSV = ("dev.plateau.runs.SampleCsvFuzzTest", "samplesCsvReadsRowsOrFailsNamingTheRow")
COLUMNS = ("epoch_ms,elapsed_s,rss_bytes,heap_used_bytes,heap_committed_bytes,direct_used_bytes,conn_open,"
           "conn_buffer_bytes,conn_buffer_max_bytes,conn_buffer_hwm_bytes,encoder_retained_bytes,"
           "encoder_allocations_total,encoder_allocated_bytes_total,requests_total,requests_2xx_total,"
           "requests_4xx_total,requests_5xx_total,records_in_total,records_out_total,records_dropped_total,"
           "bytes_in_total,queue_bytes,gc_count,gc_time_ms,policy_shrink,policy_reinit,policy_idle_timeout_ms,"
           "watched_rss_bytes")
ROW1 = "1700000000000,0.000,104857600,2000000,4000000,65536,1,8192,262144,8192,8192,3,24576,10,10,0,0,100,100,0,5000,0,1,3,0,0,0,0"
ROW2 = "1700000000250,0.250,104861696,2100000,4000000,65536,2,16384,262144,16384,16384,4,32768,20,19,1,0,190,190,0,9000,0,1,3,1,0,30000,0"
full = COLUMNS + "\r\n" + ROW1 + "\r\n" + ROW2 + "\r\n"
put(*CSV, "two-rows", full)
put(*CSV, "cut-in-number", full[:-5])
put(*CSV, "cut-in-row", full[: len(full) - 40])
put(*CSV, "reordered", ",".join(reversed(COLUMNS.split(","))) + "\r\n" + ",".join(reversed(ROW1.split(","))) + "\r\n")
put(*CSV, "quoted", COLUMNS + '\r\n"1700000000000",0.000' + ROW1[17:] + "\r\n")
put(*CSV, "bad-number", COLUMNS + "\r\n" + ROW1.replace("104857600", "1e8") + "\r\n")

HTTP = ("dev.plateau.collector.http.HttpPipelineFuzzTest", "anyBytesGetAWellFormedAnswerOrACloseAndLeaveNoLeak")
for k, v in {
    "post": 'POST /app HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{"a":"b"}',
    "pipelined": 'POST /a HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}'
                 'POST /b HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 1\r\n\r\n{'
                 'GET / HTTP/1.1\r\n\r\n',
    "chunked": 'POST /c HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n'
               '4\r\n{"a"\r\n4\r\n:"b}\r\n0\r\n\r\n',
    "smuggle": 'POST / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    "bad-cl": 'POST / HTTP/1.1\r\nContent-Length: 7, 8\r\n\r\n',
    "form": 'POST /f HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\na=1&b=2',
    "expect": 'POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
    "h2c-upgrade": 'GET / HTTP/1.1\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n',
    "h2-preface": 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00',
    "http09": 'GET /\r\n',
}.items():
    put(*HTTP, k, v)
put(*HTTP, "gzip", b'POST /g HTTP/1.1\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: '
    + str(len(gzip.compress(PLAIN, mtime=0))).encode() + b"\r\n\r\n" + gzip.compress(PLAIN, mtime=0))
print("seeds written under", RES)
