/*
 * decode.c: link layer -> IP -> transport, into a struct pkt.
 *
 * Every read goes through a cursor that knows how many bytes were captured
 * (cap) and how many were on the wire (wire). Asking for more than was
 * captured is truncation when the wire had them (snapshot length) and
 * malformation when it did not (the frame itself is too short).
 *
 * Counted length is the IP length from the header (darkstat's rule), never
 * the frame length; the IP length is trusted only when the frame is long
 * enough to hold it.
 */
#include <string.h>

#include <pcap/dlt.h>

#include "decode.h"

#define ETH_IPV4	0x0800
#define ETH_ARP		0x0806
#define ETH_VLAN	0x8100
#define ETH_IPV6	0x86dd
#define ETH_MPLS	0x8847
#define ETH_MPLS_MC	0x8848
#define ETH_PPPOE_DISC	0x8863
#define ETH_PPPOE_SESS	0x8864
#define ETH_QINQ	0x88a8
#define ETH_QINQ_OLD	0x9100

#define PPP_IPV4	0x0021
#define PPP_IPV6	0x0057
#define PPP_MPLS	0x0281
#define PPP_MPLS_MC	0x0283

#define ETH_CMD		0x8909	/* Cisco MetaData */
#define ETH_NSH		0x894f	/* Network Service Header, RFC 8300 */

#define MAX_TAGS	8	/* VLAN tags or MPLS labels before we give up */
#define MAX_NEST	4	/* Ethernet inside MPLS or NSH, nested */

/* Linux AF_INET6 is 10; BSDs and macOS use 24, 28 and 30. */
#define AF_V4		2

struct cur {
	const uint8_t	*p;
	uint32_t	 cap;	/* bytes captured from p on */
	uint32_t	 wire;	/* bytes on the wire from p on (>= cap) */
	int		 nest;	/* inner Ethernet headers entered so far */
};

/* Internal result: 0 = fine, else the status to return with *reason. */
struct res {
	enum decode_status	st;
	enum decode_reason	why;
};

static const struct res OK = { DECODE_OK, REASON_NONE };

/*
 * Copied over each packet's summary: a copy is a few vector moves where
 * memset() of this size becomes a "rep stos", slow to start.
 */
static const struct pkt pkt_zero;

static struct res
fail(enum decode_status st, enum decode_reason why)
{
	struct res r = { st, why };
	return r;
}

/*
 * Can n bytes be read at the cursor? If not, the packet was cut (the wire
 * had them) or the frame is too short for its own headers (malformed, with
 * the given reason).
 */
static int
has(const struct cur *c, uint32_t n)
{
	return n <= c->cap;
}

static struct res
short_by(const struct cur *c, uint32_t n, enum decode_reason malformed)
{
	if (n <= c->wire)
		return fail(DECODE_SKIP, REASON_CUT);
	return fail(DECODE_MALFORMED, malformed);
}

static void
skip(struct cur *c, uint32_t n)
{
	c->p += n;
	c->cap -= n;
	c->wire -= n;
}

static uint16_t
be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* ------------------------------------------------------------ transport */

/* Fragment state of an IP datagram. */
enum frag { FRAG_NONE, FRAG_FIRST, FRAG_LATER };

/*
 * c covers exactly the IP payload (cap and wire both limited by the IP
 * length). A later fragment has no transport header: protocol only. A
 * first fragment may legally be too short for its transport header.
 */
static struct res
decode_transport(struct cur *c, uint8_t proto, enum frag frag,
    struct pkt *k)
{
	uint32_t doff;

