"""Latency and memory of `tsuzuri lsp` on a ~200 KB document, driven as an editor would.

Usage: lsp_bench.py TSUZURI SEED [ROUNDS]   (GLOSSARY=PATH: serve with that glossary)
Prints the time from sending the last didChange to receiving its publishDiagnostics (minus the
server's debounce), and the server's resident memory after 1,000 and 2,000 incremental edits.
"""
import json, os, statistics, subprocess, sys, time

binary, seed = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 30
DEBOUNCE_MS = 75

text = open(seed, encoding='utf-8').read()
copies = -(-200_000 // len(text.encode()))
document = '\n'.join([text] * copies)
lines = document.split('\n')
size = len(document.encode())

glossary = ['--glossary', os.environ['GLOSSARY']] if os.environ.get('GLOSSARY') else []
proc = subprocess.Popen([binary, 'lsp', '--debounce', str(DEBOUNCE_MS)] + glossary, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
buffer = b''

def send(message):
    body = json.dumps(message, ensure_ascii=False).encode()
    proc.stdin.write(b'Content-Length: %d\r\n\r\n' % len(body) + body)
    proc.stdin.flush()

def receive():
    global buffer
    while True:
        end = buffer.find(b'\r\n\r\n')
        if end >= 0:
            length = int(buffer[:end].split(b':')[1])
            if len(buffer) >= end + 4 + length:
                body = buffer[end + 4:end + 4 + length]
                buffer = buffer[end + 4 + length:]
                return json.loads(body)
        chunk = os.read(proc.stdout.fileno(), 1 << 16)
        if not chunk:
            sys.exit('the server ended early')
        buffer += chunk

def wait_diagnostics(version):
    while True:
        message = receive()
        if message.get('method') == 'textDocument/publishDiagnostics' and message['params'].get('version') == version:
            return message['params']['diagnostics']

def rss_kb(field='VmRSS'):
    for line in open(f'/proc/{proc.pid}/status'):
        if line.startswith(field + ':'):
            return int(line.split()[1])

uri = 'file:///bench/article.txt'
send({'jsonrpc': '2.0', 'id': 1, 'method': 'initialize', 'params': {'capabilities': {}}})
receive()
send({'jsonrpc': '2.0', 'method': 'initialized', 'params': {}})
start = time.perf_counter()
send({'jsonrpc': '2.0', 'method': 'textDocument/didOpen',
      'params': {'textDocument': {'uri': uri, 'languageId': 'plaintext', 'version': 1, 'text': document}}})
first = wait_diagnostics(1)
open_ms = (time.perf_counter() - start) * 1000
print(f'document: {size} bytes, {len(lines)} lines; didOpen → diagnostics: {open_ms:.1f} ms ({len(first)} diagnostics)')
rss_open = rss_kb()

# Find ヘグセス on the last line that has it: each round toggles its second kana (セ ↔ ゼ), so the
# diagnostics change every time.
row = max(i for i, l in enumerate(lines) if 'ヘグセス' in l)
col = lines[row].index('ヘグセス') + 2  # UTF-16 offset: the line is BMP-only (checked below)
assert len(lines[row].encode('utf-16-le')) == 2 * len(lines[row])
version = 1

def edit(new_text, r=row, c=col):
    global version
    version += 1
    send({'jsonrpc': '2.0', 'method': 'textDocument/didChange',
          'params': {'textDocument': {'uri': uri, 'version': version},
                     'contentChanges': [{'range': {'start': {'line': r, 'character': c}, 'end': {'line': r, 'character': c + 1}},
                                         'text': new_text}]}})

def cpu_ms():
    fields = open(f'/proc/{proc.pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf('SC_CLK_TCK')

latencies = []
cpu_before = cpu_ms()
for i in range(rounds):
    # A burst of keystrokes, then the measured last one.
    for _ in range(3):
        edit('ゼ'); edit('セ')
    sent = time.perf_counter()
    edit('ゼ' if i % 2 == 0 else 'セ')
    wait_diagnostics(version)
    latencies.append((time.perf_counter() - sent) * 1000 - DEBOUNCE_MS)

cpu_per_round = (cpu_ms() - cpu_before) / rounds
latencies.sort()
p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
print(f'last didChange → publishDiagnostics, minus the {DEBOUNCE_MS} ms debounce, {rounds} rounds: '
      f'median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms; '
      f'server CPU per round (7 changes, 1 check): {cpu_per_round:.1f} ms')

def thousand_edits():
    # 100 bursts of 10 edits (5 lines changed and put back) spread over the document, each burst
    # waited for (100 checks).
    for burst in range(100):
        for k in range(5):
            r = (burst * 37 + k * 101) % len(lines)
            if not lines[r]:
                r = row
            edit('あ', r, 0)
            edit(lines[r][0], r, 0)  # put the first character back
        wait_diagnostics(version)

thousand_edits()
rss_1000 = rss_kb()
thousand_edits()
rss_2000 = rss_kb()
print(f'RSS: {rss_open / 1024:.1f} MB after didOpen, {rss_1000 / 1024:.1f} MB after 1,000 edits, '
      f'{rss_2000 / 1024:.1f} MB after 2,000 edits (peak {rss_kb("VmHWM") / 1024:.1f} MB)')

send({'jsonrpc': '2.0', 'id': 2, 'method': 'shutdown'})
while receive().get('id') != 2:
    pass
send({'jsonrpc': '2.0', 'method': 'exit'})
print(f'exit status after shutdown: {proc.wait()}')
