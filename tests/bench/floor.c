/*
 * floor.c: the libpcap floor for the benchmarks: read a capture with a
 * 1 MiB stdio buffer and count bytes per source and destination IPv4/IPv6
 * address in a flat open-addressing table. Nothing darkstat-tui does can
 * be cheaper than this; it decodes only Ethernet + IP, without checks
 * beyond the captured length.
 *
 * usage: floor FILE
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

struct slot {
	uint8_t		key[17];	/* family byte + address */
	uint64_t	bytes;
};

static struct slot	*tab;
static size_t		 mask = (1 << 16) - 1, used;

static uint64_t
hash(const uint8_t *k)
{
	uint64_t h = 1469598103934665603ULL;
	int i;

	for (i = 0; i < 17; i++)
		h = (h ^ k[i]) * 1099511628211ULL;
	return h ^ (h >> 29);
}

static void grow(void);

static void
add(const uint8_t *key, uint64_t n)
{
	size_t s;

	for (s = hash(key) & mask; tab[s].key[0] && memcmp(tab[s].key, key,
	    17); s = (s + 1) & mask)
		;
	if (!tab[s].key[0]) {
		memcpy(tab[s].key, key, 17);
		if (++used * 2 > mask)
			grow();
		add(key, n);
		return;
	}
	tab[s].bytes += n;
}

static void
grow(void)
{
	struct slot *old = tab;
	size_t i, n = mask + 1;

	mask = n * 2 - 1;
	tab = calloc(mask + 1, sizeof *tab);
	used = 0;
	for (i = 0; i < n; i++)
		if (old[i].key[0]) {
			size_t s;

			for (s = hash(old[i].key) & mask; tab[s].key[0];
			    s = (s + 1) & mask)
				;
			tab[s] = old[i];
			used++;
		}
	free(old);
}

static void
on_packet(u_char *u, const struct pcap_pkthdr *h, const u_char *p)
{
	uint8_t k[17] = { 0 };

	(void)u;
	if (h->caplen >= 34 && p[12] == 0x08 && p[13] == 0x00) {
		k[0] = 4;
		memcpy(k + 1, p + 26, 4);
		add(k, (uint64_t)(p[16] << 8 | p[17]));
		memcpy(k + 1, p + 30, 4);
		add(k, (uint64_t)(p[16] << 8 | p[17]));
	} else if (h->caplen >= 54 && p[12] == 0x86 && p[13] == 0xdd) {
		k[0] = 6;
		memcpy(k + 1, p + 22, 16);
		add(k, (uint64_t)(p[18] << 8 | p[19]) + 40);
		memcpy(k + 1, p + 38, 16);
		add(k, (uint64_t)(p[18] << 8 | p[19]) + 40);
	}
}

int
main(int argc, char **argv)
{
	char err[PCAP_ERRBUF_SIZE];
	FILE *f;
	pcap_t *pc;

	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL)
		return 2;
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	if ((pc = pcap_fopen_offline(f, err)) == NULL) {
		fprintf(stderr, "floor: %s\n", err);
		return 1;
	}
	tab = calloc(mask + 1, sizeof *tab);
	pcap_loop(pc, -1, on_packet, NULL);
	printf("%zu addresses\n", used);
	pcap_close(pc);
	return 0;
}
