/*
 * report.c: print a snapshot of the tables. Hosts come in address order
 * (IPv4 first), their rows in numeric order, so two runs over the same
 * capture print the same bytes. The text format uses the line records of
 * darkstat-oracle's report (H, P, T, t, U, u) with extra fields appended.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cap.h"
#include "conns.h"
#include "hosts.h"
#include "ports.h"
#include "protos.h"
#include "report.h"
#include "tables.h"
#include "xmalloc.h"

struct sorted {
	struct host	**hosts;
	size_t		  n;
	const struct conn **conns;
	size_t		  nconns;
};

static const char *const alarm_names[] = { "none", "flood", "scan" };

static const struct {
	int		 table;
	char		 tag;
	const char	*name;
	int		 tcp;
} port_tables[] = {
	{ PORTS_TCP,		'T', "tcp",		1 },
	{ PORTS_TCP_REMOTE,	't', "tcp_remote",	1 },
	{ PORTS_UDP,		'U', "udp",		0 },
	{ PORTS_UDP_REMOTE,	'u', "udp_remote",	0 },
};

static int
cmp_host(const void *a, const void *b)
{
	const struct host *x = *(const struct host *const *)a;
	const struct host *y = *(const struct host *const *)b;

	return addr_cmp(&x->addr, &y->addr);
}

static int
cmp_conn(const void *a, const void *b)
{
	const struct conn *x = *(const struct conn *const *)a;
	const struct conn *y = *(const struct conn *const *)b;
	int c;

	if ((c = addr_cmp(&x->client, &y->client)) != 0)
		return c;
	if (x->cport != y->cport)
		return x->cport < y->cport ? -1 : 1;
	if ((c = addr_cmp(&x->server, &y->server)) != 0)
		return c;
	if (x->sport != y->sport)
		return x->sport < y->sport ? -1 : 1;
	return (x->proto > y->proto) - (x->proto < y->proto);
}

/* ADDR:PORT, with brackets for IPv6. */
static const char *
endpoint(const struct addr *a, uint16_t port, char buf[ADDR_STRLEN + 10])
{
	char s[ADDR_STRLEN];

	addr_str(a, s);
	snprintf(buf, ADDR_STRLEN + 10, a->family == 6 ? "[%s]:%u" : "%s:%u",
	    s, port);
	return buf;
}

static int
cmp_port(const void *a, const void *b)
{
	const struct port_entry *x = *(const struct port_entry *const *)a;
	const struct port_entry *y = *(const struct port_entry *const *)b;

	return (x->port > y->port) - (x->port < y->port);
}

static int
cmp_proto(const void *a, const void *b)
{
	const struct proto_entry *x = *(const struct proto_entry *const *)a;
	const struct proto_entry *y = *(const struct proto_entry *const *)b;

	return (x->proto > y->proto) - (x->proto < y->proto);
}

/* Entries of a port table in port order; caller frees. */
static const struct port_entry **
sorted_ports(const struct ports *p, size_t *n)
{
	const struct port_entry **v;
	size_t i;

	if ((*n = ports_count(p)) == 0)
		return NULL;
	v = xreallocarray(NULL, *n, sizeof *v);
	for (i = 0; i < *n; i++)
		v[i] = ports_at(p, i);
	qsort(v, *n, sizeof *v, cmp_port);
	return v;
}

static const struct proto_entry **
sorted_protos(const struct protos *p, size_t *n)
{
	const struct proto_entry **v;
	size_t i;

	if ((*n = protos_count(p)) == 0)
		return NULL;
	v = xreallocarray(NULL, *n, sizeof *v);
	for (i = 0; i < *n; i++)
		v[i] = protos_at(p, i);
	qsort(v, *n, sizeof *v, cmp_proto);
	return v;
}

static void
mac_str(const uint8_t m[6], char buf[18])
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2],
	    m[3], m[4], m[5]);
}

/* --------------------------------------------------------------- text */

