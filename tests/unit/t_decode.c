/*
 * t_decode.c: unit tests of decode_packet(), for every link type, at every
 * truncation length of a valid frame.
 *
 * Frames are written byte by byte as hex strings: a link header (one per
 * link type and IP version) followed by an IP datagram. The expected values
 * sit next to the bytes and were worked out by hand from them; nothing is
 * taken from the decoder. Each valid frame is decoded
 *   - whole, checking every field of struct pkt;
 *   - cut by the snapshot length at every caplen from 0 to its length;
 *   - shortened (caplen == wirelen) at every length below its own.
 * Every decode gets a heap buffer of exactly caplen bytes, so that the
 * sanitizers report a read past the captured bytes.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/dlt.h>

#include "addr.h"
#include "decode.h"
#include "unit.h"

#define SRC4	"192.0.2.1"
#define DST4	"198.51.100.2"
#define SRC6	"2001:db8::1"
#define DST6	"2001:db8:1::ab"
#define A4	"c0 00 02 01  c6 33 64 02 "
#define A6	"20 01 0d b8 00 00 00 00  00 00 00 00 00 00 00 01 "	\
		"20 01 0d b8 00 01 00 00  00 00 00 00 00 00 00 ab "

/* Ethernet addresses: destination, then source. */
#define ETH	"00 1b 21 3c 4d 5e  52 54 00 12 34 56 "
static const uint8_t dmac[6] = { 0x00, 0x1b, 0x21, 0x3c, 0x4d, 0x5e };
static const uint8_t smac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
#define E4	ETH "08 00 "
#define E6	ETH "86 dd "

/* TCP 40000 -> 443, seq 1, doff 5, flags 0x18 (PSH|ACK). */
#define TCP	"9c 40 01 bb  00 00 00 01  00 00 00 00  50 18 ff ff  00 00 00 00 "
/* UDP 54321 -> 53, length 8: a header and nothing else. */
#define UDP8	"d4 31 00 35  00 08 00 00 "
/* 28 bytes of IPv4 (20 + UDP8), 48 of IPv6 (40 + UDP8). */
#define P4UDP8	"45 00 00 1c  00 01 00 00  40 11 00 00 " A4 UDP8
#define P6UDP8	"60 00 00 00  00 08 11 40 " A6 UDP8
/* Linux cooked headers, protocol type left to the caller. */
#define SLL	"00 00 00 01 00 06  52 54 00 12 34 56 00 00 "
#define SLL2	"00 00  00 00 00 02  00 01 00 06  52 54 00 12 34 56 00 00 "
#define ARP	"00 01 08 00 06 04 00 01  52 54 00 12 34 56 " A4	\
		"00 00 00 00 00 00 "
#define VLAN8	"81 00 00 01  81 00 00 02  81 00 00 03  81 00 00 04 "	\
		"81 00 00 05  81 00 00 06  81 00 00 07  81 00 00 08 "
#define MPLS7	"00 01 00 40  00 02 00 40  00 03 00 40  00 04 00 40 "	\
		"00 05 00 40  00 06 00 40  00 07 00 40 "

/* The largest frame: a jumbogram of 65536 payload bytes and its headers. */
#define FRAME_MAX	(64 + 40 + 65536 + 64)
static uint8_t frame[FRAME_MAX];

/* A link header, for IPv4 and for IPv6 (NULL: that version cannot follow). */
struct linkcase {
	const char	*name;
	int		 dlt;
	const char	*hex4, *hex6;
	uint16_t	 notes4, notes6;
	int		 macs;		/* Ethernet: the MACs above */
	int		 all;		/* carries every IP case, not just basic */
	uint32_t	 trailer;	/* padding after the datagram */
};

/*
 * "LLLL" in a link header is the PPPoE length (RFC 2516: the PPP protocol
 * field plus the datagram), filled in when the frame is assembled.
 */
