#!/bin/sh
# sanzi serve: one client cannot starve the others (doc/web.md "Limits"):
# at most 64 connections from one address and 256 in all; beyond, a new
# connection is closed without an answer while the others are served.
# Several loopback addresses (127.0.0.N) stand for several clients.
. "$(dirname "$0")/lib-web.sh"

web_setup && web_start || { echo "Bail out! the server did not start"; exit 1; }

cat >conn.py <<'PY'
import socket, sys, time
port = int(sys.argv[1])
def conn(src):
    s = socket.socket()
    s.bind((src, 0))
    s.connect(("127.0.0.1", port))
    return s
def ask(src):
    """The first bytes of the answer to /healthz from src, b"" if none."""
    s = conn(src)
    s.settimeout(10)
    try:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        return s.recv(12)
    except OSError:
        return b""
    finally:
        s.close()
def held(src, n):
    v = [conn(src) for _ in range(n)]
    time.sleep(0.3)  # the server has taken them
    return v
ok = b"HTTP/1.1 200"
what = sys.argv[2]
if what == "address":
    h = held("127.0.0.1", 64)
    print("65th from the same address:", ask("127.0.0.1"))
    print("from another address:", ask("127.0.0.2"))
elif what == "total":
    h = [held("127.0.0.%d" % a, 64) for a in (1, 2, 3, 4)]
    print("257th, from a fifth address:", ask("127.0.0.5"))
PY

test_expect_success 'the 65th connection from one address gets no answer; another address is served' '
  $PY conn.py ${URL##*:} address >out && cat out &&
  grep -Fx "65th from the same address: b'"''"'" out &&
  grep -F "from another address: b'"'"'HTTP/1.1 200" out
'

test_expect_success 'the 257th connection in all gets no answer' '
  $PY conn.py ${URL##*:} total >out && cat out &&
  grep -Fx "257th, from a fifth address: b'"''"'" out
'

test_expect_success 'once they close, the server answers again' '
  for i in $(seq 1 50); do
    test "$(get x /healthz)" = ok && break
    sleep 0.1
  done &&
  test "$(get x /healthz)" = ok
'

test_done
