/* filter.c: compile and match the display filter with PCRE2. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "conns.h"
#include "filter.h"
#include "hosts.h"
#include "ports.h"
#include "protos.h"
#include "xmalloc.h"

#define MAX_TERMS	16

enum field { F_ANY, F_HOST, F_MAC, F_PORT, F_PROTO };

struct term {
	enum field	 field;
	pcre2_code	*re;
};

struct filter {
	int			 n;
	struct term		 t[MAX_TERMS];
	pcre2_match_data	*md;
};

static const struct {
	const char	*prefix;
	enum field	 field;
} qualifiers[] = {
	{ "host:", F_HOST }, { "mac:", F_MAC }, { "port:", F_PORT },
	{ "proto:", F_PROTO },
};

void
filter_free(struct filter *f)
{
	int i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++)
		pcre2_code_free(f->t[i].re);
	pcre2_match_data_free(f->md);
	free(f);
}

static int
add_term(struct filter *f, const char *word, char *err, size_t errlen)
{
	struct term *t = &f->t[f->n];
	PCRE2_UCHAR msg[160];
	PCRE2_SIZE at;
	size_t i;
	int code;

	t->field = F_ANY;
	for (i = 0; i < sizeof qualifiers / sizeof qualifiers[0]; i++) {
		size_t n = strlen(qualifiers[i].prefix);

		if (strncmp(word, qualifiers[i].prefix, n) == 0) {
			t->field = qualifiers[i].field;
			word += n;
			break;
		}
	}
	t->re = pcre2_compile((PCRE2_SPTR)word, PCRE2_ZERO_TERMINATED,
	    PCRE2_CASELESS, &code, &at, NULL);
	if (t->re == NULL) {
		pcre2_get_error_message(code, msg, sizeof msg);
		snprintf(err, errlen, "\"%s\": %s at offset %zu", word,
		    (char *)msg, (size_t)at);
		return -1;
	}
	f->n++;
	return 0;
}

struct filter *
filter_compile(const char *text, char *err, size_t errlen)
{
	struct filter *f = xcalloc(1, sizeof *f);
	char *copy = xstrdup(text), *word, *save = NULL;

	for (word = strtok_r(copy, " \t", &save); word != NULL;
	    word = strtok_r(NULL, " \t", &save)) {
		if (f->n == MAX_TERMS || add_term(f, word, err, errlen) == -1) {
			if (f->n == MAX_TERMS)
				snprintf(err, errlen, "more than %d terms",
				    MAX_TERMS);
			free(copy);
			filter_free(f);
			return NULL;
		}
	}
	free(copy);
	f->md = pcre2_match_data_create(1, NULL);
	return f;
}

static int
re_match(const struct filter *f, const pcre2_code *re, const char *s)
{
	return s != NULL && pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0,
	    f->md, NULL) >= 0;
}

static int
match_ports(const struct filter *f, const pcre2_code *re, const struct host *h)
{
	char num[8];
	size_t i;
	int t;

	for (t = 0; t < PORTS_TABLES; t++)
		for (i = 0; i < ports_count(h->ports[t]); i++) {
			snprintf(num, sizeof num, "%u", ports_at(h->ports[t], i)->port);
			if (re_match(f, re, num))
				return 1;
		}
	return 0;
}

static int
match_proto(const struct filter *f, const pcre2_code *re, int p)
{
	struct protoent *pe = getprotobynumber(p);
	char num[8];

	snprintf(num, sizeof num, "%d", p);
	return re_match(f, re, num) || (pe && re_match(f, re, pe->p_name));
}

static int
match_protos(const struct filter *f, const pcre2_code *re, const struct host *h)
{
	size_t i;

	for (i = 0; i < protos_count(h->protos); i++)
		if (match_proto(f, re, protos_at(h->protos, i)->proto))
			return 1;
	return 0;
}

int
filter_match(const struct filter *f, const struct host *h, const char *name)
{
	char addr[ADDR_STRLEN], mac[18];
	int i;

	if (f == NULL)
		return 1;
	addr_str(&h->addr, addr);
	snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", h->mac[0],
	    h->mac[1], h->mac[2], h->mac[3], h->mac[4], h->mac[5]);
	for (i = 0; i < f->n; i++) {
		const pcre2_code *re = f->t[i].re;
		int ok = 0;

		switch (f->t[i].field) {
		case F_ANY:
			ok = re_match(f, re, addr) || re_match(f, re, name) ||
			    re_match(f, re, mac);
			break;
		case F_HOST:
			ok = re_match(f, re, addr) || re_match(f, re, name);
			break;
		case F_MAC:
			ok = re_match(f, re, mac);
			break;
		case F_PORT:
			ok = match_ports(f, re, h);
			break;
		case F_PROTO:
			ok = match_protos(f, re, h);
			break;
		}
		if (!ok)
			return 0;
	}
	return 1;
}

int
filter_match_conn(const struct filter *f, const struct conn *c)
{
	char a[ADDR_STRLEN], b[ADDR_STRLEN], pa[8], pb[8];
	int i;

	if (f == NULL)
		return 1;
	addr_str(&c->client, a);
	addr_str(&c->server, b);
	snprintf(pa, sizeof pa, "%u", c->cport);
	snprintf(pb, sizeof pb, "%u", c->sport);
	for (i = 0; i < f->n; i++) {
		const pcre2_code *re = f->t[i].re;
		int ok = 0;

		switch (f->t[i].field) {
		case F_ANY:
		case F_HOST:
			ok = re_match(f, re, a) || re_match(f, re, b);
			break;
		case F_MAC:
			ok = 0;		/* connections carry no MAC */
			break;
		case F_PORT:
			ok = re_match(f, re, pa) || re_match(f, re, pb);
			break;
		case F_PROTO:
			ok = match_proto(f, re, c->proto);
			break;
		}
		if (!ok)
			return 0;
	}
	return 1;
}

int
filter_needs_tables(const struct filter *f)
{
	int i;

	for (i = 0; f != NULL && i < f->n; i++)
		if (f->t[i].field == F_PORT || f->t[i].field == F_PROTO)
			return 1;
	return 0;
}