static void
text_host(FILE *f, const struct options *o, const struct host *h)
{
	const struct proto_entry **pr;
	const struct port_entry **po;
	char a[ADDR_STRLEN], mac[18];
	size_t i, j, n;

	addr_str(&h->addr, a);
	mac_str(h->mac, mac);
	fprintf(f, "H %s in=%" PRIu64 " out=%" PRIu64 " total=%" PRIu64, a,
	    h->in, h->out, h->in + h->out);
	if (!o->no_macs)
		fprintf(f, " mac=%s", mac);
	if (!o->no_lastseen)
		fprintf(f, " lastseen=%s", h->last_seen ? "seen" : "never");
	fprintf(f, " pkts_in=%" PRIu64 " pkts_out=%" PRIu64 " first_seen=%"
	    PRId64 " last_seen=%" PRId64 "\n", h->pkts_in, h->pkts_out,
	    h->first_seen, h->last_seen);
	pr = sorted_protos(h->protos, &n);
	for (i = 0; i < n; i++)
		fprintf(f, "P %s proto=%u in=%" PRIu64 " out=%" PRIu64
		    " total=%" PRIu64 "\n", a, pr[i]->proto, pr[i]->in,
		    pr[i]->out, pr[i]->in + pr[i]->out);
	free(pr);
	for (j = 0; j < 4; j++) {
		po = sorted_ports(h->ports[port_tables[j].table], &n);
		for (i = 0; i < n; i++) {
			fprintf(f, "%c %s port=%u in=%" PRIu64 " out=%" PRIu64
			    " total=%" PRIu64, port_tables[j].tag, a,
			    po[i]->port, po[i]->in, po[i]->out,
			    po[i]->in + po[i]->out);
			if (port_tables[j].tcp)
				fprintf(f, " syn=%" PRIu64, po[i]->syn);
			fputc('\n', f);
		}
		free(po);
	}
}

static void
text_conns(FILE *f, const struct tables *t, const struct sorted *hs)
{
	const struct conn_alarm *al = conns_alarm(t->conns);
	char a[ADDR_STRLEN + 10], b[ADDR_STRLEN + 10], f0[9], f1[9], lf[9];
	size_t i;

	fprintf(f, "conns %zu evicted=%" PRIu64 "\n", hs->nconns,
	    conns_evicted(t->conns));
	addr_str(&al->addr, a);
	fprintf(f, "alarm kind=%s addr=%s count=%u since=%" PRId64
	    " raised=%" PRIu64 "\n", alarm_names[al->kind], al->kind ? a : "-",
	    al->count, al->since, al->raised);
	for (i = 0; i < hs->nconns; i++) {
		const struct conn *c = hs->conns[i];

		fprintf(f, "C %u %s %s state=%s guessed=%u reset_by=%s pkts=%"
		    PRIu64 "/%" PRIu64 " bytes=%" PRIu64 "/%" PRIu64
		    " flags=%s/%s last=%s rtt_us=%u retrans=%u/%u zero_win=%u/%u"
		    " first=%" PRId64 " last_seen=%" PRId64 "\n", c->proto,
		    endpoint(&c->client, c->cport, a), endpoint(&c->server,
		    c->sport, b), conn_state_names[c->state], c->guessed,
		    c->reset_by == 1 ? "client" : c->reset_by == 2 ? "server" :
		    "-", c->d[0].pkts, c->d[1].pkts, c->d[0].bytes,
		    c->d[1].bytes, conn_flags_str(c->d[0].flags, f0),
		    conn_flags_str(c->d[1].flags, f1), conn_flags_str(
		    c->last_flags, lf), c->rtt_us, c->d[0].retrans,
		    c->d[1].retrans, c->d[0].zero_win, c->d[1].zero_win,
		    c->first, c->last);
	}
}

static void
text_counters(FILE *f, const struct totals *s)
{
	int i;

	fprintf(f, "skipped");
	for (i = REASON_NOT_IP; i < REASON_FIRST_MALFORMED; i++)
		fprintf(f, " %s=%" PRIu64, decode_reason_name(i),
		    s->reasons[i]);
	fprintf(f, "\nmalformed total=%" PRIu64, tables_malformed(s));
	for (i = REASON_FIRST_MALFORMED; i < REASON_COUNT; i++)
		if (s->reasons[i])
			fprintf(f, " %s=%" PRIu64, decode_reason_name(i),
			    s->reasons[i]);
	fprintf(f, "\ndecoded");
	for (i = 0; i < NOTE_COUNT; i++)
		fprintf(f, " %s=%" PRIu64, decode_note_name(i), s->notes[i]);
	fputc('\n', f);
}

