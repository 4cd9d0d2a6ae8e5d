# tests/prometheus.sh: a real Prometheus for the /metrics tests (source it
# after lib.sh). It reads the caller's $TMP/prometheus.yml and appends its
# pid to the caller's PIDS array.

# free_port: a TCP port free on 127.0.0.1 just now.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_prometheus: on a free port (another one if it was taken
# meanwhile); sets PROM to its URL. The console paths are given so that
# nothing under /etc/prometheus is used.
start_prometheus() {
	local try i
	mkdir -p "$TMP/consoles"
	for try in 1 2 3; do
		PP=$(free_port)
		prometheus --config.file="$TMP/prometheus.yml" \
		    --storage.tsdb.path="$TMP/tsdb$try" \
		    --web.listen-address="127.0.0.1:$PP" \
		    --web.console.templates="$TMP/consoles" \
		    --web.console.libraries="$TMP/consoles" \
		    --log.level=warn >"$TMP/prometheus.log" 2>&1 &
		PROM_PID=$!
		for i in $(seq 100); do
			curl -sf "http://127.0.0.1:$PP/-/ready" >/dev/null && break
			kill -0 "$PROM_PID" 2>/dev/null || break
			sleep 0.2
		done
		kill -0 "$PROM_PID" 2>/dev/null && break
		wait "$PROM_PID"
	done
	PIDS+=("$PROM_PID")
	PROM="http://127.0.0.1:$PP"
	check "Prometheus is ready on 127.0.0.1:$PP" \
	    curl -sf "$PROM/-/ready" -o /dev/null
}

# query PROMQL: the JSON answer of the instant-query API.
query() {
	curl -s -G --data-urlencode "query=$1" "$PROM/api/v1/query"
}