	k->proto = proto;
	k->flags |= PKT_PROTO;
	if (frag == FRAG_LATER)
		return OK;
	if ((proto == 6 && c->wire < 20) || (proto == 17 && c->wire < 8)) {
		if (frag == FRAG_FIRST)
			return OK;
		return fail(DECODE_MALFORMED, proto == 6 ? REASON_TCP_SHORT :
		    REASON_UDP_SHORT);
	}
	switch (proto) {
	case 6:
		if (!has(c, 20))
			goto cut;
		doff = (uint32_t)(c->p[12] >> 4) * 4;
		if (doff < 20)
			return fail(DECODE_MALFORMED, REASON_TCP_DOFF);
		if (doff > c->wire && frag == FRAG_NONE)
			return fail(DECODE_MALFORMED, REASON_TCP_DOFF_LEN);
		k->tcp_flags = c->p[13];
		k->seq = be32(c->p + 4);
		k->ack = be32(c->p + 8);
		k->win = be16(c->p + 14);
		/* Data after the header, by the IP length (not captured). */
		k->payload = c->wire > doff ? (uint16_t)(c->wire - doff > 65535 ?
		    65535 : c->wire - doff) : 0;
		break;
	case 17:
		if (!has(c, 8))
			goto cut;
		break;
	default:
		return OK;
	}
	k->sport = be16(c->p);
	k->dport = be16(c->p + 2);
	k->flags |= PKT_PORTS;
	return OK;
cut:
	/* Header cut by the snapshot length: hosts only, as darkstat does. */
	k->flags &= ~PKT_PROTO;
	return OK;
}

/* Limit the cursor to an IP datagram of len bytes starting at c. */
static void
clamp(struct cur *c, uint32_t len)
{
	if (c->cap > len)
		c->cap = len;
	c->wire = len;
}

/* ------------------------------------------------------------------ IP */

static struct res
decode_ipv4(struct cur *c, struct pkt *k)
{
	uint32_t ihl, totlen;
	uint16_t off;
	uint8_t proto;
	enum frag frag;

	if (!has(c, 20))
		return short_by(c, 20, REASON_IP_SHORT);
	if (c->p[0] >> 4 != 4)
		return fail(DECODE_MALFORMED, REASON_IP_VERSION);
	ihl = (uint32_t)(c->p[0] & 0x0f) * 4;
	totlen = be16(c->p + 2);
	if (ihl < 20)
		return fail(DECODE_MALFORMED, REASON_IPV4_IHL);
	if (totlen < ihl)
		return fail(DECODE_MALFORMED, REASON_IPV4_TOTLEN);
	if (totlen > c->wire)
		return fail(DECODE_MALFORMED, REASON_IP_LEN);
	k->src.family = k->dst.family = 4;
	memcpy(k->src.u.b, c->p + 12, 4);
	memcpy(k->dst.u.b, c->p + 16, 4);
	k->len = totlen;
	if (ihl > 20)
		k->notes |= NOTE_IP_OPTIONS;
	off = be16(c->p + 6);
	frag = (off & 0x1fff) ? FRAG_LATER : (off & 0x2000) ? FRAG_FIRST :
	    FRAG_NONE;
	if (frag == FRAG_LATER)
		k->notes |= NOTE_FRAGMENT;
	proto = c->p[9];
	if (!has(c, ihl))
		return OK;	/* options cut off: hosts only */
	clamp(c, totlen);
	skip(c, ihl);
	return decode_transport(c, proto, frag, k);
}

/* Is this next-header value an IPv6 extension header we walk over? */
static int
ipv6_is_ext(uint8_t nh)
{
	return nh == 0 || nh == 43 || nh == 44 || nh == 51 || nh == 60;
}

/*
 * Find a Jumbo Payload option (RFC 2675) in the hop-by-hop header at c.
 * Returns the jumbo length, 0 if there is none, or -1 if the header is cut.
 */
static int64_t
ipv6_jumbo(const struct cur *c)
{
	uint32_t hlen, off;

	if (!has(c, 2))
		return -1;
	hlen = ((uint32_t)c->p[1] + 1) * 8;
	if (!has(c, hlen))
		return -1;
	for (off = 2; off < hlen;) {
		uint8_t type = c->p[off];

		if (type == 0) {		/* Pad1 */
			off++;
			continue;
		}
		if (off + 2 > hlen || off + 2 + c->p[off + 1] > hlen)
			return 0;
		if (type == 0xc2 && c->p[off + 1] == 4)
			return be32(c->p + off + 2);
		off += 2 + (uint32_t)c->p[off + 1];
	}
	return 0;
}

