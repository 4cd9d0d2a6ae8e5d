/*
 * pcapfile_fuzzer.c: libFuzzer target for the -r reader (pcapfile.c): any
 * bytes as a capture file, read from a stream without a descriptor (as a
 * pipe is read) in chunks of a size taken from the input's length, so that
 * records straddle the chunks. libpcap reads the same bytes from a stream
 * of its own: every record (header and data), the end and every error
 * message must be the same, or the target aborts. Files the reader leaves
 * to libpcap are compared too, libpcap reading through the reader's
 * stream.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "pcapfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* One record from either side: 1, 0 at the end, -1 on an error. */
struct rec {
	int			 rc;
	struct pcap_pkthdr	 h;
	const u_char		*data;
	char			 err[PCAP_ERRBUF_SIZE];
};

static void
from_libpcap(pcap_t *p, struct rec *r)
{
	struct pcap_pkthdr *h;

	r->rc = pcap_next_ex(p, &h, &r->data);
	if (r->rc == 1)
		r->h = *h;
	else if (r->rc == PCAP_ERROR_BREAK)
		r->rc = 0;
	else
		snprintf(r->err, sizeof r->err, "%s", pcap_geterr(p));
}

static void
from_pcapfile(struct pcapfile *pf, struct rec *r)
{
	r->rc = pcapfile_next(pf, &r->h, &r->data);
	if (r->rc == -1)
		snprintf(r->err, sizeof r->err, "%s", pcapfile_error(pf));
}

static void
same(const struct rec *a, const struct rec *b)
{
	if (a->rc != b->rc)
		abort();
	if (a->rc == -1 && strcmp(a->err, b->err) != 0)
		abort();
	if (a->rc != 1)
		return;
	if (a->h.ts.tv_sec != b->h.ts.tv_sec ||
	    a->h.ts.tv_usec != b->h.ts.tv_usec ||
	    a->h.caplen != b->h.caplen || a->h.len != b->h.len ||
	    memcmp(a->data, b->data, a->h.caplen) != 0)
		abort();
}

/* Both to the end: the reader's records, or libpcap's through its stream. */
static void
compare(pcap_t *ref, pcap_t *p, struct pcapfile *pf)
{
	struct rec a, b;
	int mine = pcapfile_start(pf, p);

	do {
		memset(&a, 0, sizeof a);
		memset(&b, 0, sizeof b);
		from_libpcap(ref, &a);
		if (mine)
			from_pcapfile(pf, &b);
		else
			from_libpcap(p, &b);
		same(&a, &b);
	} while (a.rc == 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err1[PCAP_ERRBUF_SIZE], err2[PCAP_ERRBUF_SIZE];
	struct pcapfile *pf;
	pcap_t *ref, *p;
	FILE *f1, *f2, *s;
	void *copy;

	if (size == 0 || (copy = malloc(size)) == NULL)
		return 0;
	memcpy(copy, data, size);
	f1 = fmemopen(copy, size, "rb");
	f2 = fmemopen(copy, size, "rb");
	if (f1 == NULL || f2 == NULL || (pf = pcapfile_new(f2,
	    16 + size % 251)) == NULL)
		abort();
	s = pcapfile_stream(pf);
	ref = pcap_fopen_offline(f1, err1);
	p = pcap_fopen_offline(s, err2);
	if ((ref == NULL) != (p == NULL))
		abort();
	if (ref == NULL) {
		if (strcmp(err1, err2) != 0)
			abort();
		fclose(f1);
		fclose(s);
	} else {
		compare(ref, p, pf);
		pcap_close(ref);
		pcap_close(p);
	}
	pcapfile_free(pf);	/* after its stream */
	free(copy);
	return 0;
}
