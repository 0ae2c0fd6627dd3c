#!/usr/bin/env bash
# bench/run.sh [all|prepare|serve|measure|stop] — the page benchmark (`make bench`).
#
# prepare: a PostgreSQL database of its own (dropped and made again), the demo plus
#          placeholder volume (manage.py load_bench_content), collectstatic.
# serve:   two production-like servers on 127.0.0.1 (DEBUG off, gunicorn.conf.py with
#          2 sync workers, persistent connections): page cache off on BENCH_PORT, on on
#          BENCH_PORT+1. Prints EXTRA_TARGETS for a side-by-side run with another site.
# measure: SQL per page (cold and warm), then wrk on every public page kind, uncached and
#          cached, and a static CSS file through the same gunicorn; 64 connections on the
#          library; worker memory after Khmer searches.
# stop:    stops the servers it started (by their pid files).
# all (default): prepare, serve, measure, stop.
#
# Needs wrk (apt-get install wrk), PostgreSQL, optionally Redis (REDIS_URL; without it
# each worker keeps its own page cache).
# Env: BENCH_DB (assa_bench), PGURL (postgres://postgres@127.0.0.1:5432), BENCH_PORT (8150),
#      BENCH_SECONDS (10), BENCH_CONNS (16), REDIS_URL, BENCH_DIR (var/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
DB=${BENCH_DB:-assa_bench}
PGURL=${PGURL:-postgres://postgres@127.0.0.1:5432}
PORT=${BENCH_PORT:-8150}
CACHED_PORT=$((PORT + 1))
SECONDS_EACH=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNS:-16}
DIR=${BENCH_DIR:-var/bench}
mkdir -p "$DIR"

export DATABASE_URL="$PGURL/$DB"
export DEBUG=false ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false
export SITE_URL=${SITE_URL:-http://127.0.0.1:$PORT}
export SECRET_KEY=${SECRET_KEY:-bench-only-$(printf 'k%.0s' {1..60})}
export STATIC_ROOT="$DIR/static" MEDIA_ROOT="$DIR/media"
export CONN_MAX_AGE=600 WEB_CONCURRENCY=2

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

prepare() {
  log "database $DB (dropped and made again)"
  psql -q "$PGURL/postgres" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  "$PY" manage.py migrate --noinput -v0
  "$PY" manage.py load_demo >/dev/null
  # The placeholder PDF has no text: the search index warns about each, in the log.
  "$PY" manage.py load_bench_content --articles 220 --events 60 --documents 500 2>>"$DIR/prepare.log"
  # The planner's statistics, as autovacuum keeps them on a running server: without them
  # (autovacuum off, or not yet run after the bulk load) it guesses one row per table and
  # picks plans that cost milliseconds (the library's page query: 2 ms rather than 0.5).
  psql -q "$PGURL/$DB" -c "ANALYZE"
  "$PY" manage.py collectstatic --noinput -v0
}

start_one() {  # port page_cache
  local pidfile="$DIR/gunicorn-$1.pid"
  PAGE_CACHE=$2 GUNICORN_BIND="127.0.0.1:$1" "$PY" -m gunicorn -c gunicorn.conf.py \
    --pid "$pidfile" --daemon --error-logfile "$DIR/gunicorn-$1.log"
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$1/healthz" && return 0
    sleep 0.2
  done
  log "gunicorn on $1 did not start: see $DIR/gunicorn-$1.log"; exit 1
}

stop_one() {
  local pidfile="$DIR/gunicorn-$1.pid"
  if [[ -f $pidfile ]]; then
    local pid; pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q gunicorn; then
      kill -TERM "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
    rm -f "$pidfile"
  fi
}

# The addresses measured, as label=path (the same on both servers).
pages() {
  local event article css
  event=$("$PY" manage.py shell -v0 -c "from events.models import Event; print(Event.objects.published().get(kind='assa-board-meeting', number=37).get_absolute_url())")
  article=$("$PY" manage.py shell -v0 -c "from news.models import Article; print(Article.objects.published().order_by('-published_at')[5].get_absolute_url())")
  css=$("$PY" manage.py shell -v0 -c "from django.templatetags.static import static; print(static('css/site.css'))")
  echo "home_en=/en/ home_km=/km/ events=/en/events/ event=$event news=/en/news/"
  echo "article=$article library=/en/documents/ search_en=/en/search/?q=social+security"
  echo "search_km=/km/search/?q=%E1%9E%9F%E1%9E%93%E1%9F%92%E1%9E%8F%E1%9E%B7%E1%9E%9F%E1%9E%BB%E1%9E%81"
  echo "sitemap=/sitemap.xml sitemap_documents=/sitemap-documents.xml static_css=$css"
}

serve() {
  stop_one "$PORT"; stop_one "$CACHED_PORT"
  log "serving: page cache off on $PORT, on on $CACHED_PORT"
  start_one "$PORT" false
  start_one "$CACHED_PORT" true
  local targets=""
  for item in $(pages); do
    targets+=" ours_uncached:${item%%=*}=http://127.0.0.1:$PORT${item#*=}"
    targets+=" ours_cached:${item%%=*}=http://127.0.0.1:$CACHED_PORT${item#*=}"
  done
  echo "EXTRA_TARGETS=\"${targets# }\""
}

to_ms() {  # wrk's "12.34ms" / "1.2s" / "850.00us" -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'
}

wrk_line() {  # label url conns
  local out rps p99 timeouts non2xx
  wrk -t2 -c"$3" -d2s "$2" >/dev/null 2>&1 || true
  out=$(wrk -t2 -c"$3" -d"${SECONDS_EACH}s" --timeout 2s --latency "$2" 2>&1)
  rps=$(awk '/^Requests\/sec/ {print $2}' <<< "$out")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<< "$out")")
  timeouts=$(sed -n 's/.*timeout \([0-9]*\).*/\1/p' <<< "$out"); timeouts=${timeouts:-0}
  non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: \([0-9]*\).*/\1/p' <<< "$out"); non2xx=${non2xx:-0}
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p99" "$timeouts" "$non2xx"
}

