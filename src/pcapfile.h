/*
 * pcapfile.h: a reader for classic pcap files (version 2.4, micro- or
 * nanosecond, either byte order) that hands out records straight from a
 * large buffer, where libpcap's reader costs two fread() calls and a copy
 * per packet. It gives what libpcap 1.10.3's pcap_next_packet() gives:
 * the same headers, data, errors and error messages.
 *
 * libpcap still opens the file, checks its header and maps its link type:
 *
 *	pf = pcapfile_new(f, chunk);
 *	p = pcap_fopen_offline(pcapfile_stream(pf), err);
 *	if (pcapfile_start(pf, p))
 *		while ((rc = pcapfile_next(pf, &h, &data)) == 1)
 *			...;	(rc 0: end of file, -1: pcapfile_error())
 *	else
 *		pcap_dispatch(p, ...);	(not a file this reader takes)
 *	pcap_close(p);			(closes f)
 *	pcapfile_free(pf);		(after: the stream may read from pf)
 */
#ifndef PCAPFILE_H
#define PCAPFILE_H

#include <stddef.h>
#include <stdio.h>

#include <pcap/pcap.h>

struct pcapfile;

/*
 * Look at the file header of f, just opened, leaving it for libpcap; chunk
 * is the size of each read. NULL when out of memory.
 */
struct pcapfile	*pcapfile_new(FILE *f, size_t chunk);
/*
 * The stream to give pcap_fopen_offline(): f itself, or for a pipe (which
 * cannot be read twice) one that gives back the header bytes taken from it
 * and then reads on. Closing it closes f. pcapfile_free() comes after.
 */
FILE		*pcapfile_stream(const struct pcapfile *);
/*
 * After libpcap opened that stream as p: 1 if this reader takes the
 * records from here, 0 if libpcap must read them (not a classic 2.4 file,
 * or a link type whose pseudo-header libpcap rewrites).
 */
int		 pcapfile_start(struct pcapfile *, pcap_t *p);
/*
 * The next record: 1 (data valid until the next call), 0 at the end of the
 * file, -1 on an error (the packets before it are good).
 */
int		 pcapfile_next(struct pcapfile *, struct pcap_pkthdr *,
		    const u_char **data);
/* libpcap's message for the error that pcapfile_next() returned. */
const char	*pcapfile_error(const struct pcapfile *);
/* Free the reader, once the stream is closed. */
void		 pcapfile_free(struct pcapfile *);

#endif