static const struct linkcase links[] = {
	{ "eth", DLT_EN10MB, E4, E6, 0, 0, 1, 1, 0 },
	/* Ethernet pads short frames: the padding is not IP length. */
	{ "eth+trailer", DLT_EN10MB, E4, E6, 0, 0, 1, 0, 10 },
	{ "eth 802.1Q", DLT_EN10MB, ETH "81 00 20 64 08 00",
	    ETH "81 00 20 64 86 dd", NOTE_VLAN, NOTE_VLAN, 1, 0, 0 },
	{ "eth 802.1ad QinQ", DLT_EN10MB, ETH "88 a8 00 0a 81 00 00 64 08 00",
	    ETH "88 a8 00 0a 81 00 00 64 86 dd", NOTE_VLAN, NOTE_VLAN, 1, 0, 0 },
	{ "eth 0x9100 QinQ", DLT_EN10MB, ETH "91 00 00 0a 81 00 00 64 08 00",
	    ETH "91 00 00 0a 81 00 00 64 86 dd", NOTE_VLAN, NOTE_VLAN, 1, 0, 0 },
	{ "eth 3 tags", DLT_EN10MB,
	    ETH "88 a8 00 0a 81 00 00 64 81 00 00 c8 08 00",
	    ETH "88 a8 00 0a 81 00 00 64 81 00 00 c8 86 dd",
	    NOTE_VLAN, NOTE_VLAN, 1, 0, 0 },
	/* Label 16, S=1, TTL 64; the IP version is guessed from the nibble. */
	{ "eth mpls", DLT_EN10MB, ETH "88 47 00 01 01 40",
	    ETH "88 47 00 01 01 40", NOTE_MPLS, NOTE_MPLS, 1, 0, 0 },
	{ "eth mpls x3", DLT_EN10MB,
	    ETH "88 47 00 01 00 40 00 02 00 40 00 03 01 40",
	    ETH "88 47 00 01 00 40 00 02 00 40 00 03 01 40",
	    NOTE_MPLS, NOTE_MPLS, 1, 0, 0 },
	{ "eth mpls multicast", DLT_EN10MB, ETH "88 48 00 01 01 40",
	    ETH "88 48 00 01 01 40", NOTE_MPLS, NOTE_MPLS, 1, 0, 0 },
	{ "eth 802.1Q mpls", DLT_EN10MB, ETH "81 00 00 64 88 47 00 01 01 40",
	    ETH "81 00 00 64 88 47 00 01 01 40", NOTE_VLAN | NOTE_MPLS,
	    NOTE_VLAN | NOTE_MPLS, 1, 0, 0 },
	{ "eth pppoe", DLT_EN10MB, ETH "88 64 11 00 12 34 LLLL 00 21",
	    ETH "88 64 11 00 12 34 LLLL 00 57", NOTE_PPPOE,
	    NOTE_PPPOE | NOTE_PPP_IPV6, 1, 0, 0 },
	{ "eth 802.1Q pppoe", DLT_EN10MB,
	    ETH "81 00 00 64 88 64 11 00 12 34 LLLL 00 21",
	    ETH "81 00 00 64 88 64 11 00 12 34 LLLL 00 57",
	    NOTE_VLAN | NOTE_PPPOE, NOTE_VLAN | NOTE_PPPOE | NOTE_PPP_IPV6,
	    1, 0, 0 },
	{ "sll", DLT_LINUX_SLL, SLL "08 00", SLL "86 dd", 0, 0, 0, 0, 0 },
	{ "sll2", DLT_LINUX_SLL2, "08 00 " SLL2, "86 dd " SLL2, NOTE_LINK,
	    NOTE_LINK, 0, 0, 0 },
	/* BSD loopback family, in either byte order; AF_INET6 is 10/24/28/30. */
	{ "null le 2/10", DLT_NULL, "02 00 00 00", "0a 00 00 00", 0, 0, 0, 0, 0 },
	{ "null be 2/10", DLT_NULL, "00 00 00 02", "00 00 00 0a", 0, 0, 0, 0, 0 },
	{ "null le 24", DLT_NULL, NULL, "18 00 00 00", 0, NOTE_LINK, 0, 0, 0 },
	{ "null be 24", DLT_NULL, NULL, "00 00 00 18", 0, NOTE_LINK, 0, 0, 0 },
	{ "null le 28", DLT_NULL, NULL, "1c 00 00 00", 0, NOTE_LINK, 0, 0, 0 },
	{ "null be 28", DLT_NULL, NULL, "00 00 00 1c", 0, NOTE_LINK, 0, 0, 0 },
	{ "null le 30", DLT_NULL, NULL, "1e 00 00 00", 0, NOTE_LINK, 0, 0, 0 },
	{ "null be 30", DLT_NULL, NULL, "00 00 00 1e", 0, NOTE_LINK, 0, 0, 0 },
	{ "loop 2/24", DLT_LOOP, "00 00 00 02", "00 00 00 18", 0, NOTE_LINK,
	    0, 0, 0 },
	{ "raw", DLT_RAW, "", "", 0, 0, 0, 1, 0 },
	{ "ipv4", DLT_IPV4, "", NULL, NOTE_LINK, 0, 0, 0, 0 },
	{ "ipv6", DLT_IPV6, NULL, "", 0, NOTE_LINK, 0, 0, 0 },
	{ "ppp", DLT_PPP, "ff 03 00 21", "ff 03 00 57", 0, NOTE_PPP_IPV6,
	    0, 0, 0 },
	/* No address/control, or a 1-byte protocol: framing darkstat refuses. */
	{ "ppp no ff03", DLT_PPP, "00 21", "00 57", NOTE_LINK,
	    NOTE_LINK | NOTE_PPP_IPV6, 0, 0, 0 },
	{ "ppp 1-byte proto", DLT_PPP, "ff 03 21", "ff 03 57", NOTE_LINK,
	    NOTE_LINK | NOTE_PPP_IPV6, 0, 0, 0 },
	{ "ppp bare 1-byte proto", DLT_PPP, "21", "57", NOTE_LINK,
	    NOTE_LINK | NOTE_PPP_IPV6, 0, 0, 0 },
	{ "ppp mpls", DLT_PPP, "ff 03 02 81 00 01 01 40",
	    "ff 03 02 81 00 01 01 40", NOTE_MPLS, NOTE_MPLS, 0, 0, 0 },
	{ "ppp_serial ppp", DLT_PPP_SERIAL, "ff 03 00 21", "ff 03 00 57",
	    NOTE_LINK, NOTE_LINK | NOTE_PPP_IPV6, 0, 0, 0 },
	{ "ppp_serial chdlc", DLT_PPP_SERIAL, "0f 00 08 00", "0f 00 86 dd",
	    NOTE_LINK, NOTE_LINK, 0, 0, 0 },
	{ "ppp_serial chdlc bcast", DLT_PPP_SERIAL, "8f 00 08 00",
	    "8f 00 86 dd", NOTE_LINK, NOTE_LINK, 0, 0, 0 },
	{ "c_hdlc", DLT_C_HDLC, "0f 00 08 00", "0f 00 86 dd", NOTE_LINK,
	    NOTE_LINK, 0, 0, 0 },
	{ "ppp_ether", DLT_PPP_ETHER, "11 00 12 34 LLLL 00 21",
	    "11 00 12 34 LLLL 00 57", 0, NOTE_PPP_IPV6, 0, 0, 0 },
};

/*
 * An IP datagram. hdr is the IP header with its options or extension
 * headers (where the transport header starts), l4 the transport header
 * the ports need (0: no ports). len_at is set only for the jumbogram: the
 * bytes needed to learn its length from the hop-by-hop option.
 */
struct ipcase {
	const char	*name;
	const char	*hex;
	uint32_t	 zeros;		/* data bytes of zero after hex */
	int		 v;
	int		 basic;		/* carried by every link type */
	uint32_t	 len, hdr, l4, len_at;
	uint8_t		 proto, tcp_flags;
	uint16_t	 sport, dport, notes;
};