rss() {  # port -> "worker RSS (peak) and PSS" of each worker
  local master; master=$(cat "$DIR/gunicorn-$1.pid")
  for pid in $(ps --ppid "$master" -o pid=); do
    awk -v p="$pid" '/VmRSS/ {r=$2} /VmHWM/ {h=$2} END {printf "worker %s: RSS %.0f MiB (peak %.0f MiB)", p, r/1024, h/1024}' "/proc/$pid/status"
    awk '/^Pss:/ {printf ", PSS %.0f MiB\n", $2/1024}' "/proc/$pid/smaps_rollup"
  done
}

measure() {
  local -a items; read -r -a items <<< "$(pages | tr '\n' ' ')"
  local paths=()
  for item in "${items[@]}"; do [[ ${item%%=*} == static_css ]] || paths+=("${item#*=}"); done
  echo "## SQL queries per page (page cache off; cold = empty cache, warm = choices and home data kept)"
  echo "## and, over 20 warm renders in one process, the median ms (wall, CPU) and Python calls of one"
  "$PY" manage.py page_queries --renders 20 "${paths[@]}"
  echo
  for pass in uncached cached; do
    local port=$PORT; [[ $pass == cached ]] && port=$CACHED_PORT
    echo "## $pass: wrk -t2 -c$CONNS, ${SECONDS_EACH}s after a 2 s warm-up"
    echo "| page | req/s | p99 ms | timeouts | non-2xx |"
    echo "|---|---|---|---|---|"
    for item in "${items[@]}"; do
      [[ $pass == cached && ${item%%=*} == static_css ]] && continue
      wrk_line "${item%%=*}" "http://127.0.0.1:$port${item#*=}" "$CONNS"
    done
    echo
  done
  echo "## 64 connections on the library, page cache off"
  echo "| page | req/s | p99 ms | timeouts | non-2xx |"
  echo "|---|---|---|---|---|"
  wrk_line library_c64 "http://127.0.0.1:$PORT/en/documents/" 64
  echo
  echo "## worker memory after Khmer searches (page cache off)"
  for q in សន្តិសុខ សង្គម ការពង្រីក បេឡាជាតិ កិច្ចគាំពារ; do
    for _ in 1 2 3 4; do curl -s -o /dev/null -G "http://127.0.0.1:$PORT/km/search/" --data-urlencode "q=$q"; done
  done
  rss "$PORT"
}

stop() { stop_one "$PORT"; stop_one "$CACHED_PORT"; }

case "${1:-all}" in
  prepare) prepare ;;
  serve) serve ;;
  measure) measure ;;
  stop) stop ;;
  all) prepare; trap stop EXIT; serve >/dev/null; measure ;;
  *) echo "usage: $0 [all|prepare|serve|measure|stop]" >&2; exit 2 ;;
esac
