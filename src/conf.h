/*
 * conf.h: the configuration file of -c: one option a line, written as its
 * long name without the dashes, then its value if it takes one:
 *
 *	# comment
 *	interface eth0
 *	hosts-max 5000
 *	no-dns
 *	filter "not port 22"
 *
 * conf.c only splits the lines; opt.c checks the names and values.
 */
#ifndef CONF_H
#define CONF_H

/*
 * Read path and call set() for each option line, with its name, its value
 * (NULL if the line has none; quotes removed) and "path:line" for the
 * messages. The strings stay valid for the life of the program. A line
 * that does not parse exits 2 naming path:line; an unreadable file exits 1.
 */
void	conf_read(const char *path, void (*set)(const char *name,
	    const char *value, const char *where));

#endif