static void
text_report(FILE *f, const struct options *o, const struct tables *t,
    const struct sorted *hs)
{
	const struct totals *s = &t->totals;
	uint64_t in = 0, out = 0;
	struct cap_info ci;
	size_t i;

	fprintf(f, "# darkstat-tui report\n");
	for (i = 0; i < (size_t)cap_count(); i++) {
		cap_info((int)i, &ci);
		fprintf(f, "source %s linktype=%s received=%" PRIu64
		    " dropped=%" PRIu64 "%s%s%s\n", ci.name, ci.linktype,
		    ci.received, ci.dropped, ci.error ? " error=\"" : "",
		    ci.error ? ci.error : "", ci.error ? "\"" : "");
	}
	fprintf(f, "frames %" PRIu64 "\n", s->frames);
	fprintf(f, "total_packets %" PRIu64 "\n", s->packets);
	fprintf(f, "total_bytes %" PRIu64 "\n", s->bytes);
	fprintf(f, "cut_packets %" PRIu64 "\n", s->cut);
	text_counters(f, s);
	fprintf(f, "local in_bytes=%" PRIu64 " out_bytes=%" PRIu64
	    " in_pkts=%" PRIu64 " out_pkts=%" PRIu64 "\n", s->local_in_bytes,
	    s->local_out_bytes, s->local_in_pkts, s->local_out_pkts);
	fprintf(f, "sizes");
	for (i = 0; i < SIZE_BUCKETS; i++)
		fprintf(f, " %s%" PRIu32 "=%" PRIu64, i + 1 < SIZE_BUCKETS ?
		    "le" : "gt", i + 1 < SIZE_BUCKETS ? size_bucket_max[i] :
		    size_bucket_max[i - 1], s->sizes[i]);
	fputc('\n', f);
	for (i = 0; i < (size_t)cap_count(); i++) {
		const struct iface_totals *it = &s->iface[i];

		cap_info((int)i, &ci);
		fprintf(f, "iface %s packets=%" PRIu64 " bytes=%" PRIu64
		    " v4=%" PRIu64 " v6=%" PRIu64 " tcp=%" PRIu64 " udp=%"
		    PRIu64 " icmp=%" PRIu64 " other=%" PRIu64 "\n", ci.name,
		    it->packets, it->bytes, it->v4_bytes, it->v6_bytes,
		    it->tcp_bytes, it->udp_bytes, it->icmp_bytes,
		    it->other_bytes);
	}
	fprintf(f, "hosts %zu\n", hs->n);
	fprintf(f, "hosts_evicted %" PRIu64 "\n", s->hosts_evicted);
	for (i = 0; i < hs->n; i++) {
		in += hs->hosts[i]->in;
		out += hs->hosts[i]->out;
	}
	fprintf(f, "hosts_sum in=%" PRIu64 " out=%" PRIu64 "\n", in, out);
	for (i = 0; i < hs->n; i++)
		text_host(f, o, hs->hosts[i]);
	text_conns(f, t, hs);
}

/* ---------------------------------------------------------------- csv */

static void
csv_report(FILE *f, const struct options *o, const struct sorted *hs)
{
	const struct proto_entry **pr;
	const struct port_entry **po;
	char a[ADDR_STRLEN], mac[18];
	size_t i, j, k, n;

	fprintf(f, "record,addr,number,in,out,total,syn,pkts_in,pkts_out,"
	    "mac,first_seen,last_seen\n");
	for (i = 0; i < hs->n; i++) {
		const struct host *h = hs->hosts[i];

		addr_str(&h->addr, a);
		mac_str(h->mac, mac);
		fprintf(f, "host,%s,,%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",,%"
		    PRIu64 ",%" PRIu64 ",%s,%" PRId64 ",%" PRId64 "\n", a,
		    h->in, h->out, h->in + h->out, h->pkts_in, h->pkts_out,
		    o->no_macs ? "" : mac, h->first_seen, h->last_seen);
		pr = sorted_protos(h->protos, &n);
		for (k = 0; k < n; k++)
			fprintf(f, "proto,%s,%u,%" PRIu64 ",%" PRIu64 ",%"
			    PRIu64 ",,,,,,\n", a, pr[k]->proto, pr[k]->in,
			    pr[k]->out, pr[k]->in + pr[k]->out);
		free(pr);
		for (j = 0; j < 4; j++) {
			po = sorted_ports(h->ports[port_tables[j].table], &n);
			for (k = 0; k < n; k++) {
				fprintf(f, "%s,%s,%u,%" PRIu64 ",%" PRIu64 ",%"
				    PRIu64 ",", port_tables[j].name, a,
				    po[k]->port, po[k]->in, po[k]->out,
				    po[k]->in + po[k]->out);
				if (port_tables[j].tcp)
					fprintf(f, "%" PRIu64, po[k]->syn);
				fprintf(f, ",,,,,\n");
			}
			free(po);
		}
	}
}

