/* embed.h: files embedded into the binary at build time (tools/embed.sh):
 * the schema migrations schema/NNN-name.sql and the code tables in data/. */
#ifndef SANZI_EMBED_H
#define SANZI_EMBED_H

struct embedded_file {
  const char *name; /* path relative to the repository, e.g. "schema/001-core.sql" */
  const char *text; /* the file's bytes, NUL-terminated */
};
extern const struct embedded_file embedded_files[];

#endif
