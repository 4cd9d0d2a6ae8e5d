/*
 * http_fuzzer.c: libFuzzer target for the web interface's request path:
 * routing, path cleaning, query parsing and the rendering of every page
 * and endpoint, over tables holding IPv4 and IPv6 hosts, ports and
 * connections. Input: METHOD '\n' PATH '\n' QUERY (key=value&...).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/route.h"
#include "opt.h"
#include "stats.h"

#define MAX_ARGS	16

struct args {
	char	*key[MAX_ARGS];
	char	*val[MAX_ARGS];
	int	 n;
};

static struct options opts;

static const char *
arg_of(void *ctx, const char *key)
{
	struct args *a = ctx;
	int i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->key[i], key) == 0)
			return a->val[i];
	return NULL;
}

static void
packet(struct batch *b, const char *src, const char *dst, uint8_t proto,
    uint16_t sport, uint16_t dport, uint8_t flags, uint32_t len)
{
	struct pkt *p = &b->pkt[b->n++];

	memset(p, 0, sizeof *p);
	addr_parse(src, &p->src);
	addr_parse(dst, &p->dst);
	p->ts = 1700000000 + b->n;
	p->len = len;
	p->proto = proto;
	p->sport = sport;
	p->dport = dport;
	p->tcp_flags = flags;
	p->flags = PKT_PROTO | PKT_MACS | (proto == 6 || proto == 17 ?
	    PKT_PORTS : 0) | PKT_SRC_LOCAL;
	p->src_mac[5] = (uint8_t)b->n;
	b->frames++;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static struct batch b;
	struct acct_limits l = { 1000, 500, 60, 30, 65535, 0,
	    { 100, 300, 5 } };

	(void)argc;
	(void)argv;
	opts.hosts_max = 1000;
	opts.no_dns = 1;
	opts.metrics_hosts = 1000;
	opts.capfile = "fuzz.pcap";
	stats_init(&l);
	packet(&b, "10.0.0.1", "10.0.0.2", 6, 40000, 80, 0x02, 60);
	packet(&b, "10.0.0.2", "10.0.0.1", 6, 80, 40000, 0x12, 60);
	packet(&b, "10.0.0.1", "10.0.0.2", 6, 40000, 80, 0x10, 1500);
	packet(&b, "2001:db8::1", "2001:db8::2", 17, 5353, 53, 0, 80);
	packet(&b, "192.0.2.9", "10.0.0.1", 1, 0, 0, 0, 84);
	for (int i = 0; i < 8; i++)
		packet(&b, "198.51.100.7", "10.0.0.3", 6, 50000,
		    (uint16_t)(i + 20), 0x02, 40);
	stats_apply(&b);
	http_route_init(&opts);
	return 0;
}

/* Split the input at '\n' into method, path and query. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_req req;
	struct http_reply r;
	struct args a = { .n = 0 };
	char *buf = malloc(size + 1), *method, *path, *query, *kv;

	memcpy(buf, data, size);
	buf[size] = '\0';
	method = buf;
	if ((path = strchr(method, '\n')) == NULL) {
		free(buf);
		return 0;
	}
	*path++ = '\0';
	if ((query = strchr(path, '\n')) != NULL)
		*query++ = '\0';
	while (query != NULL && a.n < MAX_ARGS &&
	    (kv = strsep(&query, "&")) != NULL) {
		char *eq = strchr(kv, '=');

		a.key[a.n] = kv;
		a.val[a.n] = eq ? (*eq = '\0', eq + 1) : (char *)"";
		a.n++;
	}
	req = (struct http_req){ method, path, arg_of, &a, 0 };
	http_route(&req, &r);
	if (r.body != NULL && !r.is_static)
		free(r.body);
	free(buf);
	return 0;
}