/* --------------------------------------------------------------- json */

void
report_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

void
report_json_host_fields(FILE *f, const struct options *o,
    const struct host *h, int tables)
{
	const struct proto_entry **pr;
	const struct port_entry **po;
	char a[ADDR_STRLEN], mac[18];
	size_t j, k, n;

	addr_str(&h->addr, a);
	mac_str(h->mac, mac);
	fprintf(f, "\"addr\":\"%s\",\"in\":%" PRIu64 ",\"out\":%" PRIu64
	    ",\"total\":%" PRIu64 ",\"pkts_in\":%" PRIu64 ",\"pkts_out\":%"
	    PRIu64, a, h->in, h->out, h->in + h->out, h->pkts_in, h->pkts_out);
	if (!o->no_macs)
		fprintf(f, ",\"mac\":\"%s\"", mac);
	fprintf(f, ",\"first_seen\":%" PRId64 ",\"last_seen\":", h->first_seen);
	if (h->last_seen)
		fprintf(f, "%" PRId64, h->last_seen);
	else
		fprintf(f, "null");
	if (!tables)
		return;
	fprintf(f, ",\"protocols\":[");
	pr = sorted_protos(h->protos, &n);
	for (k = 0; k < n; k++)
		fprintf(f, "%s{\"proto\":%u,\"in\":%" PRIu64 ",\"out\":%" PRIu64
		    ",\"total\":%" PRIu64 "}", k ? "," : "", pr[k]->proto,
		    pr[k]->in, pr[k]->out, pr[k]->in + pr[k]->out);
	free(pr);
	fputc(']', f);
	for (j = 0; j < 4; j++) {
		fprintf(f, ",\"%s\":[", port_tables[j].name);
		po = sorted_ports(h->ports[port_tables[j].table], &n);
		for (k = 0; k < n; k++) {
			fprintf(f, "%s{\"port\":%u,\"in\":%" PRIu64 ",\"out\":%"
			    PRIu64 ",\"total\":%" PRIu64, k ? "," : "",
			    po[k]->port, po[k]->in, po[k]->out,
			    po[k]->in + po[k]->out);
			if (port_tables[j].tcp)
				fprintf(f, ",\"syn\":%" PRIu64, po[k]->syn);
			fputc('}', f);
		}
		free(po);
		fputc(']', f);
	}
}

void
report_json_host(FILE *f, const struct options *o, const struct host *h,
    int tables)
{
	fputc('{', f);
	report_json_host_fields(f, o, h, tables);
	fputc('}', f);
}

static void
json_counters(FILE *f, const struct totals *s)
{
	int i;

	fprintf(f, "\"skipped\":{");
	for (i = REASON_NOT_IP; i < REASON_FIRST_MALFORMED; i++)
		fprintf(f, "%s\"%s\":%" PRIu64, i > REASON_NOT_IP ? "," : "",
		    decode_reason_name(i), s->reasons[i]);
	fprintf(f, "},\n\"malformed\":{\"total\":%" PRIu64,
	    tables_malformed(s));
	for (i = REASON_FIRST_MALFORMED; i < REASON_COUNT; i++)
		fprintf(f, ",\"%s\":%" PRIu64, decode_reason_name(i),
		    s->reasons[i]);
	fprintf(f, "},\n\"decoded\":{");
	for (i = 0; i < NOTE_COUNT; i++)
		fprintf(f, "%s\"%s\":%" PRIu64, i ? "," : "",
		    decode_note_name(i), s->notes[i]);
	fprintf(f, "},\n");
}