/*
 * Do the options of a hop-by-hop or destination options header of hlen
 * bytes at p tile it exactly? An option running past its header is a
 * contradiction, as an overlong IPv4 header would be.
 */
static int
ipv6_opts_ok(const uint8_t *p, uint32_t hlen)
{
	uint32_t off = 2;

	while (off < hlen) {
		if (p[off] == 0) {		/* Pad1 */
			off++;
			continue;
		}
		if (off + 2 > hlen)
			return 0;
		off += 2 + (uint32_t)p[off + 1];
	}
	return off == hlen;
}

static struct res
decode_ipv6(struct cur *c, struct pkt *k)
{
	uint32_t len, hlen;
	uint16_t off;
	uint8_t nh;
	enum frag frag = FRAG_NONE;

	if (!has(c, 40))
		return short_by(c, 40, REASON_IP_SHORT);
	if (c->p[0] >> 4 != 6)
		return fail(DECODE_MALFORMED, REASON_IP_VERSION);
	len = 40 + (uint32_t)be16(c->p + 4);
	nh = c->p[6];
	k->src.family = k->dst.family = 6;
	memcpy(k->src.u.b, c->p + 8, 16);
	memcpy(k->dst.u.b, c->p + 24, 16);
	skip(c, 40);
	if (len == 40 && nh == 0) {
		int64_t j = ipv6_jumbo(c);

		if (j < 0 && c->cap < c->wire) {
			/* Hop-by-hop header cut: the length is unknown. */
			k->len = 40;
			return OK;
		}
		if (j > 0) {
			if (j < 65536)
				return fail(DECODE_MALFORMED, REASON_IPV6_JUMBO);
			len = 40 + (uint32_t)j;
			k->notes |= NOTE_JUMBO;
		}
	}
	if (len - 40 > c->wire)
		return fail(DECODE_MALFORMED, REASON_IP_LEN);
	k->len = len;
	clamp(c, len - 40);
	while (ipv6_is_ext(nh)) {
		k->notes |= NOTE_IPV6_EXT;
		if (c->wire < 8)
			return fail(DECODE_MALFORMED, REASON_IPV6_EXT);
		if (!has(c, 8))
			return OK;	/* cut: hosts only */
		if (nh == 44) {
			hlen = 8;
			k->notes |= NOTE_FRAGMENT;
			off = be16(c->p + 2);
			frag = (off & 0xfff8) ? FRAG_LATER : (off & 1) ?
			    FRAG_FIRST : FRAG_NONE;
		} else if (nh == 51)
			hlen = ((uint32_t)c->p[1] + 2) * 4;
		else
			hlen = ((uint32_t)c->p[1] + 1) * 8;
		if (hlen > c->wire)
			return fail(DECODE_MALFORMED, REASON_IPV6_EXT);
		if (!has(c, hlen))
			return OK;
		if ((nh == 0 || nh == 60) && !ipv6_opts_ok(c->p, hlen))
			return fail(DECODE_MALFORMED, REASON_IPV6_EXT);
		nh = c->p[0];
		skip(c, hlen);
		if (frag == FRAG_LATER)
			break;
	}
	return decode_transport(c, nh, frag, k);
}

/* An IP packet whose version is given by the link layer (0 = any). */
static struct res
decode_ip(struct cur *c, int version, struct pkt *k)
{
	int v;

	if (!has(c, 1))
		return short_by(c, 1, REASON_IP_SHORT);
	v = c->p[0] >> 4;
	if ((version != 0 && v != version) || (v != 4 && v != 6))
		return fail(DECODE_MALFORMED, REASON_IP_VERSION);
	return v == 4 ? decode_ipv4(c, k) : decode_ipv6(c, k);
}

/* --------------------------------------------------------- encapsulation */

static struct res decode_ethertype(struct cur *, uint16_t, struct pkt *);

/*
 * An Ethernet frame carried inside MPLS or NSH: decode what it carries.
 * Its MACs are the tunnelled ones, not this link's: they are not kept.
 */