static const struct ipcase ips[] = {
	{ "v4 tcp", "45 00 00 2e  00 01 00 00  40 06 00 00 " A4 TCP
	    "de ad be ef 00 01", 0, 4, 1,
	    20 + 20 + 6, 20, 20, 0, 6, 0x18, 40000, 443, 0 },
	{ "v4 udp", "45 00 00 24  00 02 00 00  40 11 00 00 " A4
	    "d4 31 00 35  00 10 00 00  01 02 03 04 05 06 07 08", 0, 4, 1,
	    20 + 8 + 8, 20, 8, 0, 17, 0, 54321, 53, 0 },
	{ "v6 tcp", "60 00 00 00  00 1a 06 40 " A6
	    "c3 50 00 16  00 00 00 01  00 00 00 00  50 02 ff ff  00 00 00 00 "
	    "ca fe ca fe 00 00", 0, 6, 1,
	    40 + 20 + 6, 40, 20, 0, 6, 0x02, 50000, 22, 0 },
	{ "v6 udp", "60 00 00 00  00 0c 11 40 " A6
	    "00 7b 00 7b  00 0c 00 00  aa bb cc dd", 0, 6, 1,
	    40 + 8 + 4, 40, 8, 0, 17, 0, 123, 123, 0 },
	/* DF is not a fragment; the flags byte has CWR|ECE|SYN; doff 6. */
	{ "v4 tcp df cwr|ece|syn", "45 00 00 2c  00 03 40 00  40 06 00 00 " A4
	    "04 d2 00 50  00 00 00 00  00 00 00 00  60 c2 ff ff  00 00 00 00 "
	    "02 04 05 b4", 0, 4, 0,
	    20 + 24, 20, 20, 0, 6, 0xc2, 1234, 80, 0 },
	{ "v4 icmp", "45 00 00 1c  00 04 00 00  40 01 00 00 " A4
	    "08 00 f7 ff 00 01 00 00", 0, 4, 0,
	    20 + 8, 20, 0, 0, 1, 0, 0, 0, 0 },
	{ "v4 gre", "45 00 00 20  00 05 00 00  40 2f 00 00 " A4
	    "00 00 08 00  45 00 00 08 00 00 00 00", 0, 4, 0,
	    20 + 4 + 8, 20, 0, 0, 47, 0, 0, 0, 0 },
	/* MF, offset 0: the UDP header is there (its length is the whole). */
	{ "v4 first fragment udp", "45 00 00 24  00 06 20 00  40 11 00 00 " A4
	    "d4 31 00 35  00 40 00 00  01 02 03 04 05 06 07 08", 0, 4, 0,
	    20 + 16, 20, 8, 0, 17, 0, 54321, 53, 0 },
	/* Offset 7 (56 bytes), last: data that must not be read as ports. */
	{ "v4 later fragment udp", "45 00 00 1c  00 06 00 07  40 11 00 00 " A4
	    "12 34 56 78 9a bc de f0", 0, 4, 0,
	    20 + 8, 20, 0, 0, 17, 0, 0, 0, NOTE_FRAGMENT },
	/* MF and offset 185: a middle fragment whose data looks like TCP. */
	{ "v4 middle fragment tcp", "45 00 00 30  00 07 20 b9  40 06 00 00 " A4
	    TCP "de ad be ef 00 01 02 03", 0, 4, 0,
	    20 + 28, 20, 0, 0, 6, 0, 0, 0, NOTE_FRAGMENT },
	{ "v6 icmpv6", "60 00 00 00  00 08 3a ff " A6 "80 00 7f bb 00 01 00 01",
	    0, 6, 0, 40 + 8, 40, 0, 0, 58, 0, 0, 0, 0 },
	{ "v6 esp", "60 00 00 00  00 10 32 40 " A6
	    "00 00 10 01 00 00 00 01  00 11 22 33 44 55 66 77", 0, 6, 0,
	    40 + 16, 40, 0, 0, 50, 0, 0, 0, 0 },
	{ "v6 no next header", "60 00 00 00  00 00 3b 40 " A6, 0, 6, 0,
	    40, 40, 0, 0, 59, 0, 0, 0, 0 },
	/* Hop-by-hop, 8 bytes: next 17, PadN of 4. */
	{ "v6 hbh udp", "60 00 00 00  00 14 00 01 " A6
	    "11 00 01 04 00 00 00 00  00 35 d4 31 00 0c 00 00  01 02 03 04",
	    0, 6, 0, 40 + 8 + 8 + 4, 48, 8, 0, 17, 0, 53, 54321,
	    NOTE_IPV6_EXT },
	/* Routing, 24 bytes (length 2), one address. */
	{ "v6 routing tcp", "60 00 00 00  00 2c 2b 40 " A6
	    "06 02 00 01 00 00 00 00 "
	    "20 01 0d b8 00 00 00 00  00 00 00 00 00 00 00 99 " TCP, 0, 6, 0,
	    40 + 24 + 20, 64, 20, 0, 6, 0x18, 40000, 443, NOTE_IPV6_EXT },
	/* Destination options, 16 bytes (length 1): PadN of 12. */
	{ "v6 dstopts udp", "60 00 00 00  00 1c 3c 40 " A6
	    "11 01 01 0c 00 00 00 00  00 00 00 00 00 00 00 00 "
	    "00 7b 00 7b  00 0c 00 00  aa bb cc dd", 0, 6, 0,
	    40 + 16 + 8 + 4, 56, 8, 0, 17, 0, 123, 123, NOTE_IPV6_EXT },
	/* AH counts in 4-byte units: length 4 is (4 + 2) * 4 = 24 bytes. */
	{ "v6 ah udp", "60 00 00 00  00 24 33 40 " A6
	    "11 04 00 00  00 00 10 00  00 00 00 01 "
	    "00 11 22 33 44 55 66 77 88 99 aa bb "
	    "00 7b 00 7b  00 0c 00 00  aa bb cc dd", 0, 6, 0,
	    40 + 24 + 8 + 4, 64, 8, 0, 17, 0, 123, 123, NOTE_IPV6_EXT },
	{ "v6 hbh+dst+rt+ah tcp", "60 00 00 00  00 54 00 40 " A6
	    "3c 00 01 04 00 00 00 00 "
	    "2b 00 01 04 00 00 00 00 "
	    "33 02 00 01 00 00 00 00 "
	    "20 01 0d b8 00 00 00 00  00 00 00 00 00 00 00 99 "
	    "06 04 00 00  00 00 10 00  00 00 00 01 "
	    "00 11 22 33 44 55 66 77 88 99 aa bb " TCP, 0, 6, 0,
	    40 + 8 + 8 + 24 + 24 + 20, 104, 20, 0, 6, 0x18, 40000, 443,
	    NOTE_IPV6_EXT },
	/* Fragment header: offset 0, M=1. */
	{ "v6 first fragment udp", "60 00 00 00  00 14 2c 40 " A6
	    "11 00 00 01 12 34 56 78  00 7b 00 7b  00 40 00 00  aa bb cc dd",
	    0, 6, 0, 40 + 8 + 8 + 4, 48, 8, 0, 17, 0, 123, 123,
	    NOTE_IPV6_EXT | NOTE_FRAGMENT },
	/* Offset 1 (8 bytes), M=0: data that looks like UDP and is not. */
	{ "v6 later fragment udp", "60 00 00 00  00 10 2c 40 " A6
	    "11 00 00 08 12 34 56 78  00 7b 00 7b  00 0c 00 00", 0, 6, 0,
	    40 + 8 + 8, 48, 0, 0, 17, 0, 0, 0,
	    NOTE_IPV6_EXT | NOTE_FRAGMENT },
	/*
	 * RFC 2675: payload length 0, hop-by-hop Jumbo Payload option of
	 * 65536 = 8 (hop-by-hop) + 8 (UDP, length 0) + 65520 data bytes.
	 */
	{ "v6 jumbogram udp", "60 00 00 00  00 00 00 40 " A6
	    "11 00 c2 04 00 01 00 00  00 7b 00 7b  00 00 00 00", 65520, 6, 0,
	    40 + 65536, 48, 8, 48, 17, 0, 123, 123,
	    NOTE_IPV6_EXT | NOTE_JUMBO },
};