void
report_json_graphs(FILE *f, const struct graphs *gs)
{
	int i, b;

	fprintf(f, "\"graphs\":{\"last\":%" PRId64, gs->last);
	for (i = 0; i < GRAPHS; i++) {
		const struct graph *g = &gs->g[i];

		fprintf(f, ",\"%s\":{\"pos\":%u,\"in\":[", graph_names[i],
		    g->pos);
		for (b = 0; b < g->nbars; b++)
			fprintf(f, "%s%" PRIu64, b ? "," : "", g->bar[b].in);
		fprintf(f, "],\"out\":[");
		for (b = 0; b < g->nbars; b++)
			fprintf(f, "%s%" PRIu64, b ? "," : "", g->bar[b].out);
		fprintf(f, "]}");
	}
	fprintf(f, "},\n");
}

void
report_json_conn(FILE *f, const struct conn *c)
{
	char a[ADDR_STRLEN], b[ADDR_STRLEN], fl[9];
	int d, e;

	fprintf(f, "{\"proto\":%u,\"client\":\"%s\",\"client_port\":%u,"
	    "\"server\":\"%s\",\"server_port\":%u,\"state\":\"%s\","
	    "\"guessed\":%s,\"reset_by\":%s", c->proto, addr_str(&c->client,
	    a), c->cport, addr_str(&c->server, b), c->sport,
	    conn_state_names[c->state], c->guessed ? "true" : "false",
	    c->reset_by == 1 ? "\"client\"" : c->reset_by == 2 ?
	    "\"server\"" : "null");
	for (d = 0; d < 2; d++)
		fprintf(f, ",\"%s\":{\"packets\":%" PRIu64 ",\"bytes\":%"
		    PRIu64 ",\"flags\":\"%s\",\"retrans\":%u,\"zero_window\":%u}",
		    d ? "server_to_client" : "client_to_server", c->d[d].pkts,
		    c->d[d].bytes, conn_flags_str(c->d[d].flags, fl),
		    c->d[d].retrans, c->d[d].zero_win);
	fprintf(f, ",\"last_flags\":\"%s\",\"rtt_us\":", conn_flags_str(
	    c->last_flags, fl));
	if (c->rtt_us)
		fprintf(f, "%u", c->rtt_us);
	else
		fprintf(f, "null");
	fprintf(f, ",\"first\":%" PRId64 ",\"last\":%" PRId64 ",\"events\":[",
	    c->first, c->last);
	for (e = 0; e < c->nevents; e++)
		fprintf(f, "%s{\"ms\":%u,\"dir\":\"%s\",\"flags\":\"%s\"}",
		    e ? "," : "", c->ev[e].ms, c->ev[e].dir ? "server" :
		    "client", conn_flags_str(c->ev[e].flags, fl));
	fprintf(f, "]}");
}

/* The alarm as it stands and the connection table's counts. */
static void
json_alarm(FILE *f, const struct tables *t)
{
	const struct conn_alarm *al = conns_alarm(t->conns);
	char a[ADDR_STRLEN];

	fprintf(f, "\"alarm\":{\"kind\":\"%s\",\"addr\":", alarm_names[al->kind]);
	if (al->kind)
		fprintf(f, "\"%s\"", addr_str(&al->addr, a));
	else
		fprintf(f, "null");
	fprintf(f, ",\"count\":%u,\"since\":%" PRId64 ",\"raised\":%" PRIu64
	    "},\n\"connections_tracked\":%zu,\n\"connections_evicted\":%"
	    PRIu64 ",\n", al->count, al->since, al->raised,
	    conns_count(t->conns), conns_evicted(t->conns));
}