static struct res
decode_inner_ether(struct cur *c, struct pkt *k)
{
	if (++c->nest > MAX_NEST)
		return fail(DECODE_MALFORMED, REASON_ENCAP_DEPTH);
	if (!has(c, 14))
		return short_by(c, 14, REASON_LINK_SHORT);
	skip(c, 14);
	return decode_ethertype(c, be16(c->p - 2), k);
}

static struct res
decode_mpls(struct cur *c, struct pkt *k)
{
	int i, v;

	k->notes |= NOTE_MPLS;
	for (i = 0; i < MAX_TAGS; i++) {
		int bottom;

		if (!has(c, 4))
			return short_by(c, 4, REASON_LINK_SHORT);
		bottom = c->p[2] & 1;
		skip(c, 4);
		if (!bottom)
			continue;
		/*
		 * No payload type in MPLS: guess from the first nibble. 0 is
		 * a pseudowire control word (RFC 4385) before an Ethernet
		 * frame (RFC 4448).
		 */
		if (!has(c, 1))
			return short_by(c, 1, REASON_IP_SHORT);
		v = c->p[0] >> 4;
		if (v == 0) {
			if (!has(c, 4))
				return short_by(c, 4, REASON_LINK_SHORT);
			skip(c, 4);
			return decode_inner_ether(c, k);
		}
		if (v != 4 && v != 6)
			return fail(DECODE_SKIP, REASON_NOT_IP);
		return decode_ip(c, v, k);
	}
	return fail(DECODE_MALFORMED, REASON_ENCAP_DEPTH);
}

/* PPP protocol field (after address/control) -> IP, MPLS or not IP. */
static struct res
decode_ppp_proto(struct cur *c, uint16_t proto, struct pkt *k)
{
	switch (proto) {
	case PPP_IPV4:
		return decode_ip(c, 4, k);
	case PPP_IPV6:
		k->notes |= NOTE_PPP_IPV6;
		return decode_ip(c, 6, k);
	case PPP_MPLS:
	case PPP_MPLS_MC:
		return decode_mpls(c, k);
	}
	return fail(DECODE_SKIP, REASON_NOT_IP);
}

/* PPPoE session header (RFC 2516) followed by a PPP protocol field. */
static struct res
decode_pppoe(struct cur *c, struct pkt *k)
{
	if (!has(c, 8))
		return short_by(c, 8, REASON_LINK_SHORT);
	if (c->p[1] != 0)	/* code 0 = session data */
		return fail(DECODE_SKIP, REASON_NOT_IP);
	skip(c, 8);
	return decode_ppp_proto(c, be16(c->p - 2), k);
}

/* NSH (RFC 8300): a header of Length 4-byte words, then Next Protocol. */
static struct res
decode_nsh(struct cur *c, struct pkt *k)
{
	uint32_t len;
	uint8_t next;

	if (!has(c, 4))
		return short_by(c, 4, REASON_LINK_SHORT);
	len = (uint32_t)(c->p[1] & 0x3f) * 4;
	next = c->p[3];
	if (len < 8)
		return fail(DECODE_MALFORMED, REASON_LINK_SHORT);
	if (!has(c, len))
		return short_by(c, len, REASON_LINK_SHORT);
	skip(c, len);
	switch (next) {
	case 1:
		return decode_ip(c, 4, k);
	case 2:
		return decode_ip(c, 6, k);
	case 3:
		return decode_inner_ether(c, k);
	case 5:
		return decode_mpls(c, k);
	}
	return fail(DECODE_SKIP, REASON_NOT_IP);
}

