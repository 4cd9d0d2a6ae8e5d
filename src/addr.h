/* addr.h: IPv4/IPv6 address value type and local-network tests. */
#ifndef ADDR_H
#define ADDR_H

#include <stddef.h>
#include <stdint.h>

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

int		 addr_eq(const struct addr *, const struct addr *);
int		 addr_cmp(const struct addr *, const struct addr *);
uint32_t	 addr_hash(const struct addr *);
const char	*addr_str(const struct addr *, char buf[ADDR_STRLEN]);
int		 addr_parse(const char *, struct addr *);
int		 net_parse(const char *, struct net *, const char **why);
int		 net_contains(const struct net *, const struct addr *);

#endif