void
report_json_status(FILE *f, const struct tables *t)
{
	const struct totals *s = &t->totals;
	struct cap_info ci;
	size_t i;

	fprintf(f, "\"sources\":[");
	for (i = 0; i < (size_t)cap_count(); i++) {
		cap_info((int)i, &ci);
		fprintf(f, "%s{\"name\":", i ? "," : "");
		report_json_string(f, ci.name);
		fprintf(f, ",\"linktype\":\"%s\",\"received\":%" PRIu64
		    ",\"dropped\":%" PRIu64 ",\"error\":", ci.linktype,
		    ci.received, ci.dropped);
		if (ci.error)
			report_json_string(f, ci.error);
		else
			fprintf(f, "null");
		fputc('}', f);
	}
	fprintf(f, "],\n\"totals\":{\"frames\":%" PRIu64 ",\"packets\":%"
	    PRIu64 ",\"bytes\":%" PRIu64 ",\"cut_packets\":%" PRIu64
	    ",\"local_in_bytes\":%" PRIu64 ",\"local_out_bytes\":%" PRIu64
	    ",\"local_in_pkts\":%" PRIu64 ",\"local_out_pkts\":%" PRIu64
	    ",\"hosts\":%zu,\"hosts_evicted\":%" PRIu64 ",\"first_ts\":%"
	    PRId64 ",\"last_ts\":%" PRId64 "},\n", s->frames, s->packets,
	    s->bytes, s->cut, s->local_in_bytes, s->local_out_bytes,
	    s->local_in_pkts, s->local_out_pkts, hosts_count(t->hosts),
	    s->hosts_evicted, s->first_ts, s->last_ts);
	json_counters(f, s);
	/* Size buckets by their largest IP length; the last has none. */
	fprintf(f, "\"sizes\":[");
	for (i = 0; i < SIZE_BUCKETS; i++) {
		fprintf(f, "%s{\"max\":", i ? "," : "");
		if (i + 1 < SIZE_BUCKETS)
			fprintf(f, "%" PRIu32, size_bucket_max[i]);
		else
			fprintf(f, "null");
		fprintf(f, ",\"packets\":%" PRIu64 "}", s->sizes[i]);
	}
	fprintf(f, "],\n\"ifaces\":[");
	for (i = 0; i < (size_t)cap_count(); i++) {
		const struct iface_totals *it = &s->iface[i];

		cap_info((int)i, &ci);
		fprintf(f, "%s{\"name\":", i ? "," : "");
		report_json_string(f, ci.name);
		fprintf(f, ",\"packets\":%" PRIu64 ",\"bytes\":%" PRIu64
		    ",\"v4_bytes\":%" PRIu64 ",\"v6_bytes\":%" PRIu64
		    ",\"tcp_bytes\":%" PRIu64 ",\"udp_bytes\":%" PRIu64
		    ",\"icmp_bytes\":%" PRIu64 ",\"other_bytes\":%" PRIu64 "}",
		    it->packets, it->bytes, it->v4_bytes,
		    it->v6_bytes, it->tcp_bytes, it->udp_bytes, it->icmp_bytes,
		    it->other_bytes);
	}
	fprintf(f, "],\n");
	json_alarm(f, t);
}

static void
json_report(FILE *f, const struct options *o, const struct tables *t,
    const struct sorted *hs)
{
	size_t i;

	fputc('{', f);
	report_json_status(f, t);
	report_json_graphs(f, &t->graphs);
	fprintf(f, "\"connections\":[");
	for (i = 0; i < hs->nconns; i++) {
		fprintf(f, "%s\n", i ? "," : "");
		report_json_conn(f, hs->conns[i]);
	}
	fprintf(f, "\n],\n\"hosts\":[");
	for (i = 0; i < hs->n; i++) {
		fprintf(f, "%s\n", i ? "," : "");
		report_json_host(f, o, hs->hosts[i], 1);
	}
	fprintf(f, "\n]}\n");
}

void
report_write(FILE *f, const struct options *o, const struct tables *t)
{
	struct sorted hs;
	size_t i;

	hs.hosts = hosts_list(t->hosts, &hs.n);
	if (hs.n > 0)
		qsort(hs.hosts, hs.n, sizeof *hs.hosts, cmp_host);
	hs.nconns = conns_count(t->conns);
	hs.conns = hs.nconns ? xreallocarray(NULL, hs.nconns,
	    sizeof *hs.conns) : NULL;
	for (i = 0; i < hs.nconns; i++)
		hs.conns[i] = conns_at(t->conns, i);
	if (hs.nconns > 0)
		qsort(hs.conns, hs.nconns, sizeof *hs.conns, cmp_conn);
	switch (o->report) {
	case REPORT_TEXT:
		text_report(f, o, t, &hs);
		break;
	case REPORT_CSV:
		csv_report(f, o, &hs);
		break;
	case REPORT_JSON:
		json_report(f, o, t, &hs);
		break;
	case REPORT_NONE:
		break;
	}
	free(hs.hosts);
	free(hs.conns);
	fflush(f);
}
