/* i18n.c: the language of messages over GNU gettext (glibc's libintl). */
#include "base/i18n.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DOMAIN "sanzi"
#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

const char *tr(int lang, const char *msgid)
{
  if(lang == LANG_EN || !*msgid)
    return msgid;
  return dgettext(DOMAIN, msgid);
}

const char *trn(int lang, const char *one, const char *many, unsigned long n)
{
  if(lang == LANG_EN)
    return n == 1 ? one : many;
  return dngettext(DOMAIN, one, many, n);
}

/* The reasons a user meets (a file missing, the disk full), in the words
 * of glibc's English descriptions, so that the catalog translates them
 * whether or not the system has its own Chinese messages. */
static const char *const errno_msgids[] = {
    N_("No such file or directory"),
    N_("Permission denied"),
    N_("Is a directory"),
    N_("Not a directory"),
    N_("File exists"),
    N_("No space left on device"),
    N_("Read-only file system"),
    N_("File too large"),
    N_("Input/output error"),
    N_("Disk quota exceeded"),
    N_("Too many levels of symbolic links"),
    N_("File name too long"),
    N_("Directory not empty"),
    N_("Operation not permitted"),
    N_("Too many open files"),
    N_("Cannot allocate memory"),
    N_("Invalid argument"),
    N_("Broken pipe"),
    N_("Device or resource busy"),
    N_("Invalid cross-device link"),
};

const char *tr_errno(int lang, int err)
{
  const char *d = strerrordesc_np(err);
  if(!d)
    return tr(lang, N_("Unknown error"));
  for(size_t i = 0; i < sizeof errno_msgids / sizeof *errno_msgids; i++)
    if(!strcmp(d, errno_msgids[i]))
      return tr(lang, errno_msgids[i]);
  return d; /* a rare reason: glibc's English words */
}

/* dir holds the zh_CN catalog. */
static int has_catalog(const char *dir)
{
  char path[PATH_MAX + 64];
  int n = snprintf(path, sizeof path, "%s/zh_CN/LC_MESSAGES/" DOMAIN ".mo",
                   dir);
  return n > 0 && (size_t)n < sizeof path && access(path, R_OK) == 0;
}

int i18n_init(const char *exe)
{
  /* gettext translates nothing on the "C" locale; C.UTF-8 is on every
   * Debian system. Only the message and character categories change:
   * numbers keep the C locale's decimal point. */
  const char *loc = setlocale(LC_MESSAGES, "");
  if(!loc || !strcmp(loc, "C") || !strcmp(loc, "POSIX"))
    setlocale(LC_MESSAGES, "C.UTF-8");
  loc = setlocale(LC_CTYPE, "");
  if(!loc || !strcmp(loc, "C") || !strcmp(loc, "POSIX"))
    setlocale(LC_CTYPE, "C.UTF-8");
  /* The language is chosen per message (tr); gettext is always asked for
   * the Chinese catalog. */
  setenv("LANGUAGE", "zh_CN", 1);

  char self[PATH_MAX];
  ssize_t n = -1;
  if(!exe) {
    n = readlink("/proc/self/exe", self, sizeof self - 1);
    if(n > 0)
      self[n] = 0;
  } else if(strlen(exe) < sizeof self) {
    strcpy(self, exe);
    n = (ssize_t)strlen(self);
  }
  if(n > 0) {
    char *slash = strrchr(self, '/');
    if(slash) {
      /* the build tree: ./sanzi beside build/locale, or build-x/sanzi
       * beside build-x/locale; installed: PREFIX/bin/sanzi with
       * PREFIX/share/locale, whatever PREFIX it was compiled for */
      char dir[PATH_MAX + 24];
      *slash = 0;
      const char *tails[] = {"/build/locale", "/locale", "/../share/locale"};
      for(size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
        snprintf(dir, sizeof dir, "%s%s", self, tails[i]);
        if(has_catalog(dir)) {
          bindtextdomain(DOMAIN, dir);
          bind_textdomain_codeset(DOMAIN, "UTF-8");
          return 0;
        }
      }
    }
  }
  bindtextdomain(DOMAIN, LOCALEDIR);
  bind_textdomain_codeset(DOMAIN, "UTF-8");
  return has_catalog(LOCALEDIR) ? 0 : -1;
}

int i18n_lang_parse(const char *s)
{
  if(!strcmp(s, "zh") || !strncmp(s, "zh_", 3) || !strncmp(s, "zh-", 3) ||
     !strcmp(s, "cn") || !strcmp(s, "中文"))
    return LANG_ZH;
  if(!strcmp(s, "en") || !strncmp(s, "en_", 3) || !strncmp(s, "en-", 3) ||
     !strcmp(s, "english") || !strcmp(s, "英文"))
    return LANG_EN;
  return -1;
}

int i18n_env_lang(void)
{
  const char *vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
  for(size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
    const char *v = getenv(vars[i]);
    if(!v || !*v)
      continue;
    /* LANGUAGE is a list ("en:zh_CN"): its first entry decides */
    return (v[0] == 'e' && v[1] == 'n' &&
            (v[2] == 0 || v[2] == '_' || v[2] == '.' || v[2] == ':' ||
             v[2] == '@' || v[2] == '-'))
               ? LANG_EN
               : LANG_ZH;
  }
  return LANG_ZH;
}
