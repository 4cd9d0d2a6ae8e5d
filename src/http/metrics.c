/*
 * metrics.c: /metrics in Prometheus' text format (version 0.0.4). The host
 * series keep the names and labels of darkstat's own later /metrics,
 * host_bytes_total{interface,ip,mac,dir}, so existing dashboards work; the
 * busiest --metrics-hosts hosts only, to bound the label cardinality.
 */
#include <inttypes.h>
#include <stdlib.h>

#include <pcap/pcap.h>

#include "cap.h"
#include "conns.h"
#include "hosts.h"
#include "http/api.h"
#include "http/snap.h"
#include "http/web.h"
#include "opt.h"
#include "tables.h"

/* s as a quoted label value into buf. */
static const char *
label_str(char *buf, size_t len, const char *s)
{
	size_t o = 0;

	buf[o++] = '"';
	for (; *s != '\0' && o + 4 < len; s++) {
		if (*s == '\\' || *s == '"' || *s == '\n')
			buf[o++] = '\\';
		buf[o++] = *s == '\n' ? 'n' : *s;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}

static void
label(FILE *f, const char *s)
{
	char buf[1024];

	fputs(label_str(buf, sizeof buf, s), f);
}

static void
head(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void
host_series(FILE *f, const struct web *w, struct snap *s)
{
	static const char *const dirs[] = { "in", "out" };
	struct host *const *hs;
	size_t n, i;
	char a[ADDR_STRLEN], mac[18], iface[1024];
	int d, bytes;

	hs = snap_sorted(s, KEY_TOTAL, &n);
	label_str(iface, sizeof iface, w->ifaces);
	if (n > w->o->metrics_hosts)
		n = w->o->metrics_hosts;
	for (bytes = 1; bytes >= 0; bytes--) {
		const char *name = bytes ? "host_bytes_total" :
		    "host_packets_total";

		head(f, name, "counter", bytes ? "Bytes by host and direction."
		    : "Packets by host and direction.");
		for (i = 0; i < n; i++) {
			const struct host *h = hs[i];

			addr_str(&h->addr, a);
			for (d = 0; d < 2; d++) {
				fprintf(f, "%s{interface=%s,ip=\"%s\"", name,
				    iface, a);
				if (!w->o->no_macs) {
					web_mac(mac, h->mac);
					fprintf(f, ",mac=\"%s\"", mac);
				}
				fprintf(f, ",dir=\"%s\"} %" PRIu64 "\n",
				    dirs[d], bytes ? (d ? h->out : h->in) :
				    (d ? h->pkts_out : h->pkts_in));
			}
		}
	}
}

static void
capture_series(FILE *f, const struct web *w, const struct tables *t)
{
	static const struct {
		const char	*name;
		const char	*help;
	} m[] = {
		{ "darkstat_tui_capture_received_total",
		    "Frames the capture source received." },
		{ "darkstat_tui_capture_dropped_total",
		    "Frames the kernel dropped before the capture read them." },
		{ "darkstat_tui_interface_bytes_total",
		    "Bytes accounted per capture source." },
		{ "darkstat_tui_interface_packets_total",
		    "Packets accounted per capture source." },
	};
	struct cap_info ci;
	size_t k;
	int i;

	for (k = 0; k < sizeof m / sizeof m[0]; k++) {
		head(f, m[k].name, "counter", m[k].help);
		for (i = 0; i < cap_count(); i++) {
			uint64_t v;

			cap_info(i, &ci);
			v = k == 0 ? (ci.received ? ci.received : ci.frames) :
			    k == 1 ? ci.dropped : k == 2 ? t->totals.iface[i].bytes
			    : t->totals.iface[i].packets;
			fprintf(f, "%s{interface=", m[k].name);
			/* A replay is named as in the host series. */
			label(f, w->replay ? w->ifaces : ci.name);
			fprintf(f, "} %" PRIu64 "\n", v);
		}
	}
}

static void
one(FILE *f, const char *name, const char *type, const char *help,
    uint64_t v)
{
	head(f, name, type, help);
	fprintf(f, "%s %" PRIu64 "\n", name, v);
}

void
metrics(const struct web *w, struct http_reply *r, FILE *f)
{
	struct snap *s = snap_get(SNAP_CONNS);
	const struct tables *t = snap_tables(s);
	const struct totals *tt = &t->totals;
	const struct conn_alarm *al = conns_alarm(t->conns);
	int i;

	head(f, "darkstat_tui_build_info", "gauge", "Version and libpcap.");
	fprintf(f, "darkstat_tui_build_info{version=");
	label(f, opt_release());
	fprintf(f, ",libpcap=");
	label(f, pcap_lib_version());
	fprintf(f, "} 1\n");
	one(f, "darkstat_tui_packets_total", "counter",
	    "IP packets accounted.", tt->packets);
	one(f, "darkstat_tui_bytes_total", "counter",
	    "IP bytes accounted (IP lengths).", tt->bytes);
	one(f, "darkstat_tui_frames_total", "counter",
	    "Frames handed to the decoder.", tt->frames);
	head(f, "darkstat_tui_frames_not_accounted_total", "counter",
	    "Frames skipped or malformed, by reason.");
	for (i = REASON_NOT_IP; i < REASON_COUNT; i++)
		fprintf(f, "darkstat_tui_frames_not_accounted_total{reason=\"%s\","
		    "malformed=\"%s\"} %" PRIu64 "\n", decode_reason_name(i),
		    i >= REASON_FIRST_MALFORMED ? "yes" : "no", tt->reasons[i]);
	capture_series(f, w, t);
	one(f, "darkstat_tui_hosts", "gauge", "Hosts in the table.",
	    hosts_count(t->hosts));
	one(f, "darkstat_tui_hosts_max", "gauge", "--hosts-max (0: none).",
	    w->o->hosts_max);
	one(f, "darkstat_tui_hosts_evicted_total", "counter",
	    "Hosts evicted to keep the table under --hosts-max.",
	    tt->hosts_evicted);
	one(f, "darkstat_tui_connections", "gauge", "Connections tracked.",
	    conns_count(t->conns));
	one(f, "darkstat_tui_connections_evicted_total", "counter",
	    "Connections evicted to stay under --conns-max.",
	    conns_evicted(t->conns));
	head(f, "darkstat_tui_alarm", "gauge",
	    "1 while the SYN-flood or port-scan alarm is raised.");
	fprintf(f, "darkstat_tui_alarm{kind=\"flood\"} %d\n"
	    "darkstat_tui_alarm{kind=\"scan\"} %d\n", al->kind == ALARM_FLOOD,
	    al->kind == ALARM_SCAN);
	one(f, "darkstat_tui_alarm_raised_total", "counter",
	    "Times the alarm was raised.", al->raised);
	host_series(f, w, s);
	r->status = 200;
	r->type = "text/plain; version=0.0.4; charset=utf-8";
	r->no_cache = 1;
	snap_release(s);
}