static struct res
decode_ethertype(struct cur *c, uint16_t type, struct pkt *k)
{
	int depth;

	/* The outer type, then up to MAX_TAGS tags. */
	for (depth = 0; depth <= MAX_TAGS; depth++) {
		switch (type) {
		case ETH_IPV4:
			return decode_ip(c, 4, k);
		case ETH_IPV6:
			return decode_ip(c, 6, k);
		case ETH_VLAN:
		case ETH_QINQ:
		case ETH_QINQ_OLD:
			k->notes |= NOTE_VLAN;
			if (!has(c, 4))
				return short_by(c, 4, REASON_LINK_SHORT);
			type = be16(c->p + 2);
			skip(c, 4);
			continue;
		case ETH_MPLS:
		case ETH_MPLS_MC:
			return decode_mpls(c, k);
		case ETH_PPPOE_SESS:
			k->notes |= NOTE_PPPOE;
			return decode_pppoe(c, k);
		case ETH_NSH:
			k->notes |= NOTE_LINK;
			return decode_nsh(c, k);
		case ETH_CMD:	/* 6 bytes of tags, then the real type */
			k->notes |= NOTE_LINK;
			if (!has(c, 8))
				return short_by(c, 8, REASON_LINK_SHORT);
			type = be16(c->p + 6);
			skip(c, 8);
			continue;
		default:
			return fail(DECODE_SKIP, REASON_NOT_IP);
		}
	}
	return fail(DECODE_MALFORMED, REASON_ENCAP_DEPTH);
}

/* ----------------------------------------------------------- link types */

static struct res
link_ether(struct cur *c, struct pkt *k)
{
	if (!has(c, 14))
		return short_by(c, 14, REASON_LINK_SHORT);
	memcpy(k->dst_mac, c->p, 6);
	memcpy(k->src_mac, c->p + 6, 6);
	k->flags |= PKT_MACS;
	skip(c, 14);
	return decode_ethertype(c, be16(c->p - 2), k);
}

static struct res
link_sll(struct cur *c, struct pkt *k)
{
	if (!has(c, 16))
		return short_by(c, 16, REASON_LINK_SHORT);
	skip(c, 16);
	return decode_ethertype(c, be16(c->p - 2), k);
}

static struct res
link_sll2(struct cur *c, struct pkt *k)
{
	uint16_t type;

	k->notes |= NOTE_LINK;
	if (!has(c, 20))
		return short_by(c, 20, REASON_LINK_SHORT);
	type = be16(c->p);
	skip(c, 20);
	return decode_ethertype(c, type, k);
}

/*
 * BSD loopback: a 4-byte address family in the byte order of the machine
 * that captured (DLT_NULL) or in network order (DLT_LOOP). Accept both
 * orders, and every system's value of AF_INET6.
 */
static struct res
link_null(struct cur *c, struct pkt *k)
{
	uint32_t fam;

	if (!has(c, 4))
		return short_by(c, 4, REASON_LINK_SHORT);
	fam = be32(c->p);
	if (fam > 0xffff)
		fam = __builtin_bswap32(fam);
	skip(c, 4);
	switch (fam) {
	case AF_V4:
		return decode_ip(c, 4, k);
	case 10:	/* Linux */
		return decode_ip(c, 6, k);
	case 24:	/* NetBSD, OpenBSD */
	case 28:	/* FreeBSD */
	case 30:	/* macOS */
		k->notes |= NOTE_LINK;
		return decode_ip(c, 6, k);
	}
	return fail(DECODE_SKIP, REASON_NOT_IP);
}

/*
 * PPP (RFC 1661/1662): an optional ff 03 address/control pair, then a
 * protocol field of one byte (compressed, odd) or two.
 */
static struct res
link_ppp(struct cur *c, struct pkt *k)
{
	uint16_t proto;

	if (!has(c, 2))
		return short_by(c, 2, REASON_LINK_SHORT);
	if (c->p[0] == 0xff && c->p[1] == 0x03)
		skip(c, 2);
	else
		k->notes |= NOTE_LINK;
	if (!has(c, 1))
		return short_by(c, 1, REASON_LINK_SHORT);
	if (c->p[0] & 1) {
		proto = c->p[0];
		k->notes |= NOTE_LINK;
		skip(c, 1);
	} else {
		if (!has(c, 2))
			return short_by(c, 2, REASON_LINK_SHORT);
		proto = be16(c->p);
		skip(c, 2);
	}
	return decode_ppp_proto(c, proto, k);
}

