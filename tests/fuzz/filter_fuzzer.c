/*
 * filter_fuzzer.c: libFuzzer target for the display filter (PCRE2 terms,
 * host:/mac:/port:/proto: qualifiers): any text is compiled, and what
 * compiles is matched against hosts with tables and a connection.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conns.h"
#include "filter.h"
#include "hosts.h"
#include "ports.h"
#include "protos.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct hosts *hosts;
static struct conn conn;

static void
init(void)
{
	static const char *const addrs[] = { "10.0.0.1", "2001:db8::1",
	    "192.0.2.250" };
	size_t i;

	hosts = hosts_new();
	for (i = 0; i < 3; i++) {
		struct addr a;
		struct host *h;

		addr_parse(addrs[i], &a);
		h = hosts_get(hosts, &a);
		h->mac[5] = (uint8_t)i;
		protos_get(&h->protos, (uint8_t)(6 + i),
		    hosts_pool(hosts))->in = 10;
		ports_get(&h->ports[PORTS_TCP], (uint16_t)(80 + i), 60, 30,
		    hosts_pool(hosts))->in = 5;
		ports_get(&h->ports[PORTS_UDP_REMOTE], 53, 60, 30,
		    hosts_pool(hosts))->out = 5;
	}
	addr_parse("10.0.0.1", &conn.client);
	addr_parse("10.0.0.2", &conn.server);
	conn.cport = 40000;
	conn.sport = 443;
	conn.proto = 6;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct filter *f;
	struct host **v;
	char *text, err[256];
	size_t i, n;

	if (hosts == NULL)
		init();
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	if ((f = filter_compile(text, err, sizeof err)) != NULL) {
		v = hosts_list(hosts, &n);
		for (i = 0; i < n; i++)
			filter_match(f, v[i], i ? "name.example" : NULL);
		filter_match_conn(f, &conn);
		filter_needs_tables(f);
		free(v);
		filter_free(f);
	}
	free(text);
	return 0;
}
