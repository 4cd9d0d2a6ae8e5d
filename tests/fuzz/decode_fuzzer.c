/*
 * decode_fuzzer.c: libFuzzer target for the packet decoder. The first byte
 * picks the link type; the rest is the frame, copied into a buffer of
 * exactly its captured length so any over-read is caught. The wire length
 * is sometimes longer (a frame cut by the snapshot length). The fast path
 * must give exactly what the general path gives.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/dlt.h>

#include "decode.h"

static const int dlts[] = {
	DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_NULL, DLT_LOOP, DLT_RAW,
	DLT_IPV4, DLT_IPV6, DLT_PPP, DLT_PPP_SERIAL, DLT_C_HDLC, DLT_PPP_ETHER,
};

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum decode_reason why, gwhy;
	enum decode_status st;
	struct pkt k, g;
	uint8_t *frame;
	uint32_t caplen, wirelen;
	int dlt;

	if (size < 1)
		return 0;
	dlt = dlts[data[0] % (sizeof dlts / sizeof dlts[0])];
	caplen = (uint32_t)(size - 1);
	wirelen = caplen + (data[0] >= 128 ? 1000 : 0);
	frame = malloc(caplen ? caplen : 1);
	if (caplen)
		memcpy(frame, data + 1, caplen);
	st = decode_packet(dlt, frame, caplen, wirelen, &k, &why);
	if (st == DECODE_OK && (k.src.family != k.dst.family ||
	    (k.src.family != 4 && k.src.family != 6)))
		abort();	/* an accounted packet always has addresses */
	memset(&g, 0x5a, sizeof g);
	if (decode_general(dlt, frame, caplen, wirelen, &g, &gwhy) != st ||
	    gwhy != why || memcmp(&g, &k, sizeof g) != 0)
		abort();
	free(frame);
	return 0;
}