/* Cisco HDLC: address, control, then an ethertype. */
static struct res
link_chdlc(struct cur *c, struct pkt *k)
{
	k->notes |= NOTE_LINK;
	if (!has(c, 4))
		return short_by(c, 4, REASON_LINK_SHORT);
	skip(c, 4);
	return decode_ethertype(c, be16(c->p - 2), k);
}

/* DLT_PPP_SERIAL carries PPP in HDLC framing or Cisco HDLC (0x0f/0x8f). */
static struct res
link_ppp_serial(struct cur *c, struct pkt *k)
{
	k->notes |= NOTE_LINK;
	if (has(c, 1) && (c->p[0] == 0x0f || c->p[0] == 0x8f))
		return link_chdlc(c, k);
	return link_ppp(c, k);
}

static struct res
link_ppp_ether(struct cur *c, struct pkt *k)
{
	return decode_pppoe(c, k);
}

static struct res
link_raw(struct cur *c, struct pkt *k)
{
	return decode_ip(c, 0, k);
}

static struct res
link_ipv4(struct cur *c, struct pkt *k)
{
	k->notes |= NOTE_LINK;
	return decode_ip(c, 4, k);
}

static struct res
link_ipv6(struct cur *c, struct pkt *k)
{
	k->notes |= NOTE_LINK;
	return decode_ip(c, 6, k);
}

/* ----------------------------------------------------------- fast path */

/*
 * Most frames are Ethernet, IPv4 without options or fragmentation, or
 * IPv6 without extension headers, carrying TCP or UDP with the whole
 * header captured. They are decoded here in one straight line, with the
 * checks the general path would make on them; anything else, including
 * anything it would find wrong, returns 0 and goes the general way, which
 * gives these frames the same result (t_decode checks both).
 */
static int
decode_fast(const uint8_t *p, uint32_t caplen, uint32_t wirelen,
    struct pkt *k)
{
	uint32_t wire = (wirelen > caplen ? wirelen : caplen) - 14;
	uint32_t cap = caplen - 14, iplen, hlen, plen, doff = 0;
	const uint8_t *ip = p + 14, *l4;
	uint8_t proto;

	if (caplen < 14 + 20 + 8)	/* IPv4 and UDP headers */
		return 0;
	if (be16(p + 12) == ETH_IPV4 && ip[0] == 0x45) {
		iplen = be16(ip + 2);
		if ((be16(ip + 6) & 0x3fff) != 0)	/* a fragment */
			return 0;
		hlen = 20;
		proto = ip[9];
	} else if (be16(p + 12) == ETH_IPV6 && ip[0] >> 4 == 6 &&
	    caplen >= 14 + 40 + 8) {
		iplen = 40 + (uint32_t)be16(ip + 4);
		hlen = 40;
		proto = ip[6];
	} else
		return 0;
	if (iplen > wire || iplen < hlen)
		return 0;
	/* The transport's wire length; cap - hlen >= 8 from the checks above. */
	plen = iplen - hlen;
	l4 = ip + hlen;
	if (proto == 6) {
		if (plen < 20 || cap - hlen < 20)
			return 0;
		doff = (uint32_t)(l4[12] >> 4) * 4;
		if (doff < 20 || doff > plen)
			return 0;
	} else if (proto == 17) {
		if (plen < 8)
			return 0;
	} else
		return 0;
	*k = pkt_zero;
	memcpy(k->dst_mac, p, 6);
	memcpy(k->src_mac, p + 6, 6);
	k->flags = PKT_MACS | PKT_PROTO | PKT_PORTS |
	    (caplen < wirelen ? PKT_CUT : 0);
	if (hlen == 20) {
		k->src.family = k->dst.family = 4;
		memcpy(k->src.u.b, ip + 12, 4);
		memcpy(k->dst.u.b, ip + 16, 4);
	} else {
		k->src.family = k->dst.family = 6;
		memcpy(k->src.u.b, ip + 8, 16);
		memcpy(k->dst.u.b, ip + 24, 16);
	}
	k->len = iplen;
	k->proto = proto;
	k->sport = be16(l4);
	k->dport = be16(l4 + 2);
	if (proto == 6) {
		k->tcp_flags = l4[13];
		k->seq = be32(l4 + 4);
		k->ack = be32(l4 + 8);
		k->win = be16(l4 + 14);
		k->payload = (uint16_t)(plen - doff > 65535 ? 65535 :
		    plen - doff);
	}
	return 1;
}

