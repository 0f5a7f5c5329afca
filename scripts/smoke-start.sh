#!/usr/bin/env bash
# `npm start` with no environment on a fresh data folder: /health and /docs must answer within 30 s,
# SIGTERM must stop it cleanly, and a second start must find the data the first one wrote.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
port=$((20000 + RANDOM % 20000))

start() {
  # exec: $! must be Gatehouse itself, so that the SIGTERM below reaches it.
  (cd "$work" && exec env -i PATH="$PATH" HOME="$HOME" PORT="$port" GATEHOUSE_DATA_DIR="$work/data" \
    node "$OLDPWD/dist/src/main.js" >>"$work/out.log" 2>&1) &
  pid=$!
}

wait_for() {
  local began=$SECONDS
  until curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
    if ((SECONDS - began > 30)); then echo "no /health within 30 s"; tail -n 40 "$work/out.log"; exit 1; fi
    kill -0 "$pid" 2>/dev/null || { echo "Gatehouse exited"; tail -n 40 "$work/out.log"; exit 1; }
    sleep 0.25
  done
  curl -fsS "http://127.0.0.1:$port/docs" | grep -q swagger-ui
  curl -fsS "http://127.0.0.1:$port/ready" | grep -q '"database":"embedded"'
  echo "serving /health, /docs and /ready after $((SECONDS - began)) s"
}

stop() {
  kill -TERM "$pid"
  # Nest closes the app (HTTP server, pool, embedded database), then re-raises the signal: 143.
  local status=0
  wait "$pid" || status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 143 ]; then echo "exit status $status after SIGTERM"; tail -n 40 "$work/out.log"; exit 1; fi
  pid=
}

npm run -s build
began=$SECONDS
start
wait_for
stop
echo "first start to stop: $((SECONDS - began)) s"
start
wait_for
stop
[ -d "$work/data" ] && [ -n "$(ls -A "$work/data")" ] || { echo "no data kept in GATEHOUSE_DATA_DIR"; exit 1; }
echo "restart on the same data folder: ok"
