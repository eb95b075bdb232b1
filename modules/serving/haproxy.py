"""HAProxy in front of several Streamlit processes: the configuration, written from the ports.

Streamlit keeps each session in the process that started it, so the proxy
pins a browser to one process with a cookie it inserts (`ACADEMY_REPLICA`);
the websocket (`/_stcore/stream`) carries that cookie and goes to the same
process. A process that stops answering its health check is taken out and
its browsers start a new session on another one.
"""

from __future__ import annotations

STICKY_COOKIE = "ACADEMY_REPLICA"


def config(listen: str, ports: list[int], stats_port: int | None = None) -> str:
    """The whole haproxy.cfg for replicas on 127.0.0.1 at `ports`, the proxy listening on `listen`."""
    servers = "\n".join(f"    server replica{n} 127.0.0.1:{port} check cookie r{n}" for n, port in enumerate(ports, 1))
    stats = (
        f"""
frontend stats
    bind 127.0.0.1:{stats_port}
    stats enable
    stats uri /
"""
        if stats_port
        else ""
    )
    return f"""global
    maxconn 4000

defaults
    mode http
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
    timeout http-request 15s

frontend academy
    bind {listen}
    default_backend streamlit

backend streamlit
    balance leastconn
    cookie {STICKY_COOKIE} insert indirect nocache httponly attr "SameSite=Lax"
    option httpchk GET /_stcore/health
    http-check expect status 200
{servers}
{stats}"""