/* ----------------------------------------------------------- the table */

static const struct {
	int		  dlt;
	struct res	(*fn)(struct cur *, struct pkt *);
} link_table[] = {
	{ DLT_EN10MB,		link_ether },
	{ DLT_LINUX_SLL,	link_sll },
	{ DLT_LINUX_SLL2,	link_sll2 },
	{ DLT_NULL,		link_null },
	{ DLT_LOOP,		link_null },
	{ DLT_RAW,		link_raw },
	{ DLT_IPV4,		link_ipv4 },
	{ DLT_IPV6,		link_ipv6 },
	{ DLT_PPP,		link_ppp },
	{ DLT_PPP_SERIAL,	link_ppp_serial },
	{ DLT_C_HDLC,		link_chdlc },
	{ DLT_PPP_ETHER,	link_ppp_ether },
};

static const char *reason_names[REASON_COUNT] = {
	[REASON_NONE] = "none",
	[REASON_NOT_IP] = "not_ip",
	[REASON_CUT] = "cut_before_ip",
	[REASON_LINK_SHORT] = "link_short",
	[REASON_ENCAP_DEPTH] = "encap_too_deep",
	[REASON_IP_VERSION] = "ip_bad_version",
	[REASON_IP_SHORT] = "ip_header_short",
	[REASON_IPV4_IHL] = "ipv4_ihl_lt5",
	[REASON_IPV4_TOTLEN] = "ipv4_totlen_lt_ihl",
	[REASON_IP_LEN] = "ip_len_gt_frame",
	[REASON_IPV6_EXT] = "ipv6_ext_overrun",
	[REASON_IPV6_JUMBO] = "ipv6_jumbo_invalid",
	[REASON_TCP_SHORT] = "tcp_short",
	[REASON_TCP_DOFF] = "tcp_doff_lt5",
	[REASON_TCP_DOFF_LEN] = "tcp_doff_gt_len",
	[REASON_UDP_SHORT] = "udp_short",
};

static const char *note_names[NOTE_COUNT] = {
	"vlan", "mpls", "ip_options", "ipv6_ext", "fragment", "pppoe",
	"ppp_ipv6", "link", "jumbo",
};

const char *
decode_reason_name(enum decode_reason r)
{
	return r < REASON_COUNT ? reason_names[r] : "?";
}

const char *
decode_note_name(int bit)
{
	return bit >= 0 && bit < NOTE_COUNT ? note_names[bit] : "?";
}

int
decode_supported(int dlt)
{
	size_t i;

	for (i = 0; i < sizeof link_table / sizeof link_table[0]; i++)
		if (link_table[i].dlt == dlt)
			return 1;
	return 0;
}

enum decode_status
decode_packet(int dlt, const uint8_t *data, uint32_t caplen,
    uint32_t wirelen, struct pkt *k, enum decode_reason *reason)
{
	if (dlt == DLT_EN10MB && decode_fast(data, caplen, wirelen, k)) {
		*reason = REASON_NONE;
		return DECODE_OK;
	}
	return decode_general(dlt, data, caplen, wirelen, k, reason);
}

enum decode_status
decode_general(int dlt, const uint8_t *data, uint32_t caplen,
    uint32_t wirelen, struct pkt *k, enum decode_reason *reason)
{
	struct cur c = { data, caplen, wirelen > caplen ? wirelen : caplen, 0 };
	struct res r = fail(DECODE_SKIP, REASON_NOT_IP);
	size_t i;

	*k = pkt_zero;
	if (caplen < wirelen)
		k->flags |= PKT_CUT;
	for (i = 0; i < sizeof link_table / sizeof link_table[0]; i++) {
		if (link_table[i].dlt == dlt) {
			r = link_table[i].fn(&c, k);
			break;
		}
	}
	*reason = r.why;
	return r.st;
}
