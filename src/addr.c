/* addr.c: IPv4/IPv6 address values: compare, hash, format, parse. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"

/* IPv4 before IPv6, then numerically: the order reports are printed in. */
int
addr_cmp(const struct addr *a, const struct addr *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	return memcmp(a->u.b, b->u.b, a->family == 4 ? 4 : 16);
}

const char *
addr_str(const struct addr *a, char buf[ADDR_STRLEN])
{
	if (inet_ntop(a->family == 4 ? AF_INET : AF_INET6, a->u.b, buf,
	    ADDR_STRLEN) == NULL)
		strcpy(buf, "?");
	return buf;
}

/* Parse a numeric IPv4 or IPv6 address; 0 on success, -1 if invalid. */
int
addr_parse(const char *s, struct addr *a)
{
	memset(a, 0, sizeof *a);
	if (inet_pton(AF_INET, s, a->u.b) == 1) {
		a->family = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, s, a->u.b) == 1) {
		a->family = 6;
		return 0;
	}
	return -1;
}

static int
prefix_mask(unsigned int bits, int family, struct addr *mask)
{
	unsigned int i, max = family == 4 ? 32 : 128;

	if (bits > max)
		return -1;
	memset(mask, 0, sizeof *mask);
	mask->family = family;
	for (i = 0; i < bits; i++)
		mask->u.b[i / 8] |= 0x80 >> (i % 8);
	return 0;
}

/*
 * Parse NET/MASK as darkstat's -l does: MASK is a prefix length (digits
 * only) or an address-style mask of the same family; NET is masked.
 * Returns 0, or -1 with *why set to the reason.
 */
int
net_parse(const char *s, struct net *n, const char **why)
{
	char buf[128], *slash, *end;
	unsigned long bits;
	int i;

	if (strlen(s) >= sizeof buf) {
		*why = "too long";
		return -1;
	}
	strcpy(buf, s);
	if ((slash = strchr(buf, '/')) == NULL) {
		*why = "expecting network/netmask";
		return -1;
	}
	*slash++ = '\0';
	if (addr_parse(buf, &n->net) == -1) {
		*why = "invalid network address";
		return -1;
	}
	if (*slash != '\0' && strspn(slash, "0123456789") == strlen(slash)) {
		bits = strtoul(slash, &end, 10);
		if (bits > 128 || prefix_mask(bits, n->net.family,
		    &n->mask) == -1) {
			*why = "invalid network prefix length";
			return -1;
		}
	} else if (addr_parse(slash, &n->mask) == -1) {
		*why = "invalid netmask";
		return -1;
	} else if (n->mask.family != n->net.family) {
		*why = "family mismatch between net and mask";
		return -1;
	}
	for (i = 0; i < 16; i++)
		n->net.u.b[i] &= n->mask.u.b[i];
	return 0;
}

int
net_contains(const struct net *n, const struct addr *a)
{
	int i;

	if (a->family != n->net.family)
		return 0;
	for (i = 0; i < 4; i++)
		if ((a->u.w[i] & n->mask.u.w[i]) != n->net.u.w[i])
			return 0;
	return 1;
}
