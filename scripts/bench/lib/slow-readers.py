"""Slow readers of an export: N TLS clients, each from its own loopback address (127.0.0.2, .3, ...),
ask for GET PATH and then read at most RATE bytes per second, with a small receive buffer, until
stdin closes.

Usage: python3 slow-readers.py HOST PORT PATH N RATE
Prints one line per client once its status line arrived ("status <source> <code>"), then
"ready <n>", and at the end "read <source> <bytes>" per client.
"""
import socket
import ssl
import sys
import threading
import time

host, port, path, count, rate = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
context.minimum_version = ssl.TLSVersion.TLSv1_3
stop = threading.Event()
totals = {}
lock = threading.Lock()


def reader(index):
    source = f"127.0.0.{2 + index}"
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.bind((source, 0))
    raw.settimeout(60)
    raw.connect((host, port))
    tls = context.wrap_socket(raw, server_hostname=host)
    tls.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = tls.recv(1)
        if not chunk:
            break
        head += chunk
    status = head.split(b" ", 2)[1].decode() if head.count(b" ") >= 2 else "none"
    with lock:
        print(f"status {source} {status}", flush=True)
        totals[source] = 0
    while not stop.is_set() and status == "200":
        chunk = tls.recv(max(1, rate // 4))
        if not chunk:
            break
        with lock:
            totals[source] += len(chunk)
        stop.wait(0.25)
    tls.close()


threads = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(count)]
for thread in threads:
    thread.start()
    time.sleep(0.05)
while True:
    with lock:
        if len(totals) == count:
            break
    time.sleep(0.1)
print(f"ready {count}", flush=True)
sys.stdin.read()
stop.set()
for thread in threads:
    thread.join(timeout=2)
with lock:
    for source, total in sorted(totals.items()):
        print(f"read {source} {total}", flush=True)
