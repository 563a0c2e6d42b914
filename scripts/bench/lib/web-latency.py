"""Latency of web catalog pages over HTTPS keep-alive, with N concurrent clients.

Usage: web-latency.py BASE_URL CLIENTS PATHS_FILE [LABEL]
Each client has one keep-alive TLS connection; the paths are dealt out round robin and each is
requested once. Prints "LABEL requests p50_ms p99_ms req_per_s errors".
"""
import http.client
import ssl
import sys
import threading
import time
import urllib.parse


def run(base, clients, paths):
    url = urllib.parse.urlsplit(base)
    context = ssl._create_unverified_context()
    times, errors, lock = [], [0], threading.Lock()

    def client(mine):
        connection = http.client.HTTPSConnection(url.hostname, url.port, context=context, timeout=60)
        for path in mine:
            started = time.perf_counter()
            connection.request("GET", path, headers={"Accept-Language": "en"})
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                times.append(elapsed)
                if response.status != 200:
                    errors[0] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(paths[i::clients],)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    times.sort()
    if not times:
        return 0, 0.0, 0.0, 0.0, errors[0]
    pick = lambda q: times[min(len(times) - 1, max(0, int(len(times) * q + 0.999) - 1))]
    return len(times), pick(0.50), pick(0.99), len(times) / wall, errors[0]


if __name__ == "__main__":
    base, clients, path_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    label = sys.argv[4] if len(sys.argv) > 4 else "pages"
    paths = [line.strip() for line in open(path_file, encoding="utf-8") if line.strip()]
    count, p50, p99, rate, errors = run(base, clients, paths)
    print("%s %d %.1f %.1f %.1f %d" % (label, count, p50, p99, rate, errors))
