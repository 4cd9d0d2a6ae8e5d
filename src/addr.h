/* addr.h: IPv4/IPv6 address value type and local-network tests. */
#ifndef ADDR_H
#define ADDR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * An address is a plain value: family 4 or 6, and the address bytes in
 * network order. Unused bytes are always zero, so two addresses are equal
 * exactly when their bytes are (addr_eq compares the whole struct).
 */
struct addr {
	uint8_t		family;
	uint8_t		pad[3];
	union {
		uint8_t		b[16];
		uint32_t	w[4];
	}		u;
};

/* A -l network: (addr & mask) == net. */
struct net {
	struct addr	net;
	struct addr	mask;
};

#define ADDR_STRLEN	46	/* INET6_ADDRSTRLEN */

int		 addr_cmp(const struct addr *, const struct addr *);
const char	*addr_str(const struct addr *, char buf[ADDR_STRLEN]);
int		 addr_parse(const char *, struct addr *);
int		 net_parse(const char *, struct net *, const char **why);
int		 net_contains(const struct net *, const struct addr *);

/* Inline: every packet compares and hashes its two addresses. */
static inline int
addr_eq(const struct addr *a, const struct addr *b)
{
	uint64_t a0, a1, b0, b1;
	uint32_t a2, b2;

	memcpy(&a2, a, 4);	/* family and padding (always zero) */
	memcpy(&b2, b, 4);
	memcpy(&a0, a->u.b, 8);
	memcpy(&b0, b->u.b, 8);
	memcpy(&a1, a->u.b + 8, 8);
	memcpy(&b1, b->u.b + 8, 8);
	return ((a0 ^ b0) | (a1 ^ b1) | (a2 ^ b2)) == 0;
}

/*
 * Mix every bit of the address into the hash, so that packed ranges
 * (10.0.0.0/8, sequential hosts of one IPv6 /64) spread evenly: each half
 * is multiplied by an odd constant (its high bits then depend on all of
 * its bits), the halves are folded, and a last multiplication spreads the
 * fold over the bits returned, the high ones of the product.
 */
static inline uint32_t
addr_hash(const struct addr *a)
{
	uint64_t h;

	h = ((uint64_t)a->u.w[1] << 32 | a->u.w[0]) * 0x9e3779b97f4a7c15ULL;
	h ^= ((uint64_t)a->u.w[3] << 32 | a->u.w[2]) * 0xc2b2ae3d27d4eb4fULL;
	h ^= a->family;
	h ^= h >> 32;
	return (uint32_t)((h * 0xff51afd7ed558ccdULL) >> 32);
}

#endif