/* What decoding one assembled frame must give. Offsets are in the frame. */
struct want {
	char		 name[96];
	int		 dlt;
	const char	*src, *dst;
	uint32_t	 len;
	uint8_t		 proto, tcp_flags;
	uint16_t	 sport, dport, notes;
	int		 macs;
	uint32_t	 ip;		/* the IP header */
	uint32_t	 addr;		/* caplen that holds both addresses */
	uint32_t	 len_at;	/* caplen that holds the IP length */
	uint32_t	 proto_at;	/* caplen for PKT_PROTO */
	uint32_t	 ports_at;	/* caplen for PKT_PORTS; 0: never */
};

static unsigned long ndecodes, ndisagree, nfast, nfastdiff, nstrayports;

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define T_ASAN
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(T_ASAN)
/*
 * Every decode mallocs its own buffer. ASan's default 256 MB quarantine
 * keeps the freed ones out of reuse, so the jumbogram sweeps (some 8 GB
 * of buffers) page through fresh memory for seconds. Over-reads are found
 * by the redzones, which the quarantine size does not change.
 */
const char *__asan_default_options(void);

const char *
__asan_default_options(void)
{
	return "quarantine_size_mb=4";
}
#endif

static int
nibble(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	fprintf(stderr, "t_decode: bad hex digit '%c'\n", ch);
	exit(2);
}

/* Append the bytes of hex at b + n; "LLLL" is replaced by pppoe_len. */
static uint32_t
put_hex(uint8_t *b, uint32_t n, const char *hex, uint16_t pppoe_len)
{
	while (*hex != '\0') {
		if (n + 2 > FRAME_MAX) {
			fprintf(stderr, "t_decode: frame too long\n");
			exit(2);
		}
		if (*hex == ' ') {
			hex++;
		} else if (strncmp(hex, "LLLL", 4) == 0) {
			b[n++] = (uint8_t)(pppoe_len >> 8);
			b[n++] = (uint8_t)pppoe_len;
			hex += 4;
		} else {
			b[n++] = (uint8_t)(nibble(hex[0]) << 4 | nibble(hex[1]));
			hex += 2;
		}
	}
	return n;
}

static uint32_t
hex_len(const char *hex)
{
	uint32_t n = 0;

	for (; *hex != '\0'; hex++)
		n += *hex != ' ';
	return n / 2;
}

static const char *
status_name(enum decode_status st)
{
	return st == DECODE_OK ? "ok" : st == DECODE_SKIP ? "skip" :
	    st == DECODE_MALFORMED ? "malformed" : "?";
}

/* Status and reason must tell the same story. */
static int
agree(enum decode_status st, enum decode_reason why)
{
	switch (st) {
	case DECODE_OK:
		return why == REASON_NONE;
	case DECODE_SKIP:
		return why == REASON_NOT_IP || why == REASON_CUT;
	case DECODE_MALFORMED:
		return why >= REASON_FIRST_MALFORMED && why < REASON_COUNT;
	}
	return 0;
}

/*
 * Decode the first caplen bytes of b from a heap buffer of exactly that
 * size. k is filled with junk first: decode must set every field itself.
 */
static enum decode_status
run(int dlt, const uint8_t *b, uint32_t caplen, uint32_t wirelen,
    struct pkt *k, enum decode_reason *why)
{
	enum decode_status st, gst;
	enum decode_reason gwhy;
	struct pkt g;
	uint8_t *copy;

	copy = malloc(caplen);
	if (copy == NULL && caplen > 0)
		abort();
	if (caplen > 0)
		memcpy(copy, b, caplen);
	memset(k, 0xa5, sizeof *k);
	*why = REASON_COUNT;
	st = decode_packet(dlt, copy, caplen, wirelen, k, why);
	/* The fast path must give exactly what the general one gives. */
	memset(&g, 0x5a, sizeof g);
	gst = decode_general(dlt, copy, caplen, wirelen, &g, &gwhy);
	if (gst != st || gwhy != *why || memcmp(&g, k, sizeof g) != 0)
		nfastdiff++;
	if (st == DECODE_OK && dlt == DLT_EN10MB && k->flags & PKT_PORTS &&
	    !(k->notes))
		nfast++;
	/* conns.c reads the two ports as one value, whatever the flags. */
	if (st == DECODE_OK && !(k->flags & PKT_PORTS) &&
	    (k->sport != 0 || k->dport != 0))
		nstrayports++;
	free(copy);
	ndecodes++;
	if (!agree(st, *why))
		ndisagree++;
	return st;
}

/* Failures of a sweep: how many lengths failed, and the first one. */
struct fault {
	uint32_t	bad;
	char		first[160];
};

