/* version.h: the program's version. */
#ifndef SANZI_VERSION_H
#define SANZI_VERSION_H
#define SANZI_VERSION "0.2.0"
#endif
