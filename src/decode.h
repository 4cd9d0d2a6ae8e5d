/*
 * decode.h: pure packet decoding. Bytes in, a small summary out; no state,
 * no locks, no I/O. Every byte is read through a bounds check against the
 * captured length.
 */
#ifndef DECODE_H
#define DECODE_H

#include <stdint.h>

#include "addr.h"

/* struct pkt flags */
#define PKT_PROTO	0x01	/* proto is known: count it in the protocol table */
#define PKT_PORTS	0x02	/* sport/dport (and tcp_flags for TCP) are valid;
				   without it both are 0 */
#define PKT_MACS	0x04	/* src_mac/dst_mac come from an Ethernet header */
#define PKT_CUT		0x08	/* caplen < wire length: cut by the snapshot length */
#define PKT_SRC_LOCAL	0x10	/* set by the capture thread, not by decode */
#define PKT_DST_LOCAL	0x20	/* likewise */

/*
 * Notes: features darkstat 3.0.719 decodes differently or not at all. They
 * change nothing in our accounting; they are counted so that reports and
 * tests can tell which captures darkstat can serve as a reference for.
 */
#define NOTE_VLAN	0x0001	/* 802.1Q / 802.1ad tag(s) */
#define NOTE_MPLS	0x0002	/* MPLS label stack */
#define NOTE_IP_OPTIONS	0x0004	/* IPv4 header longer than 20 bytes */
#define NOTE_IPV6_EXT	0x0008	/* IPv6 extension header(s) walked */
#define NOTE_FRAGMENT	0x0010	/* IPv4 non-first fragment or IPv6 fragment */
#define NOTE_PPPOE	0x0020	/* PPPoE session on Ethernet (darkstat: --pppoe) */
#define NOTE_PPP_IPV6	0x0040	/* IPv6 over PPP or PPPoE */
#define NOTE_LINK	0x0080	/* link type or framing darkstat refuses */
#define NOTE_JUMBO	0x0100	/* IPv6 jumbogram */
#define NOTE_COUNT	9

struct pkt {
	struct addr	src;
	struct addr	dst;
	int64_t		ts;		/* capture time, seconds (set by cap.c) */
	uint32_t	len;		/* IP length: the counted bytes */
	uint16_t	sport;
	uint16_t	dport;
	uint8_t		proto;		/* transport protocol, with PKT_PROTO */
	uint8_t		tcp_flags;	/* TCP flags byte, with PKT_PORTS */
	uint8_t		flags;		/* PKT_* */
	uint8_t		iface;		/* index of the capturing interface */
	uint16_t	notes;		/* NOTE_* */
	uint8_t		src_mac[6];
	uint8_t		dst_mac[6];
	uint32_t	usec;		/* capture time, microseconds part */
	/* TCP, with PKT_PORTS: for connection tracking */
	uint32_t	seq;
	uint32_t	ack;
	uint16_t	win;
	uint16_t	payload;	/* TCP data bytes (capped at 65535) */
};

enum decode_status {
	DECODE_OK,		/* account it */
	DECODE_SKIP,		/* not IP, or cut before the addresses */
	DECODE_MALFORMED	/* headers contradict themselves */
};

/* Why a packet was skipped or found malformed. */
enum decode_reason {
	REASON_NONE,
	/* skipped */
	REASON_NOT_IP,		/* ARP, LCP, unknown ethertype or family... */
	REASON_CUT,		/* snapshot length cut before the IP addresses */
	/* malformed */
	REASON_LINK_SHORT,	/* frame ends inside the link-layer header */
	REASON_ENCAP_DEPTH,	/* absurd number of VLAN tags or MPLS labels */
	REASON_IP_VERSION,	/* version does not match the link layer */
	REASON_IP_SHORT,	/* frame ends inside the IP header */
	REASON_IPV4_IHL,	/* IPv4 header length < 20 */
	REASON_IPV4_TOTLEN,	/* IPv4 total length < header length */
	REASON_IP_LEN,		/* IP length larger than the frame */
	REASON_IPV6_EXT,	/* IPv6 extension header beyond the payload */
	REASON_IPV6_JUMBO,	/* invalid jumbogram */
	REASON_TCP_SHORT,	/* IP payload too short for a TCP header */
	REASON_TCP_DOFF,	/* TCP data offset < 5 */
	REASON_TCP_DOFF_LEN,	/* TCP data offset beyond the IP payload */
	REASON_UDP_SHORT,	/* IP payload too short for a UDP header */
	REASON_COUNT
};
#define REASON_FIRST_MALFORMED REASON_LINK_SHORT

int			 decode_supported(int dlt);
const char		*decode_reason_name(enum decode_reason);
const char		*decode_note_name(int bit);
enum decode_status	 decode_packet(int dlt, const uint8_t *data,
			    uint32_t caplen, uint32_t wirelen, struct pkt *,
			    enum decode_reason *);
/*
 * decode_packet without its fast path for the common frames: the tests
 * check that both give the same result.
 */
enum decode_status	 decode_general(int dlt, const uint8_t *data,
			    uint32_t caplen, uint32_t wirelen, struct pkt *,
			    enum decode_reason *);

#endif