static void fault(struct fault *, uint32_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
fault(struct fault *f, uint32_t len, const char *fmt, ...)
{
	va_list ap;
	int o;

	if (f->bad++ > 0)
		return;
	o = snprintf(f->first, sizeof f->first, " (first at %u: ", len);
	va_start(ap, fmt);
	vsnprintf(f->first + o, sizeof f->first - (size_t)o, fmt, ap);
	va_end(ap);
	strncat(f->first, ")", sizeof f->first - strlen(f->first) - 1);
}

/* Link header + datagram (+ trailer) into frame[]; returns its length. */
static uint32_t
assemble(const struct linkcase *l, const struct ipcase *ip, struct want *w)
{
	uint32_t iplen = hex_len(ip->hex) + ip->zeros, n;

	memset(w, 0, sizeof *w);
	snprintf(w->name, sizeof w->name, "%s / %s", l->name, ip->name);
	n = put_hex(frame, 0, ip->v == 4 ? l->hex4 : l->hex6,
	    (uint16_t)(2 + iplen));
	w->ip = n;
	n = put_hex(frame, n, ip->hex, 0);
	memset(frame + n, 0, ip->zeros);
	n += ip->zeros;
	memset(frame + n, 0xa5, l->trailer);
	n += l->trailer;

	w->dlt = l->dlt;
	w->src = ip->v == 4 ? SRC4 : SRC6;
	w->dst = ip->v == 4 ? DST4 : DST6;
	w->len = ip->len;
	w->proto = ip->proto;
	w->tcp_flags = ip->tcp_flags;
	w->sport = ip->sport;
	w->dport = ip->dport;
	w->notes = (ip->v == 4 ? l->notes4 : l->notes6) | ip->notes;
	w->macs = l->macs;
	w->addr = w->ip + (ip->v == 4 ? 20 : 40);
	w->len_at = ip->len_at ? w->ip + ip->len_at : w->addr;
	w->ports_at = ip->l4 ? w->ip + ip->hdr + ip->l4 : 0;
	/* TCP/UDP: a cut transport header means hosts only, no protocol. */
	w->proto_at = w->ports_at ? w->ports_at : w->ip + ip->hdr;
	return n;
}

static void
check_full(const struct want *w, uint32_t n)
{
	enum decode_status st;
	enum decode_reason why;
	struct addr src, dst;
	struct pkt k;

	st = run(w->dlt, frame, n, n, &k, &why);
	CHECK(st == DECODE_OK && why == REASON_NONE, "%s: decodes (%s/%s)",
	    w->name, status_name(st), decode_reason_name(why));
	if (st != DECODE_OK)
		return;		/* the fields would only repeat the failure */
	addr_parse(w->src, &src);
	addr_parse(w->dst, &dst);
	CHECK(addr_eq(&k.src, &src), "%s: src %s", w->name, w->src);
	CHECK(addr_eq(&k.dst, &dst), "%s: dst %s", w->name, w->dst);
	CHECK_U64(k.len, w->len, "%s: len", w->name);
	CHECK_U64(k.flags, PKT_PROTO | (w->ports_at ? PKT_PORTS : 0) |
	    (w->macs ? PKT_MACS : 0), "%s: flags", w->name);
	CHECK_U64(k.proto, w->proto, "%s: proto", w->name);
	CHECK_U64(k.sport, w->sport, "%s: sport", w->name);
	CHECK_U64(k.dport, w->dport, "%s: dport", w->name);
	CHECK_U64(k.tcp_flags, w->tcp_flags, "%s: tcp_flags", w->name);
	CHECK_U64(k.notes, w->notes, "%s: notes", w->name);
	if (w->macs)
		CHECK(memcmp(k.dst_mac, dmac, 6) == 0 &&
		    memcmp(k.src_mac, smac, 6) == 0, "%s: macs", w->name);
}

/* What an OK decode of the first c bytes (of n on the wire) must hold. */
static void
check_fields(const struct want *w, uint32_t c, uint32_t n,
    const struct pkt *k, struct fault *f)
{
	struct addr src, dst;
	uint32_t len;
	uint8_t flags;

	addr_parse(w->src, &src);
	addr_parse(w->dst, &dst);
	/* A jumbogram's length is unknown until the option is captured. */
	len = c < w->len_at ? 40 : w->len;
	flags = (c < n ? PKT_CUT : 0) | (w->macs ? PKT_MACS : 0) |
	    (c >= w->proto_at ? PKT_PROTO : 0) |
	    (w->ports_at && c >= w->ports_at ? PKT_PORTS : 0);
	if (!addr_eq(&k->src, &src) || !addr_eq(&k->dst, &dst))
		fault(f, c, "addresses");
	else if (k->len != len)
		fault(f, c, "len %u, want %u", k->len, len);
	else if (k->flags != flags)
		fault(f, c, "flags %#x, want %#x", k->flags, flags);
	else if ((k->flags & PKT_PROTO) && k->proto != w->proto)
		fault(f, c, "proto %u, want %u", k->proto, w->proto);
	else if ((k->flags & PKT_PORTS) && (k->sport != w->sport ||
	    k->dport != w->dport || k->tcp_flags != w->tcp_flags))
		fault(f, c, "ports %u>%u/%#x, want %u>%u/%#x", k->sport,
		    k->dport, k->tcp_flags, w->sport, w->dport, w->tcp_flags);
	else if (k->notes & ~w->notes)
		fault(f, c, "notes %#x, not within %#x", k->notes, w->notes);
	else if (w->macs && (memcmp(k->dst_mac, dmac, 6) != 0 ||
	    memcmp(k->src_mac, smac, 6) != 0))
		fault(f, c, "macs");
}

/*
 * Snapshot length c of the frame, wirelen n: skipped as cut until both
 * addresses are in, then counted with the IP length from the header;
 * protocol and ports as soon as, and no sooner than, their headers are in.
 */
static void
check_cut(const struct want *w, uint32_t n)
{
	struct fault f = { 0, "" };
	enum decode_status st;
	enum decode_reason why;
	struct pkt k;
	uint32_t c;

	for (c = 0; c <= n; c++) {
		st = run(w->dlt, frame, c, n, &k, &why);
		if (c < w->addr) {
			if (st != DECODE_SKIP || why != REASON_CUT)
				fault(&f, c, "%s/%s, want skip/%s",
				    status_name(st), decode_reason_name(why),
				    decode_reason_name(REASON_CUT));
		} else if (st != DECODE_OK)
			fault(&f, c, "%s/%s, want ok", status_name(st),
			    decode_reason_name(why));
		else
			check_fields(w, c, n, &k, &f);
	}
	CHECK(f.bad == 0, "%s: cut at every caplen 0..%u%s", w->name, n,
	    f.first);
}

/*
 * The frame itself shorter (caplen == wirelen): it no longer holds its own
 * headers or its IP length, so it is malformed, unless only link padding
 * went. Below the addresses either reason will do: a link layer may have
 * to look past its header to find its end (PPP's 1- or 2-byte protocol).
 */
static void
check_short(const struct want *w, uint32_t n)
{
	struct fault f = { 0, "" };
	enum decode_status st;
	enum decode_reason why, want;
	struct pkt k;
	uint32_t c;

	for (c = 0; c < n; c++) {
		st = run(w->dlt, frame, c, c, &k, &why);
		if (c >= w->ip + w->len) {
			if (st != DECODE_OK || k.len != w->len)
				fault(&f, c, "%s/%s len %u, want ok len %u",
				    status_name(st), decode_reason_name(why),
				    k.len, w->len);
			continue;
		}
		want = c < w->ip ? REASON_LINK_SHORT : c < w->addr ?
		    REASON_IP_SHORT : c < w->len_at ? REASON_IPV6_EXT :
		    REASON_IP_LEN;
		if (want == REASON_IP_SHORT && why == REASON_LINK_SHORT)
			want = why;
		if (st != DECODE_MALFORMED || why != want)
			fault(&f, c, "%s/%s, want malformed/%s",
			    status_name(st), decode_reason_name(why),
			    decode_reason_name(want));
	}
	CHECK(f.bad == 0, "%s: shortened to every length 0..%u%s", w->name,
	    n - 1, f.first);
}

static void
check_frame(const struct linkcase *l, const struct ipcase *ip)
{
	struct want w;
	uint32_t n;

	n = assemble(l, ip, &w);
	check_full(&w, n);
	check_cut(&w, n);
	check_short(&w, n);
}

/* Every link type with the basic datagrams; Ethernet and raw with all. */
static void
test_links(void)
{
	size_t i, j;

	for (j = 0; j < sizeof ips / sizeof ips[0]; j++)
		CHECK_U64(hex_len(ips[j].hex) + ips[j].zeros, ips[j].len,
		    "table: %s is as long as its IP length", ips[j].name);
	for (i = 0; i < sizeof links / sizeof links[0]; i++)
		for (j = 0; j < sizeof ips / sizeof ips[0]; j++) {
			if (!links[i].all && !ips[j].basic)
				continue;
			if ((ips[j].v == 4 ? links[i].hex4 :
			    links[i].hex6) == NULL)
				continue;
			check_frame(&links[i], &ips[j]);
		}
}

/*
 * IPv4 options, IHL 6 to 15: NOPs and an EOL. Read as ports, the options
 * would give 257 (0x0101); the ports are after them.
 */
static void
test_options(void)
{
	char name[64], hex[512];
	struct ipcase ip;
	uint32_t ihl, i;
	int o, tcp;

	for (ihl = 6; ihl <= 15; ihl++)
		for (tcp = 0; tcp <= 1; tcp++) {
			memset(&ip, 0, sizeof ip);
			ip.v = 4;
			ip.hdr = ihl * 4;
			ip.l4 = tcp ? 20 : 8;
			ip.len = ip.hdr + ip.l4 + 2;
			ip.proto = tcp ? 6 : 17;
			ip.tcp_flags = tcp ? 0x18 : 0;
			ip.sport = tcp ? 40000 : 54321;
			ip.dport = tcp ? 443 : 53;
			ip.notes = NOTE_IP_OPTIONS;
			snprintf(name, sizeof name, "v4 ihl %u %s", ihl,
			    tcp ? "tcp" : "udp");
			ip.name = name;
			o = snprintf(hex, sizeof hex, "4%x 00 %04x 00 09 00 00 "
			    "40 %02x 00 00 " A4, ihl, ip.len, ip.proto);
			for (i = 20; i < ihl * 4; i++)
				o += snprintf(hex + o, sizeof hex - (size_t)o,
				    "%s", i + 1 < ihl * 4 ? "01 " : "00 ");
			snprintf(hex + o, sizeof hex - (size_t)o, "%s ab cd",
			    tcp ? TCP : "d4 31 00 35  00 0a 00 00");
			ip.hex = hex;
			check_frame(&links[0], &ip);
		}
}

/* Frames with a single expected verdict: malformed, skipped, or not. */
static const struct verdict {
	const char		*name;
	int			 dlt;
	const char		*hex;
	uint32_t		 extra;	/* wire bytes beyond the captured */
	enum decode_status	 st;
	enum decode_reason	 why;
	uint32_t		 len;	/* if OK and nonzero: the IP length */
} verdicts[] = {
#define MAL	DECODE_MALFORMED
#define SKIP	DECODE_SKIP
#define OK	DECODE_OK, REASON_NONE
	{ "eth ipv4 ihl 4", DLT_EN10MB,
	    E4 "44 00 00 1c  00 01 00 00  40 11 00 00 " A4 UDP8, 0,
	    MAL, REASON_IPV4_IHL, 0 },
	{ "eth ipv4 ihl 0", DLT_EN10MB,
	    E4 "40 00 00 1c  00 01 00 00  40 11 00 00 " A4 UDP8, 0,
	    MAL, REASON_IPV4_IHL, 0 },
	{ "eth ipv4 total length 19 < ihl 20", DLT_EN10MB,
	    E4 "45 00 00 13  00 01 00 00  40 11 00 00 " A4 UDP8, 0,
	    MAL, REASON_IPV4_TOTLEN, 0 },
	{ "eth ipv4 total length 22 < ihl 24", DLT_EN10MB,
	    E4 "46 00 00 16  00 01 00 00  40 11 00 00 " A4 "01 01 01 00 "
	    UDP8, 0, MAL, REASON_IPV4_TOTLEN, 0 },
	{ "eth ipv4 total length 29, 28 in frame", DLT_EN10MB,
	    E4 "45 00 00 1d  00 01 00 00  40 11 00 00 " A4 UDP8, 0,
	    MAL, REASON_IP_LEN, 0 },
	{ "eth ipv4 total length 100, 38 on the wire", DLT_EN10MB,
	    E4 "45 00 00 64  00 01 00 00  40 11 00 00 " A4 UDP8, 10,
	    MAL, REASON_IP_LEN, 0 },
	{ "eth ipv4 total length 38, 28 captured of 38", DLT_EN10MB,
	    E4 "45 00 00 26  00 01 00 00  40 11 00 00 " A4 UDP8, 10,
	    OK, 38 },
	{ "eth version 7 in 0x0800", DLT_EN10MB,
	    E4 "75 00 00 1c  00 01 00 00  40 11 00 00 " A4 UDP8, 0,
	    MAL, REASON_IP_VERSION, 0 },
	{ "eth version 6 in 0x0800", DLT_EN10MB, E4 P6UDP8, 0,
	    MAL, REASON_IP_VERSION, 0 },
	{ "eth version 4 in 0x86dd", DLT_EN10MB, E6 P4UDP8, 0,
	    MAL, REASON_IP_VERSION, 0 },
	{ "raw version 5", DLT_RAW,
	    "55 00 00 1c  00 01 00 00  40 11 00 00 " A4 UDP8, 0,
	    MAL, REASON_IP_VERSION, 0 },
	{ "ipv4 link carrying ipv6", DLT_IPV4, P6UDP8, 0,
	    MAL, REASON_IP_VERSION, 0 },
	{ "ipv6 link carrying ipv4", DLT_IPV6, P4UDP8, 0,
	    MAL, REASON_IP_VERSION, 0 },
	{ "eth ipv6 payload length 9, 8 in frame", DLT_EN10MB,
	    E6 "60 00 00 00  00 09 11 40 " A6 UDP8, 0, MAL, REASON_IP_LEN, 0 },
	{ "eth ipv6 hbh of 16 in a payload of 12", DLT_EN10MB,
	    E6 "60 00 00 00  00 0c 00 40 " A6
	    "11 01 01 0a 00 00 00 00 00 00 00 00", 0, MAL, REASON_IPV6_EXT, 0 },
	{ "eth ipv6 dstopts in a payload of 4", DLT_EN10MB,
	    E6 "60 00 00 00  00 04 3c 40 " A6 "11 00 01 00", 0,
	    MAL, REASON_IPV6_EXT, 0 },
	{ "eth ipv6 ah of 48 in a payload of 24", DLT_EN10MB,
	    E6 "60 00 00 00  00 18 33 40 " A6
	    "11 0a 00 00  00 00 10 00  00 00 00 01 "
	    "00 11 22 33 44 55 66 77 88 99 aa bb", 0, MAL, REASON_IPV6_EXT, 0 },
	{ "eth ipv6 jumbo length 65535", DLT_EN10MB,
	    E6 "60 00 00 00  00 00 00 40 " A6 "11 00 c2 04 00 00 ff ff " UDP8,
	    0, MAL, REASON_IPV6_JUMBO, 0 },
	/* Pad1 and PadN before the option; 24 of 65576 bytes captured. */
	{ "eth ipv6 jumbo after pad1/padn, cut", DLT_EN10MB,
	    E6 "60 00 00 00  00 00 00 40 " A6
	    "11 01 00 01 02 00 00 c2  04 00 01 00 00 01 01 00 "
	    "00 7b 00 7b 00 00 00 00", 65536 - 24, OK, 40 + 65536 },
	{ "eth tcp doff 4", DLT_EN10MB,
	    E4 "45 00 00 28  00 01 00 00  40 06 00 00 " A4
	    "9c 40 01 bb  00 00 00 01  00 00 00 00  40 18 ff ff  00 00 00 00",
	    0, MAL, REASON_TCP_DOFF, 0 },
	{ "eth tcp doff 0", DLT_EN10MB,
	    E4 "45 00 00 28  00 01 00 00  40 06 00 00 " A4
	    "9c 40 01 bb  00 00 00 01  00 00 00 00  00 18 ff ff  00 00 00 00",
	    0, MAL, REASON_TCP_DOFF, 0 },
	{ "eth tcp doff 60 in a payload of 26", DLT_EN10MB,
	    E4 "45 00 00 2e  00 01 00 00  40 06 00 00 " A4
	    "9c 40 01 bb  00 00 00 01  00 00 00 00  f0 18 ff ff  00 00 00 00 "
	    "de ad be ef 00 01", 0, MAL, REASON_TCP_DOFF_LEN, 0 },
	{ "eth tcp doff 60 in a payload of 40, cut", DLT_EN10MB,
	    E4 "45 00 00 3c  00 01 00 00  40 06 00 00 " A4
	    "9c 40 01 bb  00 00 00 01  00 00 00 00  f0 18 ff ff  00 00 00 00",
	    20, MAL, REASON_TCP_DOFF_LEN, 0 },
	{ "eth tcp doff 24 in a payload of 24", DLT_EN10MB,
	    E4 "45 00 00 2c  00 01 00 00  40 06 00 00 " A4
	    "9c 40 01 bb  00 00 00 01  00 00 00 00  60 18 ff ff  00 00 00 00 "
	    "02 04 05 b4", 0, OK, 44 },
	{ "eth ipv6 tcp doff 24 in a payload of 20", DLT_EN10MB,
	    E6 "60 00 00 00  00 14 06 40 " A6
	    "9c 40 01 bb  00 00 00 01  00 00 00 00  60 18 ff ff  00 00 00 00",
	    0, MAL, REASON_TCP_DOFF_LEN, 0 },
	{ "eth ipv4 tcp in 10 bytes", DLT_EN10MB,
	    E4 "45 00 00 1e  00 01 00 00  40 06 00 00 " A4
	    "9c 40 01 bb 00 00 00 01 00 00", 0, MAL, REASON_TCP_SHORT, 0 },
	{ "eth ipv4 udp in 4 bytes", DLT_EN10MB,
	    E4 "45 00 00 18  00 01 00 00  40 11 00 00 " A4 "d4 31 00 35", 0,
	    MAL, REASON_UDP_SHORT, 0 },
	{ "eth ipv6 tcp in 10 bytes", DLT_EN10MB,
	    E6 "60 00 00 00  00 0a 06 40 " A6 "9c 40 01 bb 00 00 00 01 00 00",
	    0, MAL, REASON_TCP_SHORT, 0 },
	{ "eth ipv6 udp in 4 bytes after hbh", DLT_EN10MB,
	    E6 "60 00 00 00  00 0c 00 40 " A6
	    "11 00 01 04 00 00 00 00  d4 31 00 35", 0,
	    MAL, REASON_UDP_SHORT, 0 },
	/* A first fragment may legally end inside its transport header. */
	{ "eth ipv4 first fragment, tcp in 8 bytes", DLT_EN10MB,
	    E4 "45 00 00 1c  00 01 20 00  40 06 00 00 " A4
	    "9c 40 01 bb 00 00 00 01", 0, OK, 28 },
	{ "eth ipv6 first fragment, udp in 4 bytes", DLT_EN10MB,
	    E6 "60 00 00 00  00 0c 2c 40 " A6
	    "11 00 00 01 12 34 56 78  d4 31 00 35", 0, OK, 52 },
	/* MAX_TAGS is 8: 8 tags or labels decode, a 9th is too deep. */
	{ "eth 8 vlan tags", DLT_EN10MB, ETH VLAN8 "08 00 " P4UDP8, 0,
	    OK, 28 },
	{ "eth 9 vlan tags", DLT_EN10MB, ETH VLAN8 "81 00 00 09 08 00 "
	    P4UDP8, 0, MAL, REASON_ENCAP_DEPTH, 0 },
	{ "eth 8 mpls labels", DLT_EN10MB, ETH "88 47 " MPLS7 "00 08 01 40 "
	    P4UDP8, 0, OK, 28 },
	{ "eth 9 mpls labels", DLT_EN10MB, ETH "88 47 " MPLS7
	    "00 08 00 40 00 09 01 40 " P4UDP8, 0, MAL, REASON_ENCAP_DEPTH, 0 },
	{ "eth 13 bytes", DLT_EN10MB, ETH "08", 0, MAL, REASON_LINK_SHORT, 0 },
	/* Not IP. */
	{ "eth arp", DLT_EN10MB, ETH "08 06 " ARP, 0, SKIP, REASON_NOT_IP, 0 },
	{ "eth 802.1Q arp", DLT_EN10MB, ETH "81 00 00 64 08 06 " ARP, 0,
	    SKIP, REASON_NOT_IP, 0 },
	{ "eth pppoe discovery padi", DLT_EN10MB,
	    ETH "88 63 11 09 00 00 00 04 01 01 00 00", 0,
	    SKIP, REASON_NOT_IP, 0 },
	{ "eth pppoe session lcp", DLT_EN10MB,
	    ETH "88 64 11 00 12 34 00 06 c0 21 01 01 00 04", 0,
	    SKIP, REASON_NOT_IP, 0 },
	{ "eth lldp", DLT_EN10MB, ETH "88 cc 02 07 04 00 1b 21 3c 4d 5e", 0,
	    SKIP, REASON_NOT_IP, 0 },
	{ "eth 802.3 length + llc", DLT_EN10MB,
	    ETH "00 26 42 42 03 00 00 00 00 00", 0, SKIP, REASON_NOT_IP, 0 },
	{ "eth mpls control word", DLT_EN10MB,
	    ETH "88 47 00 01 01 40 00 00 00 00 " P4UDP8, 0,
	    SKIP, REASON_NOT_IP, 0 },
	{ "sll arp", DLT_LINUX_SLL, SLL "08 06 " ARP, 0,
	    SKIP, REASON_NOT_IP, 0 },
	{ "sll2 arp", DLT_LINUX_SLL2, "08 06 " SLL2 ARP, 0,
	    SKIP, REASON_NOT_IP, 0 },
	{ "ppp lcp", DLT_PPP, "ff 03 c0 21 01 01 00 04", 0,
	    SKIP, REASON_NOT_IP, 0 },
	{ "ppp_serial lcp", DLT_PPP_SERIAL, "ff 03 c0 21 01 01 00 04", 0,
	    SKIP, REASON_NOT_IP, 0 },
	{ "ppp_ether lcp", DLT_PPP_ETHER,
	    "11 00 12 34 00 06 c0 21 01 01 00 04", 0, SKIP, REASON_NOT_IP, 0 },
	{ "c_hdlc slarp", DLT_C_HDLC,
	    "8f 00 80 35 00 00 00 01 c0 00 02 01 ff ff ff 00", 0,
	    SKIP, REASON_NOT_IP, 0 },
	{ "null family 7", DLT_NULL, "07 00 00 00 " P4UDP8, 0,
	    SKIP, REASON_NOT_IP, 0 },
	{ "null family 23 be", DLT_NULL, "00 00 00 17 " P6UDP8, 0,
	    SKIP, REASON_NOT_IP, 0 },
	{ "loop family 0", DLT_LOOP, "00 00 00 00 " P4UDP8, 0,
	    SKIP, REASON_NOT_IP, 0 },
	{ "fddi (unsupported)", DLT_FDDI, P4UDP8, 0, SKIP, REASON_NOT_IP, 0 },
#undef MAL
#undef SKIP
#undef OK
};

static void
test_verdicts(void)
{
	const struct verdict *v;
	enum decode_status st;
	enum decode_reason why;
	struct pkt k;
	uint32_t n, c;
	size_t i;

	for (i = 0; i < sizeof verdicts / sizeof verdicts[0]; i++) {
		v = &verdicts[i];
		n = put_hex(frame, 0, v->hex, 0);
		st = run(v->dlt, frame, n, n + v->extra, &k, &why);
		CHECK(st == v->st && why == v->why, "%s: %s/%s (got %s/%s)",
		    v->name, status_name(v->st), decode_reason_name(v->why),
		    status_name(st), decode_reason_name(why));
		if (st == DECODE_OK && v->len != 0)
			CHECK_U64(k.len, v->len, "%s: len", v->name);
		/* Every prefix too: only the sanitizers judge these. */
		for (c = 0; c < n; c++)
			run(v->dlt, frame, c, n + v->extra, &k, &why);
	}
}

static void
test_supported(void)
{
#define D(x)	{ x, #x }
	static const struct {
		int		 dlt;
		const char	*name;
	} yes[] = {
		D(DLT_EN10MB), D(DLT_LINUX_SLL), D(DLT_LINUX_SLL2),
		D(DLT_NULL), D(DLT_LOOP), D(DLT_RAW), D(DLT_IPV4),
		D(DLT_IPV6), D(DLT_PPP), D(DLT_PPP_SERIAL), D(DLT_C_HDLC),
		D(DLT_PPP_ETHER),
	}, no[] = {
		D(DLT_FDDI), D(DLT_IEEE802_11_RADIO), D(DLT_IEEE802_11),
		D(DLT_IEEE802), D(DLT_SLIP), D(DLT_ATM_RFC1483), D(-1),
	};
#undef D
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		CHECK(decode_supported(yes[i].dlt), "supported: %s",
		    yes[i].name);
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		CHECK(!decode_supported(no[i].dlt), "not supported: %s",
		    no[i].name);
}

int
main(void)
{
	test_supported();
	test_links();
	test_options();
	test_verdicts();
	CHECK(ndisagree == 0, "status and reason agree in all %lu decodes",
	    ndecodes);
	CHECK(nfastdiff == 0 && nfast > 100, "fast and general paths agree in "
	    "all %lu decodes (%lu plain Ethernet TCP/UDP)", ndecodes, nfast);
	CHECK(nstrayports == 0, "ports are 0 without PKT_PORTS in all %lu "
	    "decodes", ndecodes);
	return unit_done();
}
