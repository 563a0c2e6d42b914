"""Opens N TLS connections to a server, completes each handshake, and holds them idle until stdin closes.

Usage: python3 idle-connections.py HOST PORT N
Prints "open <n>" once every connection is established (or the count it managed), then waits.
The connections come from 127.0.0.2, 127.0.0.3, ... (PER_ADDRESS each), as from many clients:
the server closes a client's connections beyond its per-address cap (256, docs/HTTP.md).
"""
import socket
import ssl
import sys

host, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
context.minimum_version = ssl.TLSVersion.TLSv1_3
PER_ADDRESS = 200
held = []
for index in range(count):
    try:
        raw = socket.create_connection((host, port), timeout=10, source_address=(f"127.0.0.{2 + index // PER_ADDRESS}", 0))
        held.append(context.wrap_socket(raw, server_hostname=host))
    except OSError as error:
        print(f"failed after {len(held)}: {error}", file=sys.stderr)
        break
print(f"open {len(held)}", flush=True)
sys.stdin.read()
